using Fengqiao.Testing;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Web.Tests.Outreach;

/// <summary>Outreach through the web: a report with a photo as multipart, the photo served back, the year's counts, and refusals in English without a row.</summary>
public sealed class OutreachApiTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 1, 2, 3];

    private static string Today => TestTime.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static MultipartFormDataContent Form(string topic, string count, string area, byte[]? photo = null, string photoName = "现场.png")
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent("LegalPublicity"), "kind" },
            { new StringContent("General"), "audience" },
            { new StringContent(topic), "topic" },
            { new StringContent("村委会广场"), "place" },
            { new StringContent(area), "divisionCode" },
            { new StringContent("垦利街道司法所"), "organiser" },
            { new StringContent(Today), "date" },
            { new StringContent(count), "audienceCount" },
        };
        if (photo is not null)
        {
            var file = new ByteArrayContent(photo);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(file, "photos", photoName);
        }
        return form;
    }

    [Fact]
    public async Task A_town_leader_reports_an_event_with_a_photo_which_is_served_back_and_counted_this_year()
    {
        var client = await factory.SignedInAsync("townlead");
        var before = await client.GetFromJsonAsync<JsonElement>("/api/outreach/tally", Ct);

        var response = await client.PostAsync("/api/outreach", Form("民法典进社区", "120", "370505001202", Png), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var photo = created.GetProperty("photos")[0].GetString();
        var served = await client.GetAsync($"/api/outreach/{created.GetProperty("id").GetGuid()}/photos/{photo}", Ct);
        Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Png, await served.Content.ReadAsByteArrayAsync(Ct));

        var after = await client.GetFromJsonAsync<JsonElement>("/api/outreach/tally", Ct);
        Assert.Equal(before.GetProperty("events").GetInt32() + 1, after.GetProperty("events").GetInt32());
        Assert.Equal(before.GetProperty("audience").GetInt64() + 120, after.GetProperty("audience").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, (await (await factory.SignedInAsync("qingpu.clerk")).GetAsync($"/api/outreach/{created.GetProperty("id").GetGuid()}/photos/{photo}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_bad_report_is_refused_field_by_field_in_english_and_nothing_is_stored()
    {
        var client = await factory.SignedInAsync("townlead");
        await using var db = factory.Database.Context();
        var before = await db.OutreachEvents.CountAsync(Ct);

        var response = await client.PostAsync("/api/outreach?culture=en&ui-culture=en", Form(" ", "many", "310118", "not a picture"u8.ToArray(), "x.png"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Contains("topic is required", errors.GetProperty("Topic")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("own area", errors.GetProperty("DivisionCode")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("AudienceCount", out _));
        Assert.True(errors.TryGetProperty("Photos", out _));
        Assert.Equal(before, await db.OutreachEvents.CountAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/outreach/tally?from=2026-12-01&to=2026-01-01", Ct)).StatusCode);
    }
}
