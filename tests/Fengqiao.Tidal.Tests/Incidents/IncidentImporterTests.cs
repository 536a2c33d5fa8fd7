using Fengqiao.Tidal.Incidents;
using NodaTime;

namespace Fengqiao.Tidal.Tests.Incidents;

public class IncidentImporterTests
{
    private static readonly ColumnMapping Mapping = ColumnMapping.Parse("time=time_local,area=beat,type=offense,lat=lat,lon=lon,priority=priority");

    [Fact]
    public void Bad_rows_are_reported_with_their_line_numbers_and_good_rows_kept()
    {
        var result = IncidentImporter.ImportFile(TestData.Sample("bad_rows.csv"), Mapping);

        Assert.Equal(
            [(3L, "unreadable time"), (5L, "no area"), (6L, "priority 'high'"), (7L, "expected 6 fields")],
            result.Errors.Select(e => (e.Line, e.Message)).Select(x => (x.Line, Prefix(x.Message))).ToList());
        Assert.Equal(4, result.Incidents.Count);
        Assert.Equal(8, result.RowsRead);
        var quoted = result.Incidents[1];
        Assert.Equal("burglary, residence", quoted.Type);
        Assert.Equal(new LocalDateTime(2010, 1, 4, 9, 0), quoted.Time);
        Assert.Equal("line note", result.Incidents[2].Area.Length > 0 ? "line note" : "");
        Assert.Equal("2B30", result.Incidents[2].Area); // multi-line quoted field, starting on line 8
        Assert.Null(result.Incidents[3].Location); // latitude 91 is not a place: kept, without coordinates
    }

    private static string Prefix(string message) =>
        new[] { "unreadable time", "no area", "priority 'high'", "expected 6 fields" }.First(message.StartsWith);

    [Fact]
    public void Row_after_a_multi_line_field_keeps_the_physical_line_number()
    {
        var csv = "time,area\n\"2010-01-01T00:00:00\",\"A\nB\"\nbad,C\n";
        var result = IncidentImporter.Import(new StringReader(csv), ColumnMapping.Parse("time=time,area=area"));
        Assert.Equal(4, Assert.Single(result.Errors).Line);
    }

    [Fact]
    public void Houston_preset_reads_the_sample()
    {
        var result = IncidentImporter.ImportFile(TestData.Sample("houston_sample.csv"), ImportPresets.Houston);
        Assert.Empty(result.Errors);
        Assert.Equal(300, result.Incidents.Count);
        var first = result.Incidents[0];
        Assert.Equal("15E30", first.Area);
        Assert.Equal("murder", first.Type);
        Assert.Equal(new LocalDateTime(2010, 1, 1, 0, 0), first.Time);
        Assert.NotNull(first.Location);
    }

    [Fact]
    public void SanDiego_preset_reads_gzip_and_reports_calls_without_a_beat()
    {
        var result = IncidentImporter.ImportFile(TestData.Sample("sandiego_sample.csv.gz"), ImportPresets.SanDiego);
        Assert.Equal(200, result.RowsRead);
        Assert.Equal(result.RowsRead, result.Incidents.Count + result.Errors.Count);
        Assert.Contains(result.Errors, e => e.Line == 3 && e.Message.Contains("no area", StringComparison.Ordinal));
        Assert.All(result.Incidents, i => Assert.NotNull(i.Priority));
        Assert.Equal(new LocalDateTime(2023, 1, 1, 0, 0, 5), result.Incidents[0].Time);
    }

    [Fact]
    public void Grid_binning_puts_near_points_together_and_far_points_apart()
    {
        var grid = new SquareGrid(new GeoPoint(29.5, -95.8), 500);
        var a = grid.CodeOf(new GeoPoint(29.7500, -95.3600));
        var b = grid.CodeOf(new GeoPoint(29.7501, -95.3601)); // ~15 m away
        var c = grid.CodeOf(new GeoPoint(29.7600, -95.3600)); // ~1.1 km north
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        var (row, _) = grid.CellOf(new GeoPoint(29.7500, -95.3600));
        Assert.Equal((int)Math.Floor((29.75 - 29.5) * 111_320 / 500), row);
    }

    [Fact]
    public void Mapping_with_grid_bins_coordinates_and_rejects_rows_without_them()
    {
        var mapping = ColumnMapping.Parse("time=time_local,type=offense,lat=lat,lon=lon,grid=1000");
        var result = IncidentImporter.ImportFile(TestData.Sample("bad_rows.csv"), mapping);
        Assert.All(result.Incidents, i => Assert.StartsWith("G", i.Area, StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Line == 10 && e.Message.Contains("coordinates", StringComparison.Ordinal));
    }

    [Fact]
    public void Mapping_rejects_unknown_keys_and_missing_time()
    {
        Assert.Throws<FormatException>(() => ColumnMapping.Parse("time=t,aera=beat"));
        Assert.Throws<FormatException>(() => ColumnMapping.Parse("area=beat"));
    }
}
