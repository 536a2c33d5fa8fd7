using Fengqiao.Tidal.Adjustment;
using Fengqiao.Tidal.Forecasting;
using Fengqiao.Tidal.Staffing;
using NodaTime;

namespace Fengqiao.Web.Tidal;

/// <summary>
/// What the planner's tabs share for one circuit: the working data, the forecast's training end, the service
/// standard (the staffing, roster and adjustment tabs size demand with it), the roster's size, and the last results,
/// so a tab shows what it showed when the planner comes back to it.
/// </summary>
public sealed class PlannerState
{
    public TidalDataset Dataset { get; private set; } = default!;

    public DateTime? TrainTo { get; set; }

    // The service standard (接处警标准).
    public double ServiceMinutes { get; set; } = 45;
    public double TravelMinutes { get; set; } = 10;
    public double WaitMinutes { get; set; } = 5;
    public double Probability { get; set; } = 0.9;
    public double CallsPerIncident { get; set; } = 1;
    public int MinimumUnits { get; set; } = 1;
    public List<PriorityRow> Priorities { get; } = [];

    // Sized so the default force can meet most of the demand: about two units per busy area-hour plus traffic and posts.
    public int PlanAreas { get; set; } = 12;
    public int PlanOfficers { get; set; } = 150;
    public double PlanSeconds { get; set; } = 20;

    public DateTime? AdjustDay { get; set; }
    public int AdjustHour { get; set; } = 20;
    public int AdjustWindow { get; set; } = 3;

    public BacktestReport? Backtest { get; set; }
    public StaffingView? Staffing { get; set; }
    public AdjustmentAdvice? Advice { get; set; }

    /// <summary>Works on <paramref name="dataset"/> from now on; results of the previous data no longer apply.</summary>
    public void Use(TidalDataset dataset)
    {
        Dataset = dataset;
        TrainTo = dataset.DefaultTrainTo.ToDateTimeUnspecified();
        AdjustDay = dataset.DefaultAdjustmentTime.Date.ToDateTimeUnspecified();
        AdjustHour = dataset.DefaultAdjustmentTime.Hour;
        PlanAreas = Math.Min(PlanAreas, Math.Max(10, dataset.Areas.Count));
        (Backtest, Staffing, Advice) = (null, null, null);
    }

    public LocalDate TrainToDate => TidalFormat.Date(TrainTo) ?? Dataset.DefaultTrainTo;

    public StaffingSettings StaffingSettings() => new(ServiceMinutes, TravelMinutes, WaitMinutes, Probability, MinimumUnits, CallsPerIncident)
    {
        Priorities = [.. Priorities.Select(r => new PriorityStandard(r.Priority, r.ServiceMinutes, r.TravelMinutes, r.TargetWaitMinutes, r.TargetProbability))],
    };

    public void AddPriority()
    {
        var next = Enumerable.Range(0, 10).FirstOrDefault(p => Priorities.All(r => r.Priority != p));
        Priorities.Add(new PriorityRow { Priority = next, ServiceMinutes = ServiceMinutes, TravelMinutes = TravelMinutes, TargetWaitMinutes = WaitMinutes, TargetProbability = Probability });
    }
}

/// <summary>One editable row of the per-priority standards (接处警分级标准).</summary>
public sealed class PriorityRow
{
    public int Priority { get; set; }
    public double ServiceMinutes { get; set; } = 45;
    public double TravelMinutes { get; set; } = 10;
    public double TargetWaitMinutes { get; set; } = 5;
    public double TargetProbability { get; set; } = 0.9;
}

/// <summary>Dates as the planner's pickers hold them and as the pages print them.</summary>
public static class TidalFormat
{
    public static LocalDate? Date(DateTime? d) => d is { } x ? LocalDate.FromDateTime(x) : null;

    public static string Day(LocalDate d) => d.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
