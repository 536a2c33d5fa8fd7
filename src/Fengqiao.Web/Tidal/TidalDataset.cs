using System.IO.Compression;
using Fengqiao.Tidal.Demand;
using Fengqiao.Tidal.Demo;
using Fengqiao.Tidal.Incidents;
using NodaTime;

namespace Fengqiao.Web.Tidal;

/// <summary>The incidents the planner is working on (警情数据), with the import's bad rows kept for the report.</summary>
public sealed class TidalDataset
{
    public const string DemoName = "houston-2010-20-beats";

    /// <summary>The synthetic 克拉玛依区 district the planner opens on (see <see cref="KaramayDemo"/>).</summary>
    public const string KaramayName = "karamay-650203-demo";
    private const string DemoResource = "Fengqiao.Web.Tidal.DemoData.houston-2010-20-beats.csv.gz";

    public TidalDataset(string name, ImportResult import)
    {
        ArgumentNullException.ThrowIfNull(import);
        if (import.Incidents.Count == 0)
        {
            throw new ArgumentException("a dataset needs at least one incident", nameof(import));
        }

        Name = name;
        Incidents = import.Incidents;
        Errors = import.Errors;
        RowsRead = import.RowsRead;
        First = Incidents.Min(i => i.Time);
        Last = Incidents.Max(i => i.Time);
        // Busiest first: the heatmap, the forecast and the plan all read areas in this order.
        Areas = DemandMatrix.BusiestAreas(Incidents, int.MaxValue);
        Types = Incidents.GroupBy(i => i.Type, StringComparer.Ordinal).OrderByDescending(g => g.Count()).Select(g => g.Key).ToList();
    }

    public string Name { get; }

    /// <summary>Whether these are the shipped demo incidents (stored as a marker, not as data).</summary>
    public bool IsDemo { get; private init; }

    public IReadOnlyList<Incident> Incidents { get; }

    public IReadOnlyList<ImportError> Errors { get; }

    public long RowsRead { get; }

    public LocalDateTime First { get; }

    public LocalDateTime Last { get; }

    public IReadOnlyList<string> Areas { get; }

    public IReadOnlyList<string> Types { get; }

    /// <summary>Whether these are the synthetic 克拉玛依区 incidents, planned with the district's own officers and posts.</summary>
    public bool IsKaramay => IsDemo && Name == KaramayName;

    /// <summary>
    /// The last day the forecast and plan learn from: for the 克拉玛依区 demo the last day of data, so the plan is for the
    /// coming week; for imported data four weeks before the end, so a back-test has four test weeks.
    /// </summary>
    public LocalDate DefaultTrainTo
    {
        get
        {
            if (IsKaramay)
            {
                return Last.Date;
            }

            var candidate = Last.Date.PlusWeeks(-4);
            var earliest = First.Date.PlusWeeks(3);
            return candidate < earliest ? Last.Date.PlusDays(-1) : candidate;
        }
    }

    /// <summary>
    /// Where the adjustment tab opens: for the shipped data an evening when beat 6B60 ran hot (6 offences in three
    /// hours against about 1.4 expected), so the demo shows a recommendation; otherwise 20:00 on the last day.
    /// </summary>
    public LocalDateTime DefaultAdjustmentTime => Name == DemoName ? new LocalDateTime(2010, 7, 28, 21, 0) : Last.Date.At(new LocalTime(20, 0));

    /// <summary>Reads a CSV upload (plain or gzip, detected by its magic bytes, not its name).</summary>
    public static ImportResult Read(Stream content, ColumnMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(content);
        Span<byte> magic = stackalloc byte[2];
        var seekable = new MemoryStream();
        content.CopyTo(seekable);
        seekable.Position = 0;
        var isGzip = seekable.Read(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        seekable.Position = 0;
        using Stream data = isGzip ? new GZipStream(seekable, CompressionMode.Decompress) : seekable;
        using var reader = new StreamReader(data, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return IncidentImporter.Import(reader, mapping);
    }

    private static readonly Lazy<TidalDataset> DemoSet = new(LoadDemo);

    /// <summary>The Houston offences the app ships (see DemoData/SOURCES.md); parsed once per process, it never changes.</summary>
    public static TidalDataset Demo() => DemoSet.Value;

    private sealed record KaramayCache(LocalDate Until, TidalDataset Set);

    private static KaramayCache? _karamay; // the last day's demo; a reference, so read and replaced whole

    /// <summary>
    /// The synthetic 克拉玛依区 demo: the twelve weeks before <paramref name="until"/>, drawn from the Houston offences'
    /// patterns with a fixed seed, so every node given the same day builds the same incidents.
    /// </summary>
    public static TidalDataset Karamay(LocalDate until)
    {
        if (_karamay is { } cached && cached.Until == until)
        {
            return cached.Set;
        }

        var incidents = KaramayDemo.Incidents(Demo().Incidents, until);
        var set = new TidalDataset(KaramayName, new ImportResult(incidents, [], incidents.Count)) { IsDemo = true };
        _karamay = new KaramayCache(until, set);
        return set;
    }

    private static TidalDataset LoadDemo()
    {
        using var stream = typeof(TidalDataset).Assembly.GetManifestResourceStream(DemoResource)
            ?? throw new InvalidOperationException($"embedded resource {DemoResource} is missing");
        return new TidalDataset(DemoName, Read(stream, ImportPresets.Houston)) { IsDemo = true };
    }
}
