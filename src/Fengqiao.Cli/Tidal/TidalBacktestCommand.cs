using System.ComponentModel;
using System.Globalization;
using Fengqiao.Tidal.Forecasting;
using NodaTime.Text;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fengqiao.Cli.Tidal;

/// <summary><c>fengqiao tidal backtest</c>: MAE, RMSE, PAI@5% and PEI*@5% for every forecasting method.</summary>
internal sealed class TidalBacktestCommand : Command<TidalBacktestCommand.Settings>
{
    internal sealed class Settings : IncidentSourceSettings
    {
        [CommandOption("--incidents <FILE>")]
        [Description("Incident CSV files (plain or .gz); repeat the option for several")]
        public string[] Incidents { get; init; } = [];

        [CommandOption("--train-end <DATE>")]
        [Description("Last training day, YYYY-MM-DD (inclusive); the test weeks start the day after")]
        public string TrainEnd { get; init; } = "";

        [CommandOption("--weeks <N>")]
        [Description("Number of test weeks (default 4)")]
        public int Weeks { get; init; } = 4;

        [CommandOption("--hotspot-share <SHARE>")]
        [Description("Share of the area for PAI / PEI* (default 0.05)")]
        public double HotspotShare { get; init; } = 0.05;

        public override ValidationResult Validate()
        {
            if (Incidents.Length == 0)
            {
                return ValidationResult.Error("--incidents <file> is required");
            }

            return LocalDatePattern.Iso.Parse(TrainEnd).Success ? base.Validate() : ValidationResult.Error("--train-end must be YYYY-MM-DD");
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var import = TidalOutput.ImportAll(settings.Incidents, settings.Mapping(), settings.Json);
        var trainEnd = LocalDatePattern.Iso.Parse(settings.TrainEnd).Value;
        BacktestReport report = null!;
        if (settings.Json)
        {
            report = Backtester.Run(import.Incidents, trainEnd, settings.Weeks, hotspotShare: settings.HotspotShare);
        }
        else
        {
            AnsiConsole.Progress().Start(ctx =>
            {
                var task = ctx.AddTask("back-testing", maxValue: 1.0);
                report = Backtester.Run(import.Incidents, trainEnd, settings.Weeks, hotspotShare: settings.HotspotShare, progress: new Progress<double>(p => task.Value = p));
                task.Value = 1.0;
            });
        }

        var pct = (settings.HotspotShare * 100).ToString("0.#", CultureInfo.InvariantCulture);
        if (settings.Json)
        {
            TidalOutput.WriteJson(new
            {
                trainFrom = LocalDatePattern.Iso.Format(report.TrainFrom),
                trainTo = LocalDatePattern.Iso.Format(report.TrainTo),
                testTo = LocalDatePattern.Iso.Format(report.TestTo),
                report.TrainWeeks,
                report.TestWeeks,
                report.Areas,
                report.TestIncidents,
                report.HotspotShare,
                badRows = import.Errors.Count,
                methods = report.Methods,
            });
            return 0;
        }

        AnsiConsole.MarkupLine($"train {report.TrainFrom:uuuu-MM-dd} .. {report.TrainTo:uuuu-MM-dd} ({report.TrainWeeks} weeks), test {report.TestWeeks} weeks to {report.TestTo:uuuu-MM-dd}, {report.Areas} areas, {report.TestIncidents} test incidents ({import.Errors.Count} bad rows skipped)");
        var table = new Table()
            .AddColumn("method")
            .AddColumn(new TableColumn("MAE").RightAligned())
            .AddColumn(new TableColumn("RMSE").RightAligned())
            .AddColumn(new TableColumn($"PAI@{pct}%").RightAligned())
            .AddColumn(new TableColumn($"PEI*@{pct}%").RightAligned())
            .AddColumn(new TableColumn($"PAI@{pct}% area-hour").RightAligned())
            .AddColumn(new TableColumn($"PEI*@{pct}% area-hour").RightAligned());
        foreach (var m in report.Methods)
        {
            table.AddRow(m.Method, TidalOutput.F(m.Mae, 4), TidalOutput.F(m.Rmse, 4), TidalOutput.F(m.Pai), TidalOutput.F(m.Pei), TidalOutput.F(m.PaiAreaHour), TidalOutput.F(m.PeiAreaHour));
        }

        AnsiConsole.Write(table);
        return 0;
    }
}
