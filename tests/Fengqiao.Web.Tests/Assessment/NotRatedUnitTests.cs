using System.Globalization;
using System.Text.Json;
using Fengqiao.Core.Organisations;
using Fengqiao.Data.Letters;
using Fengqiao.Data.Organisations;
using Fengqiao.Testing;
using Fengqiao.Web.Tests.Infrastructure;
using NodaTime;

namespace Fengqiao.Web.Tests.Assessment;

/// <summary>
/// A unit with no cases in the month is not rated (不参评): no score, no rank, listed after the ranked units with the
/// reason, on the API and on the page in both languages; the ledger names its period as an inclusive date range and
/// says in words what each KPI card measures.
/// </summary>
public sealed class NotRatedUnitTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private const string Idle = "垦利区无案件试点局"; // a department that exists but had nothing to do this month
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly YearMonth ThisMonth = new(TestTime.Today.Year, TestTime.Today.Month);

    private async Task AddIdleDepartmentAsync()
    {
        await using var db = factory.Database.Context();
        if (!db.Units.Any(u => u.Name == Idle))
        {
            db.Units.Add(new Unit { Name = Idle, Kind = UnitKind.Department, DivisionCode = "370505" });
            await db.SaveChangesAsync(Ct);
        }
    }

    [Fact]
    public async Task A_department_without_cases_is_listed_as_not_rated_and_never_first()
    {
        await AddIdleDepartmentAsync();
        var office = await factory.SignedInAsync("jointoffice");
        var ranking = await office.GetFromJsonAsync<JsonElement>("/api/rankings/ranking?cohort=Departments&county=370505", Ct);
        var rows = ranking.GetProperty("rows").EnumerateArray().ToList();
        Assert.DoesNotContain(rows, r => r.GetProperty("unitName").GetString() == Idle);
        var idle = Assert.Single(ranking.GetProperty("notRated").EnumerateArray(), r => r.GetProperty("unitName").GetString() == Idle);
        Assert.Equal("NoWork", idle.GetProperty("reason").GetString());
        Assert.Equal(0, idle.GetProperty("casesDue").GetInt32());

        // With the weights on letters and overdue alone, where it would once have topped the table with 100, it is still not rated.
        var counts = await office.GetFromJsonAsync<JsonElement>("/api/rankings/ranking?cohort=Departments&county=370505&wRating=0&wOnTime=0&wSatisfaction=0&wLetters=10&wOverdue=10", Ct);
        Assert.DoesNotContain(counts.GetProperty("rows").EnumerateArray(), r => r.GetProperty("unitName").GetString() == Idle);
        Assert.Contains(counts.GetProperty("notRated").EnumerateArray(), r => r.GetProperty("unitName").GetString() == Idle);
    }

    [Fact]
    public async Task The_monthly_notice_names_it_as_not_rated_and_the_published_text_counts_it()
    {
        await AddIdleDepartmentAsync();
        var office = await factory.SignedInAsync("jointoffice");
        var docx = await office.GetAsync("/api/rankings/notice?county=370505", Ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, docx.StatusCode);
        var lines = OfficialDocx.ReadParagraphs(await docx.Content.ReadAsByteArrayAsync(Ct));
        Assert.Contains(lines, l => l.StartsWith("本月不参评：", StringComparison.Ordinal) && l.Contains(Idle, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("第 ", StringComparison.Ordinal) && l.Contains(Idle, StringComparison.Ordinal));

        using var published = await office.PostAsync("/api/rankings/notices?county=370505", null, Ct);
        Assert.Equal(System.Net.HttpStatusCode.Created, published.StatusCode);
        var text = (await published.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("text").GetString()!;
        Assert.Matches("本月不参评镇街 \\d+ 个、部门 [1-9]\\d* 个", text);
    }

    [Fact]
    public async Task The_page_lists_it_after_the_ranking_with_the_reason_and_names_each_weight_in_Chinese()
    {
        await AddIdleDepartmentAsync();
        var office = await factory.SignedInAsync("jointoffice");
        var html = await office.GetStringAsync("/rankings", Ct);
        var notRated = html.IndexOf("data-testid=\"not-rated-table\"", StringComparison.Ordinal);
        Assert.True(notRated > 0, "the page has a not-rated table");
        Assert.True(html.IndexOf(Idle, StringComparison.Ordinal) > notRated, "the idle unit appears only after the ranked table");
        Assert.Contains("本月无到期案件、无吹哨报到任务、无群众评价", html[notRated..], StringComparison.Ordinal);
        Assert.Contains("不参评", html, StringComparison.Ordinal);
        Assert.Contains($"{ThisMonth.Year}年{ThisMonth.Month}月 · 权重：吹哨评价 25、按期办结 30、满意度 25、督办函件 10、超期 10", html, StringComparison.Ordinal);
        Assert.DoesNotContain("25/30/25/10/10", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Not rated", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_in_English_says_not_rated_and_names_each_weight_without_Chinese_labels()
    {
        await AddIdleDepartmentAsync();
        var office = await factory.SignedInAsync("jointoffice");
        var html = await office.GetStringAsync("/rankings?culture=en&ui-culture=en", Ct);
        var notRated = html.IndexOf("data-testid=\"not-rated-table\"", StringComparison.Ordinal);
        Assert.True(notRated > 0);
        Assert.Contains("No case fell due, no whistle summoned it and nothing was rated this month", html, StringComparison.Ordinal);
        var month = new DateTime(ThisMonth.Year, ThisMonth.Month, 1).ToString("MMMM yyyy", CultureInfo.InvariantCulture);
        Assert.Contains($"{month} · Weights: Whistle rating 25, On time 30, Satisfaction 25, Letters 10, Overdue 10", html, StringComparison.Ordinal);
        Assert.DoesNotContain("不参评", html, StringComparison.Ordinal);
        Assert.DoesNotContain("本月无到期案件", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ledger_names_its_period_as_an_inclusive_range_and_its_cards_in_words()
    {
        var office = await factory.SignedInAsync("jointoffice");
        var today = TestTime.Today;
        var first = today.PlusDays(-90);
        var zh = await office.GetStringAsync("/ledger", Ct);
        var range = first.Year == today.Year
            ? $"{first.Year}年{first.Month}月{first.Day}日至{today.Month}月{today.Day}日"
            : $"{first.Year}年{first.Month}月{first.Day}日至{today.Year}年{today.Month}月{today.Day}日";
        Assert.Contains($"统计期间：{range}（按登记日期）", zh, StringComparison.Ordinal);
        Assert.Contains("登记时当场办结的案件占登记案件的比例", zh, StringComparison.Ordinal);
        Assert.DoesNotContain("kpi-definitions", zh, StringComparison.Ordinal);
        Assert.DoesNotContain("不含", zh, StringComparison.Ordinal);

        var en = await office.GetStringAsync("/ledger?culture=en&ui-culture=en", Ct);
        var day = (LocalDate d) => d.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
        Assert.Contains($"Period: {day(first)} to {day(today)} (by registration date)", en, StringComparison.Ordinal);
        Assert.Contains("Share of registered cases resolved on the spot at registration", en, StringComparison.Ordinal);
        Assert.DoesNotContain("kpi-definitions", en, StringComparison.Ordinal);
        Assert.DoesNotContain("exclusive", en, StringComparison.Ordinal);
    }
}
