using System.Net;
using System.Text.Json;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Fengqiao.Web.Tests.Api;

public sealed class LedgerApiTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private const string Quarter = "from=2020-01-01&to=2030-01-01";

    [Fact]
    public async Task KPIs_cover_the_callers_scope_and_break_down_by_town()
    {
        var clerk = await factory.SignedInAsync("clerk");
        var report = await clerk.GetFromJsonAsync<JsonElement>($"/api/kpis?{Quarter}&by=town", TestContext.Current.CancellationToken);
        await using var db = factory.Database.Context();
        var kenli = await db.Cases.CountAsync(c => c.DivisionCode.StartsWith("370505"), TestContext.Current.CancellationToken);

        Assert.Equal(kenli, report.GetProperty("total").GetProperty("registered").GetInt32());
        var rows = report.GetProperty("rows").EnumerateArray().ToList();
        Assert.All(rows, r => Assert.StartsWith("370505", r.GetProperty("key").GetString(), StringComparison.Ordinal));
        Assert.Equal(kenli, rows.Sum(r => r.GetProperty("kpis").GetProperty("registered").GetInt32()));
        var onTheSpot = report.GetProperty("total").GetProperty("onTheSpot");
        Assert.True(onTheSpot.GetProperty("denominator").GetInt32() == kenli);
    }

    [Fact]
    public async Task The_KPIs_move_when_a_case_is_resolved_on_the_spot()
    {
        var clerk = await factory.SignedInAsync("clerk");
        async Task<int> OnTheSpotAsync() => (await clerk.GetFromJsonAsync<JsonElement>($"/api/kpis?{Quarter}", TestContext.Current.CancellationToken))
            .GetProperty("total").GetProperty("onTheSpot").GetProperty("numerator").GetInt32();
        var before = await OnTheSpotAsync();

        var created = await clerk.PostAsJsonAsync("/api/cases", new
        {
            kind = "Dispute", channel = "Visit", title = "邻里噪音纠纷", divisionCode = "370505001001",
            parties = new[] { new { name = "钱多多", phone = "13900005555", isRepresentative = false } },
            onTheSpotResolution = "现场调解，双方同意晚十点后停止装修",
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        Assert.Equal(before + 1, await OnTheSpotAsync());
    }

    [Theory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("from=2026-05-01&to=2026-04-01", "to")]
    [InlineData("channel=Pigeon", "channel")]
    [InlineData("overdue=maybe", "overdue")]
    [InlineData("area=37050X", "area")]
    [InlineData("by=weather", "by")]
    public async Task Bad_filters_get_a_message_on_the_field(string query, string field)
    {
        var clerk = await factory.SignedInAsync("clerk");
        var response = await clerk.GetAsync($"/api/kpis?{query}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), field);
    }

    [Fact]
    public async Task The_Excel_export_has_the_filtered_rows_with_personal_data_masked()
    {
        var clerk = await factory.SignedInAsync("clerk");
        var page = await clerk.GetFromJsonAsync<JsonElement>($"/api/ledger?{Quarter}&take=1", TestContext.Current.CancellationToken);
        var response = await clerk.GetAsync($"/api/ledger/export.xlsx?{Quarter}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, TestContext.Current.CancellationToken);
        buffer.Position = 0;
        var rows = buffer.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(page.GetProperty("total").GetInt32(), rows.Count);
        Assert.All(rows, r => Assert.StartsWith("KL-", (string)r["编号"], StringComparison.Ordinal));
        var phones = rows.Select(r => r["联系电话"] as string).Where(p => p is not null).ToList();
        Assert.NotEmpty(phones);
        Assert.All(phones, p => Assert.Contains("****", p, StringComparison.Ordinal));
    }
}
