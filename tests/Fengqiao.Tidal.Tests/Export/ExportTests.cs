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
