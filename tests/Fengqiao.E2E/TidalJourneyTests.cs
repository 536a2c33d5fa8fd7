using System.Globalization;
using System.Text.RegularExpressions;
using Fengqiao.Testing;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace Fengqiao.E2E;

/// <summary>A police planner imports incidents, reads the demand heatmap, solves a small tidal roster, compares it with three fixed shifts, edits and exports it.</summary>
public sealed class TidalJourneyTests(WebServerFixture server) : IClassFixture<WebServerFixture>
{
    private static ILocator Field(IPage page, string testId) => page.Locator($"[data-testid={testId}] input, input[data-testid={testId}]").First;

    private static Task OpenTabAsync(IPage page, string title) =>
        page.Locator(".mud-tab").Filter(new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(title)}\\s*$") }).ClickAsync();

    private static async Task SetAsync(IPage page, string testId, string value)
    {
        var input = Field(page, testId);
        await input.FillAsync(value);
        await input.PressAsync("Tab");
    }

    /// <returns>The text of the item chosen.</returns>
    private static async Task<string> ChooseNthAsync(IPage page, string selectTestId, int index)
    {
        await page.Locator($"[data-testid={selectTestId}]").ClickAsync();
        var item = page.Locator(".mud-popover-open .mud-list-item").Nth(index);
        var text = (await item.InnerTextAsync()).Trim();
        await item.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        return text;
    }

    private static int Number(string text) => int.Parse(text.Trim().Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    /// <summary>The Houston offences file of the shared data when present, else the subset the app ships (also Houston's).</summary>
    private static string HoustonFile()
    {
        var shared = SharedData.Find() is { } folder ? Path.Combine(folder, "incidents", "houston_2010_jan_jul.csv.gz") : null;
        return shared is not null && File.Exists(shared)
            ? shared
            : Path.Combine(SharedData.RepositoryRoot(), "src", "Fengqiao.Web", "Tidal", "DemoData", "houston-2010-20-beats.csv.gz");
    }

    /// <summary>RFC 5545 unfolding: a line starting with a space continues the one before.</summary>
    private static List<string> CalendarLines(string text) =>
        [.. text.Replace("\r\n ", "", StringComparison.Ordinal).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>These journeys count on the Houston real-data example; the planner itself opens on the 克拉玛依区 demo.</summary>
    private async Task OnHoustonAsync(IPage page) =>
        Assert.True((await page.Context.APIRequest.PostAsync(server.BaseUrl + "/api/tidal/dataset/reset?demo=houston")).Ok);

    [Fact]
    public async Task A_planner_imports_the_Houston_file_reads_the_heatmap_forecasts_plans_moves_an_officer_and_exports_the_roster()
    {
        var page = await server.SignedInPageAsync("police");
        await OnHoustonAsync(page);
        try
        {
            await server.OpenAsync(page, "/tidal");
            await Assertions.Expect(page.Locator("#page-title")).ToContainTextAsync("潮汐勤务");
            await Assertions.Expect(page.Locator("[data-testid=tidal-dataset]")).ToContainTextAsync("26,574");

            // Import the Houston offences file with its preset: the working data become the file's.
            await OpenTabAsync(page, "数据导入");
            var file = HoustonFile();
            await InteractiveForms.UploadAsync(page.Locator("[data-testid=import-upload] input[type=file], input[type=file][data-testid=import-upload]").First, file);
            var imported = page.Locator("[data-testid=import-result]");
            await Assertions.Expect(imported).ToContainTextAsync("已导入", new() { Timeout = 120_000 });
            var counts = Regex.Match(await imported.InnerTextAsync(), @"已导入 ([\d,]+) 起警情（共读 ([\d,]+) 行，错误 ([\d,]+) 行）");
            Assert.True(counts.Success, await imported.InnerTextAsync());
            var incidents = Number(counts.Groups[1].Value);
            Assert.Equal(Number(counts.Groups[2].Value) - Number(counts.Groups[3].Value), incidents);
            var dataset = page.Locator("[data-testid=tidal-dataset]");
            await Assertions.Expect(dataset).ToContainTextAsync(Path.GetFileName(file));
            await Assertions.Expect(dataset).ToContainTextAsync(incidents.ToString("N0", CultureInfo.InvariantCulture));
            var areas = Number(Regex.Match(await dataset.InnerTextAsync(), @"([\d,]+) 个?片区").Groups[1].Value);
            Assert.True(areas >= 20, await dataset.InnerTextAsync());
            await server.ScreenshotAsync(page, "tidal-import");

            // The heatmap: the busiest 40 areas (all of them when fewer) × 168 hours of the week, and the grid map.
            await OpenTabAsync(page, "警情热力");
            await Assertions.Expect(page.Locator("[data-testid=demand-heatmap] rect")).ToHaveCountAsync(Math.Min(40, areas) * 168);
            await Assertions.Expect(page.Locator("[data-testid=grid-map]")).ToBeVisibleAsync();
            await server.ScreenshotAsync(page, "tidal-demand");

            // Next week's forecast and the Erlang C units it asks for.
            await OpenTabAsync(page, "警力需求");
            await page.ClickAsync("[data-testid=staffing-run]");
            await Assertions.Expect(page.Locator("[data-testid=forecast-heatmap] rect")).ToHaveCountAsync(Math.Min(40, areas) * 168, new() { Timeout = 60_000 });
            await Assertions.Expect(page.Locator("[data-testid=staffing-heatmap] rect")).ToHaveCountAsync(Math.Min(40, areas) * 168);
            await server.ScreenshotAsync(page, "tidal-forecast");

            await OpenTabAsync(page, "潮汐排班");
            await SetAsync(page, "plan-areas", "10");
            await SetAsync(page, "plan-officers", "110");
            await SetAsync(page, "plan-seconds", "8");
            await page.ClickAsync("[data-testid=plan-run]");
            await Assertions.Expect(page.Locator("[data-testid=plan-progress]")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid=plan-comparison]")).ToBeVisibleAsync(new() { Timeout = 120_000 });

            var tidalUnmet = Number(await page.Locator("[data-testid=tidal-unmet]").InnerTextAsync());
            var fixedUnmet = Number(await page.Locator("[data-testid=fixed-unmet]").InnerTextAsync());
            var bound = Number(await page.Locator("[data-testid=solver-bound]").InnerTextAsync());
            Assert.True(tidalUnmet < fixedUnmet, $"tidal {tidalUnmet} vs fixed {fixedUnmet}");
            Assert.True(bound <= tidalUnmet, $"bound {bound} vs tidal {tidalUnmet}");
            await Assertions.Expect(page.Locator("[data-testid=tidal-violations]")).ToHaveTextAsync("0");
            await Assertions.Expect(page.Locator("[data-testid=plan-export]")).ToBeVisibleAsync();
            await server.ScreenshotAsync(page, "tidal-roster");

            // Move one officer's shift by hand: the roster is re-measured and re-checked at once, the effect shown.
            var officer = await ChooseNthAsync(page, "move-officer", 0);
            await ChooseNthAsync(page, "move-shift", 0);
            var area = await ChooseNthAsync(page, "move-area", 9);
            await page.ClickAsync("[data-testid=move-apply]");
            var effect = page.Locator("[data-testid=move-result]");
            await Assertions.Expect(effect).ToContainTextAsync("未满足需求");
            var change = Regex.Match(await effect.InnerTextAsync(), @"未满足需求 (\d+) → (\d+)，平均等待 [\d.–]+ → [\d.–]+ 分钟，规则违反 (\d+) 项");
            Assert.True(change.Success, await effect.InnerTextAsync());
            Assert.Equal(tidalUnmet, Number(change.Groups[1].Value));
            var movedUnmet = Number(change.Groups[2].Value);
            await Assertions.Expect(page.Locator("[data-testid=tidal-unmet]")).ToHaveTextAsync(movedUnmet.ToString(CultureInfo.InvariantCulture));
            await Assertions.Expect(page.Locator("[data-testid=tidal-violations]")).ToHaveTextAsync(change.Groups[3].Value);
            await Assertions.Expect(page.Locator("[data-testid=plan-reduction]")).ToContainTextAsync("手工调整次数: 1");
            await server.ScreenshotAsync(page, "tidal-moved");

            // Export: the workbook and the calendar hold the edited roster, shift for shift.
            var workbook = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=plan-export]"));
            Assert.EndsWith(".xlsx", workbook.SuggestedFilename, StringComparison.Ordinal);
            var workbookBytes = await File.ReadAllBytesAsync((await workbook.PathAsync())!, TestContext.Current.CancellationToken);
            List<IDictionary<string, object>> Sheet(string name) =>
                [.. new MemoryStream(workbookBytes).Query(useHeaderRow: true, sheetName: name).Cast<IDictionary<string, object>>()];
            static string Text(object value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
            // Sheets and headers in the page's language (Chinese here).
            Assert.Equal(["班次", "警员", "片区"], new MemoryStream(workbookBytes).GetSheetNames());
            var duties = Sheet("班次");
            Assert.NotEmpty(duties);
            Assert.Contains(duties, d => Text(d["警号"]) == officer && Text(d["片区"]) == area);
            var areaRows = Sheet("片区");
            Assert.Equal(10 * 168, areaRows.Count);
            // The areas sheet's unmet column adds up to what the page shows after the move.
            Assert.Equal(movedUnmet, areaRows.Sum(r => Convert.ToInt64(r["未满足"], CultureInfo.InvariantCulture)));

            var calendar = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=plan-ics]"));
            var ics = CalendarLines(await File.ReadAllTextAsync((await calendar.PathAsync())!, TestContext.Current.CancellationToken));
            Assert.Equal("BEGIN:VCALENDAR", ics[0]);
            Assert.Equal("END:VCALENDAR", ics[^1]);
            var shifts = ics.Where(l => l.StartsWith("SUMMARY:勤务 duty ", StringComparison.Ordinal)).ToList();
            Assert.Equal(duties.Count, shifts.Count);
            Assert.Contains($"SUMMARY:勤务 duty {area} ({officer})", shifts);
            Assert.Equal(ics.Count(l => l == "BEGIN:VEVENT"), ics.Count(l => l == "END:VEVENT"));
            await server.ScreenshotAsync(page, "tidal-exported");

            // A page per area (needed, present, unmet per hour) and per officer (shifts and posts).
            await page.Locator("[data-testid=plan-areas-links] a").First.ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=area-heatmap] rect")).ToHaveCountAsync(3 * 168);
            await server.ScreenshotAsync(page, "tidal-area");
            await page.Locator("[data-testid=area-officers] a").First.ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=officer-duties] tbody tr").First).ToBeVisibleAsync();
            await server.ScreenshotAsync(page, "tidal-officer");

            // Back to the shipped Houston subset (the real-data example), as the other journeys expect.
            await server.OpenAsync(page, "/tidal");
            await OpenTabAsync(page, "数据导入");
            await page.ClickAsync("[data-testid=import-houston]");
            await Assertions.Expect(page.Locator("[data-testid=tidal-dataset]")).ToContainTextAsync("26,574");
        }
        finally
        {
            // Even when a step failed: the other journeys of this class start from the shipped subset.
            await page.Context.APIRequest.PostAsync(server.BaseUrl + "/api/tidal/dataset/reset?demo=houston");
        }
    }

    [Fact]
    public async Task A_planner_back_tests_the_forecast_sizes_the_force_and_reads_the_adjustment_advice()
    {
        var page = await server.SignedInPageAsync("police");
        await OnHoustonAsync(page);
        await server.OpenAsync(page, "/tidal");
        await OpenTabAsync(page, "预测回测");
        await page.ClickAsync("[data-testid=backtest-run]");
        var table = page.Locator("[data-testid=backtest-table]");
        await Assertions.Expect(table).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(4);
        await Assertions.Expect(table).ToContainTextAsync("潮汐画像模型（本系统）");
        await server.ScreenshotAsync(page, "tidal-backtest");

        await OpenTabAsync(page, "警力需求");
        await page.ClickAsync("[data-testid=staffing-run]");
        await Assertions.Expect(page.Locator("[data-testid=staffing-heatmap] rect")).ToHaveCountAsync(20 * 168);
        await server.ScreenshotAsync(page, "tidal-staffing");

        await OpenTabAsync(page, "动态调整");
        await page.ClickAsync("[data-testid=adjust-run]");
        await Assertions.Expect(page.Locator("[data-testid=adjust-areas] tbody tr")).ToHaveCountAsync(12);
        // The shipped data open on an evening when beat 6B60 ran hot: a unit is sent from a quiet neighbour.
        await Assertions.Expect(page.Locator("[data-testid=adjust-moves]")).ToContainTextAsync("6B60");
        await server.ScreenshotAsync(page, "tidal-adjust");
    }

    [Fact]
    public async Task A_planner_sets_a_standard_for_one_priority_and_sizes_the_force_with_it()
    {
        var page = await server.SignedInPageAsync("police");
        await OnHoustonAsync(page);
        await server.OpenAsync(page, "/tidal");
        await OpenTabAsync(page, "警力需求");
        // The shipped Houston offences carry no priorities, and the tab says so before anyone relies on the rows.
        await Assertions.Expect(page.GetByText("当前数据不含警情等级")).ToBeVisibleAsync();
        await page.ClickAsync("[data-testid=priority-add]");
        await page.ClickAsync("[data-testid=priority-add]");
        await Assertions.Expect(page.Locator("[data-testid=priority-row]")).ToHaveCountAsync(2);
        await SetAsync(page, "priority-wait", "1");
        await page.ClickAsync("[data-testid=staffing-run]");
        await Assertions.Expect(page.Locator("[data-testid=staffing-heatmap] rect")).ToHaveCountAsync(20 * 168);
        await Assertions.Expect(page.Locator("[data-testid=staffing-error]")).ToHaveCountAsync(0);
        await server.ScreenshotAsync(page, "tidal-priorities");
    }

    /// <summary>Latin words of two letters or more: English or codes (C004, school-1) where the page should read Chinese.</summary>
    private static readonly Regex Latin = new("[A-Za-z]{2,}", RegexOptions.Compiled);

    private static readonly Regex Cjk = new(@"\p{IsCJKUnifiedIdeographs}", RegexOptions.Compiled);

    [Fact]
    public async Task A_planner_builds_the_Karamay_roster_reads_the_tide_and_the_timeline_and_prints_the_duty_roster_in_Chinese_and_in_English()
    {
        var page = await server.SignedInPageAsync("police");
        Assert.True((await page.Context.APIRequest.PostAsync(server.BaseUrl + "/api/tidal/dataset/reset")).Ok);
        try
        {
            // The planner opens on the 克拉玛依区 demo and next week's demand.
            await server.OpenAsync(page, "/tidal");
            await Assertions.Expect(page.Locator("[data-testid=tidal-dataset]")).ToContainTextAsync("克拉玛依区");
            await Assertions.Expect(page.Locator("[data-testid=demand-heatmap-legend]")).ToContainTextAsync("颜色刻度");
            Assert.DoesNotMatch(Latin, await page.Locator("[data-testid=tidal-dataset]").InnerTextAsync());

            await OpenTabAsync(page, "潮汐排班");
            await SetAsync(page, "plan-areas", "10");
            await SetAsync(page, "plan-officers", "40");
            await SetAsync(page, "plan-seconds", "4");
            await page.ClickAsync("[data-testid=plan-run]");
            await Assertions.Expect(page.Locator("[data-testid=plan-comparison]")).ToBeVisibleAsync(new() { Timeout = 120_000 });
            var tidalUnmet = Number(await page.Locator("[data-testid=tidal-unmet]").InnerTextAsync());
            var fixedUnmet = Number(await page.Locator("[data-testid=fixed-unmet]").InnerTextAsync());
            Assert.DoesNotMatch(Latin, await page.Locator("[data-testid=plan-comparison]").InnerTextAsync());
            await server.ScreenshotAsync(page, "tidal-karamay-roster");

            // The tide: the district's demand against officers on duty, the same unmet figures as the comparison.
            await OpenTabAsync(page, "潮汐曲线");
            var summary = page.Locator("[data-testid=tide-summary]");
            await Assertions.Expect(summary).ToContainTextAsync($"潮汐排班 {tidalUnmet}、固定三班 {fixedUnmet}");
            await Assertions.Expect(page.Locator("[data-testid=tide-chart] path[data-series=tidal]")).ToHaveCountAsync(1);
            var tidePanel = await page.Locator(".mud-tabs-panels").InnerTextAsync();
            Assert.DoesNotMatch(Latin, tidePanel);
            Assert.Contains("固定三班在岗警力", tidePanel, StringComparison.Ordinal);
            var area = await ChooseNthAsync(page, "tide-area", 1);
            await Assertions.Expect(summary).ToContainTextAsync(area);
            await server.ScreenshotAsync(page, "tidal-karamay-tide");

            // The area map: every area drawn and coloured by next week's forecast, with its legend.
            await OpenTabAsync(page, "片区地图");
            var mapped = page.Locator("[data-testid=area-map] g[data-area]");
            await Assertions.Expect(mapped.First).ToBeVisibleAsync();
            Assert.True(await mapped.CountAsync() > 10, "the area map draws the district's areas");
            await Assertions.Expect(page.Locator("[data-testid=area-map-legend]")).ToContainTextAsync("每小时预测警情");
            Assert.DoesNotMatch(Latin, await page.Locator(".mud-tabs-panels").InnerTextAsync());
            await server.ScreenshotAsync(page, "tidal-karamay-map");

            // The timeline: officers by name, shifts as bars; Saturday only, then one station.
            await OpenTabAsync(page, "勤务表");
            await Assertions.Expect(page.Locator("[data-testid=roster-timeline] rect.timeline-shift").First).ToBeVisibleAsync();
            await ChooseNthAsync(page, "timeline-day", 6);
            await Assertions.Expect(page.Locator("[data-testid=timeline-summary]")).ToContainTextAsync("周六");
            await ChooseNthAsync(page, "timeline-station", 1);
            // "导出 Excel" (shown in capitals): the one product name a Chinese planner reads as it is.
            Assert.DoesNotMatch(Latin, (await page.Locator(".mud-tabs-panels").InnerTextAsync()).Replace("Excel", "", StringComparison.OrdinalIgnoreCase));
            await server.ScreenshotAsync(page, "tidal-karamay-timeline");

            // The printable 勤务表 opens in its own tab: A4 landscape, the chosen day and station.
            var print = await page.Context.RunAndWaitForPageAsync(() => page.ClickAsync("[data-testid=timeline-print]"));
            await print.WaitForLoadStateAsync();
            await Assertions.Expect(print.Locator("[data-testid=print-title]")).ToHaveTextAsync("克拉玛依区公安分局勤务表");
            await Assertions.Expect(print.Locator("[data-testid=print-day]")).ToHaveCountAsync(1);
            await Assertions.Expect(print.Locator("[data-testid=print-day] h2")).ToContainTextAsync("周六");
            Assert.DoesNotMatch(Latin, await print.Locator("body").InnerTextAsync());
            await print.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(server.ScreenshotFolder, $"{server.Database.ProviderName.ToLowerInvariant()}-tidal-karamay-print.png"), FullPage = true });
            await print.CloseAsync();

            // 动态调整: a planned event on Saturday evening in the busiest area, and that day re-planned.
            await OpenTabAsync(page, "动态调整");
            await ChooseNthAsync(page, "replan-day", 5);
            await ChooseNthAsync(page, "replan-area", 0);
            await page.ClickAsync("[data-testid=replan-run]");
            var effect = page.Locator("[data-testid=replan-effect]");
            // The re-plan is a CP-SAT solve of up to 10 s, longer on a loaded machine.
            await Assertions.Expect(effect).ToContainTextAsync("周六", new() { Timeout = 60_000 });
            await Assertions.Expect(effect).ToContainTextAsync("已重排");
            Assert.DoesNotMatch(Latin, await page.Locator("[data-testid=replan-method]").InnerTextAsync());
            Assert.DoesNotMatch(Latin, await effect.InnerTextAsync());
            if (await page.Locator("[data-testid=replan-changes] tbody tr").CountAsync() > 0)
            {
                Assert.DoesNotMatch(Latin, await page.Locator("[data-testid=replan-changes]").InnerTextAsync());
            }

            await Assertions.Expect(page.Locator("[data-testid=replan-kept]")).ToContainTextAsync("周六");
            Assert.DoesNotMatch(Latin, await page.Locator("[data-testid=replan-kept]").InnerTextAsync());
            await server.ScreenshotAsync(page, "tidal-karamay-replan");

            // The 情指行 centre's live view: today's calls against the forecast, officers on duty now, a move to decide.
            await page.ClickAsync("[data-testid=tidal-live-link]");
            await Assertions.Expect(page.Locator("[data-testid=live-summary]")).ToContainTextAsync("今日已接警");
            Assert.True(await page.Locator("[data-testid=live-chart] rect[data-hour]").CountAsync() > 0);
            foreach (var part in new[] { "#page-title", "[data-testid=live-summary]", "[data-testid=live-chart]", "[data-testid=live-areas]" })
            {
                Assert.DoesNotMatch(Latin, await page.Locator(part).InnerTextAsync());
            }

            if (await page.Locator("[data-testid=live-accept]").CountAsync() > 0)
            {
                await page.Locator("[data-testid=live-accept]").First.ClickAsync();
                await Assertions.Expect(page.Locator("[data-testid=live-decisions]")).ToContainTextAsync("已采纳");
            }

            await server.ScreenshotAsync(page, "tidal-karamay-live");

            // The same in English: English words, and no Chinese outside the names of people and places.
            await server.OpenAsync(page, "/culture/en?returnUrl=%2Ftidal%3Ftab%3Dtide");
            await Assertions.Expect(page.Locator("[data-testid=tide-summary]")).ToContainTextAsync("Whole district");
            Assert.DoesNotMatch(Cjk, await page.Locator(".mud-tabs-panels").InnerTextAsync());
            await server.ScreenshotAsync(page, "tidal-karamay-tide-en");
            await OpenTabAsync(page, "Duty timeline");
            await Assertions.Expect(page.Locator("[data-testid=timeline-summary]")).ToContainTextAsync("officers on duty");
            var english = await page.Context.RunAndWaitForPageAsync(() => page.ClickAsync("[data-testid=timeline-print]"));
            await english.WaitForLoadStateAsync();
            await Assertions.Expect(english.Locator("[data-testid=print-title]")).ToContainTextAsync("Duty roster");
            var headers = await english.Locator("[data-testid=print-table] thead").First.InnerTextAsync();
            Assert.DoesNotMatch(Cjk, headers);
            await english.CloseAsync();
        }
        finally
        {
            await page.Context.APIRequest.GetAsync(server.BaseUrl + "/culture/zh-CN?returnUrl=%2F");
            await page.Context.APIRequest.PostAsync(server.BaseUrl + "/api/tidal/dataset/reset?demo=houston");
        }
    }
}
