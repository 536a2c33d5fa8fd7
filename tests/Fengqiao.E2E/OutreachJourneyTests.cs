using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Fengqiao.E2E;

/// <summary>A town officer records a legal-publicity talk with a photo and sees this year's count go up by one.</summary>
public sealed partial class OutreachJourneyTests(WebServerFixture server) : IClassFixture<WebServerFixture>
{
    // A real 1×1 PNG: the upload is checked by its signature, not its name.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [GeneratedRegex(@"开展宣传活动 (\d+) 场，受众 (\d+) 人次")]
    private static partial Regex YearLine();

    private static async Task<(int Events, int Audience)> YearAsync(IPage page)
    {
        var m = YearLine().Match(await page.Locator("[data-testid=outreach-year]").InnerTextAsync());
        Assert.True(m.Success, "the year line is missing");
        return (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task An_officer_records_an_outreach_event_with_a_photo_and_the_years_count_goes_up()
    {
        string town;
        await using (var db = server.Database.Context())
        {
            town = await db.Divisions.Where(d => d.Code == "370505001").Select(d => d.Name).SingleAsync(TestContext.Current.CancellationToken);
        }
        var page = await server.SignedInPageAsync("townlead");
        await server.OpenAsync(page, "/outreach");
        var before = await YearAsync(page);

        await InteractiveForms.ChooseAsync(page, "outreach-kind", "交通安全宣讲");
        await InteractiveForms.ChooseAsync(page, "outreach-audience", "老年人");
        await page.Keyboard.PressAsync("Escape");
        await InteractiveForms.Field(page, "outreach-topic").EnterAsync("冬季老年人出行交通安全");
        await InteractiveForms.Field(page, "outreach-place").EnterAsync("垦利街道老年活动中心");
        await InteractiveForms.ChooseAsync(page, "outreach-area", town);
        await page.Keyboard.PressAsync("Escape");
        await InteractiveForms.Field(page, "outreach-count-field").EnterAsync("64");
        await InteractiveForms.UploadAsync(page.Locator("input[type=file][data-testid=outreach-photos], [data-testid=outreach-photos] input[type=file]").First,
            new FilePayload { Name = "现场.png", MimeType = "image/png", Buffer = Png });
        await Assertions.Expect(page.Locator("[data-testid=outreach-chosen]")).ToContainTextAsync("现场.png");
        await page.ClickAsync("[data-testid=outreach-save]");

        var row = page.Locator("[data-testid=outreach-row]").Filter(new() { HasText = "冬季老年人出行交通安全" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("[data-testid=outreach-photo]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=outreach-year]")).ToContainTextAsync($"开展宣传活动 {before.Events + 1} 场，受众 {before.Audience + 64} 人次");
        // The photo is served back from the store, not just listed.
        var src = await row.Locator("[data-testid=outreach-photo]").GetAttributeAsync("src");
        var photo = await page.APIRequest.GetAsync(server.BaseUrl + src);
        Assert.Equal(200, photo.Status);
        Assert.Equal(Png, await photo.BodyAsync());
        await server.ScreenshotAsync(page, "outreach-recorded");
    }
}
