using System.ComponentModel;
using Fengqiao.Tidal.Rostering;
using Fengqiao.Tidal.Demo;
using NodaTime;
using NodaTime.Text;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fengqiao.Cli.Tidal;

/// <summary><c>fengqiao tidal scenario</c>: builds a planning scenario from incident data (busiest areas, next week's forecast).</summary>
internal sealed class TidalScenarioCommand : Command<TidalScenarioCommand.Settings>
{
    internal sealed class Settings : IncidentSourceSettings
    {
        [CommandOption("--incidents <FILE>")]
        [Description("Incident CSV files (plain or .gz)")]
        public string[] Incidents { get; init; } = [];

        [CommandOption("--train-end <DATE>")]
        [Description("Last day of history, YYYY-MM-DD; the plan covers the following week")]
        public string TrainEnd { get; init; } = "";

        [CommandOption("--areas <N>")]
        public int Areas { get; init; } = 30;

        [CommandOption("--officers <N>")]
        public int Officers { get; init; } = 300;

        [CommandOption("--calls-per-incident <K>")]
        [Description("Scale from recorded incidents to calls for service (default: calibrated so demand is --force-load of the force)")]
        public double? CallsPerIncident { get; init; }

        [CommandOption("--force-load <SHARE>")]
        [Description("Required patrol unit-hours as a share of patrol-capable officers' hours when calibrating (default 0.9)")]
        public double ForceLoad { get; init; } = 0.9;

        [CommandOption("--karamay <DATE>")]
        [Description("Plan the synthetic 克拉玛依区 demo whose twelve weeks end the day before DATE (YYYY-MM-DD), with its own officers and posts; --incidents then only give the pattern it copies (the shipped Houston subset)")]
        public string? Karamay { get; init; }

        [CommandOption("--out <FILE>")]
        [Description("Where to write the scenario JSON")]
        public string Out { get; init; } = "scenario.json";

        public override ValidationResult Validate() =>
            Incidents.Length == 0 ? ValidationResult.Error("--incidents is required")
            : Karamay is not null && !LocalDatePattern.Iso.Parse(Karamay).Success ? ValidationResult.Error("--karamay must be YYYY-MM-DD")
            : (Karamay is null || TrainEnd.Length > 0) && !LocalDatePattern.Iso.Parse(TrainEnd).Success ? ValidationResult.Error("--train-end must be YYYY-MM-DD")
            : base.Validate();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var import = TidalOutput.ImportAll(settings.Incidents, settings.Mapping(), settings.Json);
        var incidents = import.Incidents;
        LocalDate? until = settings.Karamay is { } k ? LocalDatePattern.Iso.Parse(k).Value : null;
        if (until is { } u)
        {
            incidents = KaramayDemo.Incidents(incidents, u);
        }

        var trainEnd = settings.TrainEnd.Length > 0 ? LocalDatePattern.Iso.Parse(settings.TrainEnd).Value : until!.Value.PlusDays(-1);
        var scenario = IncidentScenarioBuilder.Build(incidents, trainEnd, settings.Areas, settings.Officers, settings.CallsPerIncident, settings.ForceLoad);
        if (until is not null)
        {
            scenario = KaramayDemo.Apply(scenario, settings.Officers);
        }

        scenario.Save(settings.Out);
        if (settings.Json)
        {
            TidalOutput.WriteJson(new { file = settings.Out, scenario.Name, areas = scenario.Areas.Count, officers = settings.Officers, posts = scenario.Posts.Count });
        }
        else
        {
            AnsiConsole.MarkupLine($"wrote [bold]{Markup.Escape(settings.Out)}[/]: {Markup.Escape(scenario.Description ?? scenario.Name)}");
        }

        return 0;
    }
}
