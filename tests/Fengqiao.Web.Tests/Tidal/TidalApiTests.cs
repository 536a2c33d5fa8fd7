using System.Net;
using System.Text.Json;
using Fengqiao.Tidal.Demand;
using Fengqiao.Web.Tests.Infrastructure;
using Fengqiao.Web.Tidal;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using NodaTime;

namespace Fengqiao.Web.Tests.Tidal;

/// <summary>The tidal planner's JSON API on the shipped demo incidents: views, a small roster, bad inputs.</summary>
public sealed class TidalApiTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Signed in as the planner, on the Houston real-data example these tests count against (the planner opens on 克拉玛依区).</summary>
    private async Task<HttpClient> OnHoustonAsync()
    {
        var client = await factory.SignedInAsync("police");
        (await client.PostAsync("/api/tidal/dataset/reset?demo=houston", null, Ct)).EnsureSuccessStatusCode();
        return client;
    }

    [Fact]
    public async Task The_demo_dataset_is_the_shipped_Houston_subset()
    {
        var client = await OnHoustonAsync();
        var d = await client.GetFromJsonAsync<JsonElement>("/api/tidal/dataset", Ct);
        Assert.Equal(26_574, d.GetProperty("incidents").GetInt32());
        Assert.Equal(20, d.GetProperty("areas").GetArrayLength());
        Assert.Equal(0, d.GetProperty("badRows").GetInt32());
        Assert.StartsWith("2010-01-01", d.GetProperty("first").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("2010-07-31", d.GetProperty("last").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demand_cells_count_the_incidents_of_that_area_and_hour_of_week()
    {
        var client = await OnHoustonAsync();
        var view = await client.GetFromJsonAsync<JsonElement>("/api/tidal/demand?from=2010-03-01&to=2010-03-29&type=theft", Ct);
        var areas = view.GetProperty("areas").EnumerateArray().Select(a => a.GetString()!).ToList();
        var counts = view.GetProperty("counts").EnumerateArray().Select(r => r.EnumerateArray().Select(x => x.GetDouble()).ToArray()).ToList();
        Assert.All(counts, r => Assert.Equal(168, r.Length));
        Assert.Equal(4, view.GetProperty("weeks").GetDouble(), 6);

        // Counted again here, straight from the incidents, not through DemandMatrix.
        var demo = TidalDataset.Demo();
        var from = new LocalDateTime(2010, 3, 1, 0, 0);
        var to = new LocalDateTime(2010, 3, 29, 0, 0);
        var selected = demo.Incidents.Where(i => i.Time >= from && i.Time < to && i.Type == "theft").ToList();
        Assert.Equal(selected.Count, counts.Sum(r => r.Sum()));
        var busiest = areas[0];
        var friday21 = (4 * 24) + 21;
        Assert.Equal(selected.Count(i => i.Area == busiest && i.Time.DayOfWeek == IsoDayOfWeek.Friday && i.Time.Hour == 21), counts[0][friday21]);
        Assert.Equal(friday21, HourOfWeek.Of(new LocalDateTime(2010, 3, 5, 21, 30)));
    }

    [Fact]
    public async Task The_grid_map_puts_every_located_incident_in_one_cell()
    {
        var client = await OnHoustonAsync();
        var grid = await client.GetFromJsonAsync<JsonElement>("/api/tidal/grid?cell=2000", Ct);
        var total = grid.GetProperty("counts").EnumerateArray().Sum(r => r.EnumerateArray().Sum(x => x.GetDouble()));
        Assert.Equal(grid.GetProperty("located").GetInt32(), total);
        Assert.Equal(TidalDataset.Demo().Incidents.Count(i => i.Location is not null), (int)total);
    }

    [Fact]
    public async Task Staffing_rises_with_a_stricter_standard()
    {
        var client = await OnHoustonAsync();
        var normal = await client.GetFromJsonAsync<JsonElement>("/api/tidal/staffing?trainTo=2010-07-03", Ct);
        var strict = await client.GetFromJsonAsync<JsonElement>("/api/tidal/staffing?trainTo=2010-07-03&wait=2&probability=0.98", Ct);
        Assert.Equal("2010-07-04", normal.GetProperty("weekFrom").GetString());
        var n = normal.GetProperty("unitHours").GetInt64();
        var s = strict.GetProperty("unitHours").GetInt64();
        // Every area-hour has at least the minimum presence of one unit.
        Assert.True(n >= 20 * 168, $"normal {n}");
        Assert.True(s > n, $"strict {s} vs normal {n}");
    }

    [Fact]
    public async Task An_evening_running_hot_gets_a_move_from_a_quiet_neighbour_that_shortens_the_wait()
    {
        var client = await OnHoustonAsync();
        var advice = await client.GetFromJsonAsync<JsonElement>("/api/tidal/adjust?now=2010-07-28T21:00&window=3", Ct);
        var hot = advice.GetProperty("areas").EnumerateArray().Where(a => a.GetProperty("hot").GetBoolean()).Select(a => a.GetProperty("area").GetString()).ToList();
        Assert.Contains("6B60", hot);
        var moves = advice.GetProperty("moves").EnumerateArray().ToList();
        Assert.NotEmpty(moves);
        Assert.All(moves, m =>
        {
            Assert.Contains(m.GetProperty("toArea").GetString(), hot);
            Assert.DoesNotContain(m.GetProperty("fromArea").GetString(), hot);
            Assert.True(m.GetProperty("hotWaitAfterMinutes").GetDouble() < m.GetProperty("hotWaitBeforeMinutes").GetDouble());
        });
    }

    [Theory]
    [InlineData("/api/tidal/demand?from=2010-13-01", "日期须为 yyyy-MM-dd，且结束晚于开始", "dates are yyyy-MM-dd and to must be after from")]
    [InlineData("/api/tidal/demand?from=2010-03-10&to=2010-03-01", "日期须为 yyyy-MM-dd，且结束晚于开始", "dates are yyyy-MM-dd and to must be after from")]
    [InlineData("/api/tidal/grid?cell=5", "网格边长须在 200–10000 米之间", "cell size must be 200–10000 m")]
    [InlineData("/api/tidal/staffing?probability=1.5", "等待目标须在 0–120 分钟之间，达标概率须在 0 与 1 之间", "target wait must be 0–120 min and probability between 0 and 1")]
    [InlineData("/api/tidal/staffing?service=abc", "参数 service 不是数字", "service is not a number")]
    [InlineData("/api/tidal/backtest?weeks=40", "训练截止日期须为 yyyy-MM-dd，回测周数 1–12", "trainTo is yyyy-MM-dd and weeks 1–12")]
    [InlineData("/api/tidal/backtest?trainTo=2009-01-01&weeks=2", "无法在此区间回测", "cannot back-test this period")]
    [InlineData("/api/tidal/adjust?now=yesterday", "时刻须为 yyyy-MM-ddTHH:mm，窗口 1–12 小时", "now is yyyy-MM-ddTHH:mm and window 1–12 h")]
    public async Task Bad_parameters_get_a_localised_validation_problem(string path, string chinese, string english)
    {
        var client = await OnHoustonAsync();
        foreach (var (culture, expected) in new[] { ("zh-CN", chinese), ("en", english) })
        {
            var response = await client.GetAsync(path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "culture=" + culture, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.Contains(expected, body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_small_roster_beats_the_fixed_three_shifts_passes_the_checker_and_exports()
    {
        var client = await OnHoustonAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/tidal/plan/export.xlsx", Ct)).StatusCode);

        var response = await client.PostAsJsonAsync("/api/tidal/plan", new { areas = 10, officers = 60, timeLimitSeconds = 6, trainTo = "2010-07-03" }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var plan = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var tidal = plan.GetProperty("tidal");
        var fixedPlan = plan.GetProperty("fixedThreeShift");
        Assert.Equal(10, plan.GetProperty("areas").GetInt32());
        Assert.Equal(60, plan.GetProperty("officers").GetInt32());
        var violations = factory.TidalWorkspace().Plan!.CurrentViolations;
        Assert.True(tidal.GetProperty("violations").GetInt32() == 0, string.Join("; ", violations.Select(v => $"{v.Rule} {v.Subject}: {v.Detail}")));
        var unmet = tidal.GetProperty("unmetDemandHours").GetInt64();
        Assert.True(plan.GetProperty("solverBound").GetInt64() <= unmet);
        // The LP relaxation is a lower bound too: never above a roster the checker accepted.
        Assert.True(plan.GetProperty("lpBound").GetDouble() <= unmet + 1e-6, plan.ToString());
        Assert.True(plan.GetProperty("bestBound").GetInt64() <= unmet);
        // Calls per incident 1.0: the busiest beats carry real calls, so waiting times are measured.
        Assert.Equal(JsonValueKind.Number, tidal.GetProperty("expectedWaitMinutes").ValueKind);
        Assert.True(tidal.GetProperty("unmetDemandHours").GetInt64() < fixedPlan.GetProperty("unmetDemandHours").GetInt64(), plan.ToString());

        // The workbook holds one duty row per shift of the roster the workspace keeps, headed in the reader's language.
        var workspace = factory.TidalWorkspace();
        var duties = workspace.Plan!.Current.Duties.Count;
        var xlsx = await client.GetAsync("/api/tidal/plan/export.xlsx?culture=en", Ct);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        await using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(["Duties", "Officers", "Areas"], stream.GetSheetNames());
        Assert.Equal(duties, stream.Query(useHeaderRow: true, sheetName: "Duties").Count());
        var english = (IDictionary<string, object>)stream.Query(useHeaderRow: true, sheetName: "Officers").First();
        Assert.Equal(["Officer", "Name", "Skill", "Shifts", "Hours", "Overtime"], english.Keys);

        var chineseBook = await client.GetAsync("/api/tidal/plan/export.xlsx?culture=zh-CN", Ct);
        await using var chinese = new MemoryStream(await chineseBook.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(["班次", "警员", "片区"], chinese.GetSheetNames());
        var dutyRows = chinese.Query(useHeaderRow: true, sheetName: "班次").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(duties, dutyRows.Count);
        Assert.Equal(["警号", "姓名", "警种", "片区", "开始", "结束", "小时", "固定岗位"], dutyRows[0].Keys);
        Assert.All(dutyRows, r => Assert.Contains((string)r["警种"], new[] { "巡警", "交警", "合成" }));
        var areaHeaders = chinese.Query(useHeaderRow: true, sheetName: "片区").Cast<IDictionary<string, object>>().First().Keys;
        Assert.DoesNotContain(areaHeaders, h => h.Any(char.IsAsciiLetter));

        // A hand move: one officer's shift to another area, re-measured and re-checked.
        var duty = workspace.Plan.Current.Duties.First();
        var target = workspace.Plan.Problem.Areas.First(a => a != duty.Area);
        var moved = await client.PostAsJsonAsync("/api/tidal/plan/moves", new { officerId = duty.OfficerId, startHourOfWeek = duty.StartHourOfWeek, area = target }, Ct);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var after = await moved.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(1, after.GetProperty("edits").GetInt32());
        Assert.Equal(target, factory.TidalWorkspace().Plan!.Current.Duties.Single(d => d.OfficerId == duty.OfficerId && d.StartHourOfWeek == duty.StartHourOfWeek).Area);

        var wrong = await client.PostAsJsonAsync("/api/tidal/plan/moves?culture=en", new { officerId = duty.OfficerId, startHourOfWeek = duty.StartHourOfWeek, area = "NOWHERE" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("area NOWHERE is not in the plan", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var ics = await client.GetStringAsync($"/api/tidal/plan/roster.ics?officer={duty.OfficerId}", Ct);
        Assert.StartsWith("BEGIN:VCALENDAR", ics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_settings_out_of_range_are_refused_and_nothing_runs()
    {
        var client = await OnHoustonAsync();
        var response = await client.PostAsJsonAsync("/api/tidal/plan?culture=en", new { areas = 3, officers = 5, timeLimitSeconds = 600 }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("areas must be 10–20", body, StringComparison.Ordinal);
        Assert.Contains("officers must be 20–600", body, StringComparison.Ordinal);
        Assert.Contains("the solver time limit must be 2–60 s", body, StringComparison.Ordinal);
        Assert.Null(factory.TidalWorkspace().Running);
    }

    [Fact]
    public async Task A_second_roster_run_waits_for_the_first_and_a_run_can_be_cancelled()
    {
        var client = await OnHoustonAsync();
        var workspace = factory.TidalWorkspace();
        var run = workspace.StartPlan(new PlanSettings(10, 60, 60), new LocalDate(2010, 7, 3), new StaffingSettings());
        Assert.NotNull(run);
        try
        {
            var second = await client.PostAsJsonAsync("/api/tidal/plan", new { areas = 10, officers = 60, timeLimitSeconds = 5 }, Ct);
            Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        }
        finally
        {
            run.Cancel();
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.Task);
        Assert.True(run.IsCancelled);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"cancel took {clock.Elapsed}");
    }
}
