using System.ComponentModel;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Fengqiao.Tidal.Incidents;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fengqiao.Cli.Tidal;

/// <summary>Options shared by verbs that read incident files.</summary>
internal class IncidentSourceSettings : CommandSettings
{
    [CommandOption("--preset <NAME>")]
    [Description("Column preset: houston | sandiego")]
    public string? Preset { get; init; }

    [CommandOption("--map <MAPPING>")]
    [Description("Column mapping, e.g. time=date_time,area=beat,type=call_type,priority=priority (or lat=..,lon=..,grid=500)")]
    public string? Map { get; init; }

    [CommandOption("--grid <METRES>")]
    [Description("Bin lat/lon into square cells of this size instead of using the area column")]
    public double? GridMetres { get; init; }

    [CommandOption("--json")]
    [Description("Write JSON to stdout")]
    public bool Json { get; init; }

    public ColumnMapping Mapping()
    {
        if (Preset is null == (Map is null))
        {
            throw new InvalidOperationException("give exactly one of --preset or --map");
        }

        var mapping = Preset is not null ? ImportPresets.Get(Preset) : ColumnMapping.Parse(Map!);
        return GridMetres is double g ? mapping with { GridCellMetres = g } : mapping;
    }

    public override ValidationResult Validate() =>
        Preset is null == (Map is null) ? ValidationResult.Error("give exactly one of --preset or --map") : ValidationResult.Success();
}

/// <summary>Console helpers: JSON for machines, Spectre tables and progress for people (progress goes to stderr-like live display only when not --json).</summary>
internal static class TidalOutput
{
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Json));

    public static string F(double v, int digits = 3) => v.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static ImportResult ImportAll(IReadOnlyList<string> files, ColumnMapping mapping, bool quiet)
    {
        var results = new List<ImportResult>();
        if (quiet)
        {
            results.AddRange(files.Select(f => IncidentImporter.ImportFile(f, mapping)));
        }
        else
        {
            AnsiConsole.Progress().Start(ctx =>
            {
                var task = ctx.AddTask("importing", maxValue: files.Count);
                foreach (var f in files)
                {
                    task.Description = Markup.Escape(Path.GetFileName(f));
                    results.Add(IncidentImporter.ImportFile(f, mapping));
                    task.Increment(1);
                }
            });
        }

        return ImportResult.Combine(results);
    }
}
