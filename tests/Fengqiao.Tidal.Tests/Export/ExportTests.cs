using Fengqiao.Tidal.Export;
using Fengqiao.Tidal.Rostering;
using Fengqiao.Tidal.Tests.Rostering;
using MiniExcelLibs;

namespace Fengqiao.Tidal.Tests.Export;

public class ExportTests
{
    [Fact]
    public void Excel_workbook_has_a_row_per_duty()
    {
        var problem = SmallScenario.Problem();
        var roster = FixedThreeShiftPlanner.Plan(problem);
        using var stream = new MemoryStream();
        RosterExcelExporter.Write(stream, problem, roster);
        stream.Position = 0;
        var rows = stream.Query(useHeaderRow: true, sheetName: "Duties").ToList();
        Assert.Equal(roster.Duties.Count, rows.Count);
        Assert.Equal(["Areas", "Duties", "Officers"], MiniExcel.GetSheetNames(new MemoryStream(stream.ToArray())).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Excel_sheets_headers_and_teams_come_in_the_readers_words()
    {
        var problem = SmallScenario.Problem();
        var roster = FixedThreeShiftPlanner.Plan(problem);
        var words = new Dictionary<string, string>
        {
            ["Duties"] = "班次", ["Officers"] = "警员", ["Areas"] = "片区", ["Officer"] = "警号", ["Name"] = "姓名", ["Skill"] = "警种",
            ["Area"] = "片区", ["Start"] = "开始", ["End"] = "结束", ["Hours"] = "小时", ["KeyPosts"] = "固定岗位", ["Shifts"] = "班次数",
            ["Overtime"] = "加班小时", ["Hour"] = "时段", ["PatrolNeeded"] = "需巡逻警力", ["PostsNeeded"] = "需驻岗警力",
            ["TrafficNeeded"] = "需交通警力", ["Patrol"] = "巡警在岗", ["Traffic"] = "交警在岗", ["Combined"] = "合成在岗", ["Unmet"] = "未满足",
            ["Skill.Patrol"] = "巡警", ["Skill.Traffic"] = "交警", ["Skill.Combined"] = "合成",
        };
        using var stream = new MemoryStream();
        RosterExcelExporter.Write(stream, problem, roster, key => words[key]);
        var bytes = stream.ToArray();
        Assert.Equal(["班次", "警员", "片区"], MiniExcel.GetSheetNames(new MemoryStream(bytes)));
        var officers = new MemoryStream(bytes).Query(useHeaderRow: true, sheetName: "警员").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["警号", "姓名", "警种", "班次数", "小时", "加班小时"], officers[0].Keys);
        Assert.Equal(["巡警", "交警", "合成"], officers.Select(o => (string)o["警种"]).Distinct());
        var areas = new MemoryStream(bytes).Query(useHeaderRow: true, sheetName: "片区").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(RosterEvaluator.Evaluate(problem, roster).UnmetDemandHours, areas.Sum(r => Convert.ToInt64(r["未满足"], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void ICalendar_is_well_formed_with_crlf_and_folded_lines()
    {
        var problem = SmallScenario.Problem();
        var roster = FixedThreeShiftPlanner.Plan(problem);
        var ics = RosterCalendarExporter.ToICalendar(problem, roster, "P01");
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", ics, StringComparison.Ordinal);
        Assert.EndsWith("END:VCALENDAR\r\n", ics, StringComparison.Ordinal);
        var lines = ics.Split("\r\n");
        Assert.All(lines, l => Assert.True(System.Text.Encoding.UTF8.GetByteCount(l) <= 75, l));
        Assert.Equal(5, lines.Count(l => l == "BEGIN:VEVENT"));
        Assert.Contains("DTSTART:202603", ics, StringComparison.Ordinal);
    }
}
