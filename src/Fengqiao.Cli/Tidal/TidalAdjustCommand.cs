using System.ComponentModel;
using System.Globalization;
using Fengqiao.Tidal.Adjustment;
using Fengqiao.Tidal.Demand;
using Fengqiao.Tidal.Forecasting;
using Fengqiao.Tidal.Staffing;
using NodaTime;
using NodaTime.Text;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fengqiao.Cli.Tidal;

/// <summary>
/// <c>fengqiao tidal adjust</c>: live re-allocation advice (动态调整). Forecasts the week from the history before
/// <c>--now</c>, assumes each area is staffed to its Erlang C requirement, and flags areas whose last hours ran above
/// forecast with the moves that help most.
/// </summary>
internal sealed class TidalAdjustCommand : Command<TidalAdjustCommand.Settings>
{
    internal sealed class Settings : IncidentSourceSettings
    {
        [CommandOption("--incidents <FILE>")]
        public string[] Incidents { get; init; } = [];

        [CommandOption("--now <TIME>")]
        [Description("Local time of the assessment, e.g. 2010-07-10T22:00")]
        public string Now { get; init; } = "";

        [CommandOption("--window-hours <N>")]
        public int WindowHours { get; init; } = 3;

        [CommandOption("--areas <N>")]
        [Description("Busiest areas to watch (default 30)")]
        public int Areas { get; init; } = 30;

        [CommandOption("--radius-km <KM>")]
        [Description("Neighbourhood radius for donor areas (default 8)")]
        public double RadiusKm { get; init; } = 8;

        public override ValidationResult Validate() =>
            Incidents.Length == 0 ? ValidationResult.Error("--incidents is required")
            : !LocalDateTimePattern.ExtendedIso.Parse(Now).Success && !LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm").Parse(Now).Success
                ? ValidationResult.Error("--now must look like 2010-07-10T22:00")
                : base.Validate();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var import = TidalOutput.ImportAll(settings.Incidents, settings.Mapping(), settings.Json);
        var nowParse = LocalDateTimePattern.ExtendedIso.Parse(settings.Now);
        var now = nowParse.Success ? nowParse.Value : LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm").Parse(settings.Now).Value;
        var dayStart = now.Date.AtMidnight();
        var history = import.Incidents.Where(i => i.Time < dayStart).ToList();
        if (history.Count == 0)
        {
            throw new InvalidOperationException("no incidents before --now to forecast from");
        }

        var areas = DemandMatrix.BusiestAreas(history, settings.Areas);
        var weeks = (int)(Period.Between(history.Min(i => i.Time), dayStart, PeriodUnits.Hours).Hours / HourOfWeek.Count);
        var weekly = WeeklyHistory.Build(history, areas, dayStart.PlusWeeks(-weeks), weeks);
        var forecast = new ProfileForecaster().Forecast(weekly);
        var required = StaffingCalculator.RequiredUnits(forecast, areas.Count, StaffingPolicy.Default);
        var how = HourOfWeek.Of(now);
        var onDuty = Enumerable.Range(0, areas.Count).Select(a => required[(a * HourOfWeek.Count) + how]).ToArray();
        var advice = DynamicAdjuster.Advise(areas, forecast, import.Incidents, now, onDuty, weekly.Centroids, new AdjustmentOptions { WindowHours = settings.WindowHours, NeighbourRadiusKm = settings.RadiusKm });

        if (settings.Json)
        {
            TidalOutput.WriteJson(new
            {
                now = LocalDateTimePattern.ExtendedIso.Format(now),
                advice.WindowHours,
                hotAreas = advice.Areas.Where(a => a.Hot).ToList(),
                moves = advice.Moves,
                areas = advice.Areas,
            });
            return 0;
        }

        AnsiConsole.MarkupLine($"{LocalDateTimePattern.ExtendedIso.Format(now)}: last {advice.WindowHours} h against forecast, {areas.Count} areas");
        var table = new Table().AddColumn("area").AddColumn(new TableColumn("observed").RightAligned()).AddColumn(new TableColumn("expected").RightAligned())
            .AddColumn(new TableColumn("p").RightAligned()).AddColumn(new TableColumn("units").RightAligned()).AddColumn("");
        foreach (var a in advice.Areas.OrderBy(a => a.PValue).Take(10))
        {
            table.AddRow(Markup.Escape(a.Area), a.Observed.ToString(CultureInfo.InvariantCulture), TidalOutput.F(a.Expected, 2), TidalOutput.F(a.PValue, 4), a.UnitsOnDuty.ToString(CultureInfo.InvariantCulture), a.Hot ? "[red]hot[/]" : "");
        }

        AnsiConsole.Write(table);
        foreach (var m in advice.Moves)
        {
            AnsiConsole.MarkupLine($"move {m.Units} unit {Markup.Escape(m.FromArea)} → {Markup.Escape(m.ToArea)} ({(m.DistanceKm is double km ? TidalOutput.F(km, 1) + " km" : "?")}): wait there {TidalOutput.F(m.HotWaitBeforeMinutes, 1)} → {TidalOutput.F(m.HotWaitAfterMinutes, 1)} min, at the donor {TidalOutput.F(m.DonorWaitBeforeMinutes, 1)} → {TidalOutput.F(m.DonorWaitAfterMinutes, 1)} min");
        }

        if (advice.Moves.Count == 0)
        {
            AnsiConsole.MarkupLine("no moves recommended");
        }

        return 0;
    }
}
