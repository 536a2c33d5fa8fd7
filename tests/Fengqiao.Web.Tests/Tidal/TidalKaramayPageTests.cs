using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fengqiao.Testing;
using Fengqiao.Tidal.Demo;
using Fengqiao.Web.Tests.Infrastructure;
using Fengqiao.Web.Tidal;
using Microsoft.Extensions.DependencyInjection;

namespace Fengqiao.Web.Tests.Tidal;

/// <summary>
/// The planner opens on the synthetic 克拉玛依区 district, ending the day before the run's clock; a roster on it reads
/// in plain Chinese: officers by name, weekdays as 周二, teams and posts in Chinese, the bounds under 模型评估.
/// </summary>
public sealed partial class TidalKaramayPageTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An officer or post code such as C004, P001 or school-1.</summary>
    [GeneratedRegex(@"\b([CPTR]\d{3}|school-\d|hospital-\d|market-\d)\b")]
    private static partial Regex Code();

    [GeneratedRegex(@"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{2}:00|\b(Patrol|Traffic|Combined)\b")]
    private static partial Regex EnglishWords();

    [Fact]
    public async Task The_planner_opens_on_Karamay_and_its_roster_reads_in_Chinese_without_codes()
    {
        var client = await factory.SignedInAsync("police");

        var dataset = await client.GetFromJsonAsync<JsonElement>("/api/tidal/dataset", Ct);
        Assert.Equal(TidalDataset.KaramayName, dataset.GetProperty("name").GetString());
        Assert.Contains("和平社区", dataset.GetProperty("areas").EnumerateArray().Select(a => a.GetString()));
        Assert.StartsWith(TestTime.Today.PlusDays(-1).ToString("yyyy-MM-dd", null), dataset.GetProperty("last").GetString(), StringComparison.Ordinal);

        var page = await client.GetStringAsync("/tidal", Ct);
        Assert.Contains("克拉玛依区（合成演示数据，非真实警情）", page, StringComparison.Ordinal);
        Assert.DoesNotContain("houston", page, StringComparison.OrdinalIgnoreCase);

        // A small roster on the demo, then the pages a planner reads.
        var plan = await client.PostAsJsonAsync("/api/tidal/plan", new { areas = 10, officers = 40, timeLimitSeconds = 3 }, Ct);
        Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
        var outcome = factory.TidalWorkspace().Plan!;
        Assert.True(outcome.Problem.WeekStart >= TestTime.Today, $"the roster is for the coming week, not {outcome.Problem.WeekStart}");
        Assert.Empty(outcome.CurrentViolations);
        var names = KaramayDemo.Officers(40).Select(o => o.Officer.Name).ToHashSet();
        Assert.All(outcome.Problem.Officers, o => Assert.Contains(o.Name, names));

        page = await client.GetStringAsync("/tidal?tab=roster", Ct);
        Assert.Contains("未满足警情需求（警力·小时）", page, StringComparison.Ordinal);
        Assert.Contains("与固定三班相比", page, StringComparison.Ordinal);
        Assert.Contains("模型评估", page, StringComparison.Ordinal);
        Assert.DoesNotContain("GLOP", page, StringComparison.Ordinal);
        Assert.DoesNotMatch(Code(), page);

        var busiest = outcome.Problem.Areas[0];
        var area = await client.GetStringAsync($"/tidal/areas/{Uri.EscapeDataString(busiest)}", Ct);
        var onDuty = outcome.Current.Duties.First(d => d.Area == busiest).OfficerId;
        Assert.Contains(outcome.Problem.Officers.Single(o => o.Id == onDuty).Name, area, StringComparison.Ordinal);
        Assert.DoesNotMatch(Code(), area);

        // The officer who stands a school post: name, team, weekdays and the post in Chinese.
        var guard = outcome.Current.PostDuties.First(p => p.PostId.StartsWith("护学岗", StringComparison.Ordinal)).OfficerId;
        var officer = await client.GetStringAsync($"/tidal/officers/{guard}", Ct);
        var who = outcome.Problem.Officers.Single(o => o.Id == guard);
        Assert.Contains(who.Name, officer, StringComparison.Ordinal);
        Assert.Contains(who.Skill switch { Fengqiao.Tidal.Rostering.Skill.Traffic => "交警", Fengqiao.Tidal.Rostering.Skill.Combined => "合成", _ => "巡警" }, officer, StringComparison.Ordinal);
        Assert.Contains("护学岗·", officer, StringComparison.Ordinal);
        Assert.Matches(@"周[一二三四五六日] \d{2}:00", officer);
        Assert.DoesNotMatch(EnglishWords(), officer);
        Assert.DoesNotMatch(Code(), officer);

        // The same page in English: English weekdays and team, no Chinese ones.
        var english = await client.GetStringAsync($"/tidal/officers/{guard}?culture=en&ui-culture=en", Ct);
        Assert.Matches(EnglishWords(), english);
        Assert.DoesNotMatch(@"周[一二三四五六日] \d{2}:00", english);
        Assert.DoesNotContain("巡警", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tide_chart_the_timeline_and_the_printed_roster_read_in_Chinese_and_in_English()
    {
        var client = await factory.SignedInAsync("police");
        (await client.PostAsync("/api/tidal/dataset/reset", null, Ct)).EnsureSuccessStatusCode();
        var plan = await client.PostAsJsonAsync("/api/tidal/plan", new { areas = 10, officers = 40, timeLimitSeconds = 3 }, Ct);
        Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
        var outcome = factory.TidalWorkspace().Plan!;

        // The tide: demand against officers on duty, both rosters, gaps shaded, with its legend and weekday axis.
        var tide = await client.GetStringAsync("/tidal?tab=tide", Ct);
        Assert.Contains("data-testid=\"tide-chart\"", tide, StringComparison.Ordinal);
        foreach (var words in new[] { "全区", "警情需求（所需警力）", "潮汐排班在岗警力", "固定三班在岗警力", "警力缺口", "周六" })
        {
            Assert.Contains(words, tide, StringComparison.Ordinal);
        }

        var district = Fengqiao.Tidal.Rostering.TideSeries.Of(outcome.Problem, outcome.Current);
        Assert.Equal(district.Demand.Zip(district.OnDuty).Count(x => x.First > x.Second), Regex.Count(tide, "class=\"tide-gap\""));
        Assert.Contains($"潮汐排班 {outcome.CurrentMetrics.UnmetDemandHours}、固定三班 {outcome.FixedMetrics.UnmetDemandHours}", tide, StringComparison.Ordinal);
        Assert.DoesNotMatch(EnglishWords(), tide);
        Assert.DoesNotMatch(Code(), tide);

        // The timeline: Monday's shifts as bars by officer name, the print view and exports beside it.
        var timeline = await client.GetStringAsync("/tidal?tab=timeline", Ct);
        var monday = outcome.Current.Duties.Where(d => d.Day == 0).Select(d => d.OfficerId).Distinct().ToList();
        Assert.NotEmpty(monday);
        Assert.Contains(outcome.Problem.Officers.Single(o => o.Id == monday[0]).Name, timeline, StringComparison.Ordinal);
        Assert.True(Regex.Count(timeline, "class=\"timeline-shift\"") >= monday.Count);
        Assert.Contains("打印勤务表", timeline, StringComparison.Ordinal);
        Assert.Contains("派出所", timeline, StringComparison.Ordinal);
        Assert.DoesNotMatch(EnglishWords(), timeline);
        Assert.DoesNotMatch(Code(), timeline);

        // The printable 勤务表: A4 landscape, one table for the day, every shift starting that day, posts by name.
        var print = await client.GetStringAsync("/tidal/roster/print?day=0", Ct);
        Assert.Contains("size: A4 landscape", print, StringComparison.Ordinal);
        Assert.Contains("克拉玛依区公安分局勤务表", print, StringComparison.Ordinal);
        Assert.Contains("window.print()", print, StringComparison.Ordinal);
        Assert.Equal(outcome.Current.Duties.Count(d => d.Day == 0) + 1, Regex.Count(print, "<tr"));
        if (outcome.Current.PostDuties.Any(p => p.FromHourOfWeek < 24 && p.PostId.StartsWith("护学岗", StringComparison.Ordinal)))
        {
            Assert.Contains("护学岗·", print, StringComparison.Ordinal);
        }

        Assert.DoesNotMatch(EnglishWords(), print);
        Assert.DoesNotMatch(Code(), print);
        var week = await client.GetStringAsync("/tidal/roster/print?day=week", Ct);
        Assert.Equal(7, Regex.Count(week, "data-testid=\"print-day\""));

        // In English: English words, none of the Chinese labels.
        var english = await client.GetStringAsync("/tidal/roster/print?day=0&culture=en&ui-culture=en", Ct);
        Assert.Contains("Duty roster", english, StringComparison.Ordinal);
        Assert.DoesNotContain("勤务表", english, StringComparison.Ordinal);
        Assert.DoesNotContain("周一", english, StringComparison.Ordinal);
        var englishTide = await client.GetStringAsync("/tidal?tab=tide&culture=en&ui-culture=en", Ct);
        Assert.Contains("Whole district", englishTide, StringComparison.Ordinal);
        Assert.Contains("On duty, fixed three shifts", englishTide, StringComparison.Ordinal);
        Assert.DoesNotContain("全区", englishTide, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_area_map_colours_every_Karamay_area_by_next_weeks_forecast_with_a_legend_in_either_language()
    {
        var client = await factory.SignedInAsync("police");
        (await client.PostAsync("/api/tidal/dataset/reset", null, Ct)).EnsureSuccessStatusCode();

        var map = await client.GetStringAsync("/tidal?tab=map", Ct);
        // No boundary of the demo's communities is imported: each area is a circle at its centre, coloured by the forecast.
        Assert.Equal(KaramayDemo.Areas.Count, Regex.Count(map, "<g data-area=\""));
        Assert.Equal(KaramayDemo.Areas.Count, Regex.Count(map, "<circle "));
        Assert.Contains("每小时预测警情（起）", map, StringComparison.Ordinal);
        Assert.Contains("全区预测警情", map, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"area-map-empty\"", map, StringComparison.Ordinal);

        var english = await client.GetStringAsync("/tidal?tab=map&culture=en&ui-culture=en", Ct);
        Assert.Contains("Forecast incidents per hour", english, StringComparison.Ordinal);
        Assert.DoesNotContain("每小时预测警情", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Saturday_event_and_an_officer_off_sick_re_plan_that_day_only_and_list_the_changes()
    {
        var client = await factory.SignedInAsync("police");
        (await client.PostAsync("/api/tidal/dataset/reset", null, Ct)).EnsureSuccessStatusCode();
        var solved = await client.PostAsJsonAsync("/api/tidal/plan", new { areas = 10, officers = 40, timeLimitSeconds = 3 }, Ct);
        Assert.Equal(HttpStatusCode.OK, solved.StatusCode);
        var workspace = factory.TidalWorkspace();
        var before = workspace.Plan!;
        const int saturday = 5;
        var sick = before.Current.Duties.First(d => d.Day == saturday).OfficerId;
        var area = before.Problem.Areas[0];

        var response = await client.PostAsJsonAsync("/api/tidal/plan/replan", new { day = saturday, events = new[] { new { area, day = saturday, fromHour = 18, toHour = 23, extraUnits = 3 } }, offSick = new[] { sick } }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        // Before: the roster as it stood, event included; after: with the sick officer's shift gone and the day re-planned.
        Assert.True(answer.GetProperty("before").GetInt64() >= 0 && answer.GetProperty("after").GetInt64() >= 0);
        Assert.Contains(answer.GetProperty("changes").EnumerateArray(), c => c.GetProperty("officerId").GetString() == sick);
        Assert.Equal(before.Edits + 1, answer.GetProperty("plan").GetProperty("edits").GetInt32());

        var after = factory.TidalWorkspace().Plan!; // read afresh: a workspace re-reads the store at most once a second
        Assert.Equal(
            before.Current.Duties.Where(d => d.Day != saturday).OrderBy(d => d.OfficerId, StringComparer.Ordinal).ThenBy(d => d.StartHourOfWeek),
            after.Current.Duties.Where(d => d.Day != saturday).OrderBy(d => d.OfficerId, StringComparer.Ordinal).ThenBy(d => d.StartHourOfWeek));
        Assert.DoesNotContain(after.Current.Duties, d => d.OfficerId == sick && d.Day == saturday);

        // The adjustment tab offers it in Chinese; bad requests are refused in the caller's language.
        var tab = await client.GetStringAsync("/tidal?tab=adjust", Ct);
        Assert.Contains("重排当日", tab, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/tidal/plan/replan", new { day = 7 }, Ct)).StatusCode);
        var unknown = await client.PostAsJsonAsync("/api/tidal/plan/replan?culture=en", new { day = saturday, offSick = new[] { "nobody" } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("officer nobody is not in the plan", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
