using System.Globalization;
using System.IO.Compression;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Tidal.Incidents;

/// <summary>A row that could not be imported, with the physical line it starts on (header = line 1).</summary>
public sealed record ImportError(long Line, string Message);

/// <summary>Good rows kept, bad rows reported.</summary>
public sealed record ImportResult(IReadOnlyList<Incident> Incidents, IReadOnlyList<ImportError> Errors, long RowsRead)
{
    public static ImportResult Combine(IEnumerable<ImportResult> parts)
    {
        var list = parts.ToList();
        return new ImportResult(
            list.SelectMany(p => p.Incidents).ToList(),
            list.SelectMany(p => p.Errors).ToList(),
            list.Sum(p => p.RowsRead));
    }
}

/// <summary>Reads incidents from CSV (plain or gzip) through a <see cref="ColumnMapping"/>.</summary>
public static class IncidentImporter
{
    private static readonly LocalDateTimePattern[] DefaultPatterns =
    [
        LocalDateTimePattern.ExtendedIso,
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm:ss"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu/MM/dd HH:mm:ss"),
        LocalDateTimePattern.CreateWithInvariantCulture("M/d/uuuu H:mm:ss"),
        LocalDateTimePattern.CreateWithInvariantCulture("M/d/uuuu H:mm"),
    ];

    /// <summary>Imports a file; a name ending in .gz is decompressed on the fly.</summary>
    public static ImportResult ImportFile(string path, ColumnMapping mapping)
    {
        using var stream = File.OpenRead(path);
        using Stream data = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(stream, CompressionMode.Decompress)
            : stream;
        using var reader = new StreamReader(data, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Import(reader, mapping);
    }

    public static ImportResult Import(TextReader reader, ColumnMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(mapping);
        var csv = new CsvRecordReader(reader);
        var errors = new List<ImportError>();
        var incidents = new List<Incident>();
        if (!csv.TryRead(out var header, out _, out _))
        {
            errors.Add(new ImportError(1, "file is empty: no header row"));
            return new ImportResult(incidents, errors, 0);
        }

        var columns = header.Select((name, index) => (name: name.Trim().TrimStart('\uFEFF'), index))
            .GroupBy(x => x.name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().index, StringComparer.OrdinalIgnoreCase);

        int Require(string name) => columns.TryGetValue(name, out var i)
            ? i
            : throw new FormatException($"column '{name}' not in header ({string.Join(", ", columns.Keys)})");
        int? Optional(string? name) => name is null ? null : Require(name);

        var timeCol = Require(mapping.Time);
        var useGrid = mapping.UsesGrid;
        var areaCol = useGrid ? null : Optional(mapping.Area);
        var latCol = Optional(mapping.Latitude);
        var lonCol = Optional(mapping.Longitude);
        var typeCol = Optional(mapping.Type);
        var priorityCol = Optional(mapping.Priority);
        var serviceCol = Optional(mapping.ServiceMinutes);
        var patterns = mapping.TimeFormat is null
            ? DefaultPatterns
            : [LocalDateTimePattern.CreateWithInvariantCulture(mapping.TimeFormat)];
        SquareGrid? grid = null;
        var types = new Dictionary<string, string>(StringComparer.Ordinal); // interning: 75k rows share a few types
        var areas = new Dictionary<string, string>(StringComparer.Ordinal);

        long rows = 0;
        while (csv.TryRead(out var f, out var line, out var unterminated))
        {
            if (f.Count == 1 && f[0].Length == 0)
            {
                continue; // blank line
            }

            rows++;
            if (unterminated)
            {
                errors.Add(new ImportError(line, "unterminated quoted field"));
                continue;
            }

            string? Cell(int? col) => col is int c && c < f.Count ? f[c].Trim() : null;
            if (f.Count < header.Count)
            {
                errors.Add(new ImportError(line, $"expected {header.Count} fields, found {f.Count}"));
                continue;
            }

            var timeText = Cell(timeCol) ?? "";
            if (!TryParseTime(timeText, patterns, out var time))
            {
                errors.Add(new ImportError(line, $"unreadable time '{timeText}' in column {mapping.Time}"));
                continue;
            }

            GeoPoint? location = null;
            var latText = Cell(latCol);
            var lonText = Cell(lonCol);
            if (!string.IsNullOrEmpty(latText) && !string.IsNullOrEmpty(lonText)
                && double.TryParse(latText, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
                && double.TryParse(lonText, NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
                && Math.Abs(lat) <= 90 && Math.Abs(lon) <= 180)
            {
                var p = new GeoPoint(lat, lon);
                if (mapping.Bounds is null || mapping.Bounds.Contains(p))
                {
                    location = p;
                }
            }

            string area;
            if (useGrid)
            {
                if (location is not GeoPoint point)
                {
                    errors.Add(new ImportError(line, "missing or out-of-bounds coordinates: cannot place the incident in a grid cell"));
                    continue;
                }

                grid ??= new SquareGrid(
                    mapping.Bounds is { } b ? new GeoPoint(b.MinLatitude, b.MinLongitude) : new GeoPoint(Math.Floor(point.Latitude), Math.Floor(point.Longitude)),
                    mapping.GridCellMetres ?? 1000);
                area = grid.CodeOf(point);
            }
            else
            {
                var areaText = Cell(areaCol) ?? "";
                if (mapping.MissingAreaValues.Contains(areaText))
                {
                    errors.Add(new ImportError(line, $"no area in column {mapping.Area}"));
                    continue;
                }

                area = areaText;
            }

            int? priority = null;
            var priorityText = Cell(priorityCol);
            if (!string.IsNullOrEmpty(priorityText))
            {
                if (!int.TryParse(priorityText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pr))
                {
                    errors.Add(new ImportError(line, $"priority '{priorityText}' is not a whole number"));
                    continue;
                }

                priority = pr;
            }

            double? service = null;
            var serviceText = Cell(serviceCol);
            if (!string.IsNullOrEmpty(serviceText))
            {
                if (!double.TryParse(serviceText, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) || s < 0)
                {
                    errors.Add(new ImportError(line, $"service minutes '{serviceText}' is not a non-negative number"));
                    continue;
                }

                service = s;
            }

            var type = Cell(typeCol) ?? "";
            incidents.Add(new Incident(time, Intern(areas, area), Intern(types, type), priority, service, location));
        }

        return new ImportResult(incidents, errors, rows);
    }

    private static string Intern(Dictionary<string, string> pool, string s)
    {
        if (pool.TryGetValue(s, out var existing))
        {
            return existing;
        }

        pool[s] = s;
        return s;
    }

    private static bool TryParseTime(string text, LocalDateTimePattern[] patterns, out LocalDateTime time)
    {
        foreach (var pattern in patterns)
        {
            var result = pattern.Parse(text);
            if (result.Success)
            {
                time = result.Value;
                return true;
            }
        }

        time = default;
        return false;
    }
}
