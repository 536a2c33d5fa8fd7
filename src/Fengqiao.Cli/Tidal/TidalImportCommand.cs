using System.ComponentModel;
using Fengqiao.Tidal.Demand;
using Fengqiao.Tidal.Incidents;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fengqiao.Cli.Tidal;

/// <summary><c>fengqiao tidal import &lt;file&gt;...</c>: reads incidents, reports bad rows with line numbers and a summary.</summary>
internal sealed class TidalImportCommand : Command<TidalImportCommand.Settings>
{
    internal sealed class Settings : IncidentSourceSettings
    {
        [CommandArgument(0, "<FILES>")]
        [Description("CSV files (plain or .gz)")]
        public string[] Files { get; init; } = [];

        [CommandOption("--max-errors <N>")]
        [Description("How many bad rows to list (default 20); the count is always complete")]
        public int MaxErrors { get; init; } = 20;
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var result = TidalOutput.ImportAll(settings.Files, settings.Mapping(), settings.Json);
        var incidents = result.Incidents;
        var summary = new
        {
            files = settings.Files,
            rowsRead = result.RowsRead,
            imported = incidents.Count,
            badRows = result.Errors.Count,
            areas = incidents.Select(i => i.Area).Distinct(StringComparer.Ordinal).Count(),
            from = incidents.Count > 0 ? incidents.Min(i => i.Time).ToString("uuuu-MM-dd'T'HH:mm:ss", null) : null,
            to = incidents.Count > 0 ? incidents.Max(i => i.Time).ToString("uuuu-MM-dd'T'HH:mm:ss", null) : null,
            types = incidents.GroupBy(i => i.Type, StringComparer.Ordinal).OrderByDescending(g => g.Count()).Take(10)
                .Select(g => new { type = g.Key, count = g.Count() }).ToList(),
            busiestAreas = DemandMatrix.BusiestAreas(incidents, 10),
            errors = result.Errors.Take(settings.MaxErrors).Select(e => new { line = e.Line, message = e.Message }).ToList(),
        };
        if (settings.Json)
        {
            TidalOutput.WriteJson(summary);
            return 0;
        }

        AnsiConsole.MarkupLine($"read [bold]{summary.rowsRead}[/] rows: [green]{summary.imported}[/] imported, [red]{summary.badRows}[/] bad, {summary.areas} areas, {summary.from} .. {summary.to}");
        var table = new Table().AddColumn("type").AddColumn(new TableColumn("count").RightAligned());
        foreach (var t in summary.types)
        {
            table.AddRow(Markup.Escape(t.type), t.count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        foreach (var e in summary.errors)
        {
            AnsiConsole.MarkupLine($"[red]line {e.line}[/]: {Markup.Escape(e.message)}");
        }

        return 0;
    }
}
