namespace Fengqiao.Tidal.Incidents;

/// <summary>
/// Which CSV columns hold an incident's fields. The area comes either from a code column (beat, station zone)
/// or, when <see cref="GridCellMetres"/> is set or no area column is given, from binning lat/lon to a square grid.
/// </summary>
public sealed record ColumnMapping
{
    public required string Time { get; init; }

    /// <summary>NodaTime pattern for <see cref="Time"/>; null tries ISO-8601, "yyyy-MM-dd HH:mm[:ss]" and "M/d/yyyy H:mm[:ss]".</summary>
    public string? TimeFormat { get; init; }

    public string? Area { get; init; }

    public string? Latitude { get; init; }

    public string? Longitude { get; init; }

    public string? Type { get; init; }

    public string? Priority { get; init; }

    public string? ServiceMinutes { get; init; }

    /// <summary>Area codes that mean "no area" in the source (San Diego writes −1).</summary>
    public IReadOnlySet<string> MissingAreaValues { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "", "-1", "NULL", "null", "NA" };

    /// <summary>Coordinates outside these bounds are treated as geocoding errors.</summary>
    public GeoBounds? Bounds { get; init; }

    /// <summary>When set, the area is the grid cell of this size holding the incident's coordinates.</summary>
    public double? GridCellMetres { get; init; }

    public bool UsesGrid => GridCellMetres is not null || Area is null;

    /// <summary>
    /// Parses <c>time=col,area=col,lat=col,lon=col,type=col,priority=col,service=col,format=pattern,grid=metres</c>.
    /// Unknown keys are rejected so that a typo does not silently drop a column.
    /// </summary>
    public static ColumnMapping Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException($"mapping entry '{part}' is not key=column");
            }

            map[part[..eq].Trim()] = part[(eq + 1)..].Trim();
        }

        string? Take(params string[] keys)
        {
            foreach (var k in keys)
            {
                if (map.Remove(k, out var v))
                {
                    return v;
                }
            }

            return null;
        }

        var time = Take("time") ?? throw new FormatException("mapping needs time=<column>");
        var gridText = Take("grid");
        var mapping = new ColumnMapping
        {
            Time = time,
            TimeFormat = Take("format", "timeformat"),
            Area = Take("area"),
            Latitude = Take("lat", "latitude"),
            Longitude = Take("lon", "lng", "longitude"),
            Type = Take("type"),
            Priority = Take("priority"),
            ServiceMinutes = Take("service", "serviceminutes"),
            GridCellMetres = gridText is null ? null : double.Parse(gridText, System.Globalization.CultureInfo.InvariantCulture),
        };
        if (map.Count > 0)
        {
            throw new FormatException($"unknown mapping key(s): {string.Join(", ", map.Keys)}");
        }

        if (mapping.UsesGrid && (mapping.Latitude is null || mapping.Longitude is null))
        {
            throw new FormatException("mapping needs area=<column>, or lat=<column>,lon=<column> for grid binning");
        }

        return mapping;
    }
}

/// <summary>Column mappings for the data sets the district ships with.</summary>
public static class ImportPresets
{
    /// <summary>Houston Police Department offences 2010: hourly local times, HPD beats, coordinates.</summary>
    public static ColumnMapping Houston { get; } = new()
    {
        Time = "time_local",
        Area = "beat",
        Type = "offense",
        Latitude = "lat",
        Longitude = "lon",
        // Some records are geocoded far outside the city; the data notes give this box.
        Bounds = new GeoBounds(29.5, 30.2, -95.8, -95.0),
    };

    /// <summary>San Diego Police calls for service: second resolution, beats (−1 = none) and priorities 0–4, 9.</summary>
    public static ColumnMapping SanDiego { get; } = new()
    {
        Time = "date_time",
        Area = "beat",
        Type = "call_type",
        Priority = "priority",
    };

    public static IReadOnlyList<string> Names { get; } = ["houston", "sandiego"];

    public static ColumnMapping Get(string name) => name.ToUpperInvariant() switch
    {
        "HOUSTON" => Houston,
        "SANDIEGO" or "SAN-DIEGO" => SanDiego,
        _ => throw new ArgumentException($"unknown preset '{name}' (known: {string.Join(", ", Names)})", nameof(name)),
    };
}
