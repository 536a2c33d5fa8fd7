using Fengqiao.Tidal.Adjustment;
using Fengqiao.Tidal.Demand;
using Fengqiao.Tidal.Demo;
using Fengqiao.Tidal.Forecasting;
using Fengqiao.Tidal.Incidents;
using Fengqiao.Tidal.Rostering;
using Fengqiao.Tidal.Staffing;
using System.Text.Json;
using Fengqiao.Data.Tidal;
using Fengqiao.Web.Infrastructure;
using NodaTime;

namespace Fengqiao.Web.Tidal;

/// <summary>A planner area on the map: its GB/T 2260 code where known (the 克拉玛依区 demo's communities) and its centre where known.</summary>
public sealed record MapArea(string Name, string? Code, GeoPoint? Centre);

/// <summary>The areas with next week's forecast incidents per hour of the week (rows in the areas' order), for the area map.</summary>
public sealed record AreaMapView(LocalDate WeekFrom, IReadOnlyList<MapArea> Areas, IReadOnlyList<double[]> Forecast);

/// <summary>Demand counts per area × hour-of-week for the heatmap.</summary>
public sealed record DemandView(string Dataset, LocalDate From, LocalDate To, double Weeks, IReadOnlyList<string> Areas, IReadOnlyList<double[]> Counts, double Total, double Max);

/// <summary>Incidents binned to square cells (网格) for the map-like grid; row 0 is the southern edge.</summary>
public sealed record GridView(double CellMetres, int Rows, int Columns, IReadOnlyList<double[]> Counts, double Max, int Located);

/// <summary>Next week's forecast per area-hour and the units Erlang C asks for to meet the standard.</summary>
public sealed record StaffingView(LocalDate WeekFrom, IReadOnlyList<string> Areas, IReadOnlyList<double[]> Forecast, IReadOnlyList<int[]> Units, long UnitHours, int PeakUnits, StaffingSettings Settings);

/// <summary>The service standard a planner sets for the requirement: per priority when the data carry priorities.</summary>
/// <param name="CallsPerIncident">Recorded offences are a fraction of the calls a patrol answers; the requirement scales them.</param>
public sealed record StaffingSettings(double ServiceMinutes = 45, double TravelMinutes = 10, double TargetWaitMinutes = 5, double TargetProbability = 0.9, int MinimumUnits = 1, double CallsPerIncident = 1.0)
{
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ServiceMinutes is <= 0 or > 600 || TravelMinutes is < 0 or > 120)
        {
            problems.Add("处置时长须在 1–600 分钟、路程 0–120 分钟之间 (service must be 1–600 min and travel 0–120 min)");
        }

        if (TargetWaitMinutes is <= 0 or > 120 || TargetProbability is <= 0 or >= 1)
        {
            problems.Add("等待目标须在 0–120 分钟之间，达标概率须在 0 与 1 之间 (target wait must be 0–120 min and probability between 0 and 1)");
        }

        if (MinimumUnits is < 0 or > 20 || CallsPerIncident is <= 0 or > 50)
        {
            problems.Add("最少警力须在 0–20 之间，警情换算系数须在 0–50 之间 (minimum units must be 0–20 and calls per incident 0–50)");
        }

        foreach (var p in Priorities)
        {
            if (p.Priority is not (>= 0 and <= 9))
            {
                problems.Add("警情等级须为 0–9 的整数 (a priority must be a whole number 0–9)");
            }
            else if (p.ServiceMinutes is <= 0 or > 600 || p.TravelMinutes is < 0 or > 120 || p.TargetWaitMinutes is <= 0 or > 120 || p.TargetProbability is <= 0 or >= 1)
            {
                problems.Add($"{p.Priority} 级警情：处置 1–600 分钟、路程 0–120 分钟、等待目标 0–120 分钟、达标概率 0–1 (priority {p.Priority}: service 1–600 min, travel 0–120 min, target wait 0–120 min, probability between 0 and 1)");
            }
        }

        if (Priorities.Select(p => p.Priority).Distinct().Count() != Priorities.Count)
        {
            problems.Add("同一警情等级只能设一条标准 (one standard per priority)");
        }

        return problems;
    }

    /// <summary>Standards for particular priorities (接处警分级标准); calls of other priorities or none use the values above.</summary>
    public IReadOnlyList<PriorityStandard> Priorities { get; init; } = [];

    public StaffingPolicy ToPolicy() => new()
    {
        Standards = [new PriorityStandard(null, ServiceMinutes, TravelMinutes, TargetWaitMinutes, TargetProbability), .. Priorities],
        MinimumUnits = MinimumUnits,
    };

    /// <summary>Share of the incidents under each standard of <see cref="ToPolicy"/> (default first); null without priority standards.</summary>
    public IReadOnlyList<double>? Shares(IEnumerable<Incident> incidents) =>
        Priorities.Count == 0 ? null : StaffingCalculator.PriorityShares(incidents, ToPolicy());

    public bool Equals(StaffingSettings? other) =>
        other is not null && (ServiceMinutes, TravelMinutes, TargetWaitMinutes, TargetProbability, MinimumUnits, CallsPerIncident)
            == (other.ServiceMinutes, other.TravelMinutes, other.TargetWaitMinutes, other.TargetProbability, other.MinimumUnits, other.CallsPerIncident)
        && Priorities.SequenceEqual(other.Priorities);

    public override int GetHashCode() => HashCode.Combine(ServiceMinutes, TravelMinutes, TargetWaitMinutes, TargetProbability, MinimumUnits, CallsPerIncident, Priorities.Count);
}

/// <summary>What a planner asks of a roster run; the time limit is clamped so one run cannot hold the machine.</summary>
public sealed record PlanSettings(int Areas = 12, int Officers = 150, double TimeLimitSeconds = 20)
{
    public const double MaxTimeLimitSeconds = 60;

    public IReadOnlyList<string> Validate(TidalDataset dataset)
    {
        var problems = new List<string>();
        if (Areas < 10 || Areas > Math.Min(60, dataset.Areas.Count))
        {
            problems.Add($"片区数须在 10–{Math.Min(60, dataset.Areas.Count)} 之间 (areas must be 10–{Math.Min(60, dataset.Areas.Count)})");
        }

        if (Officers < 20 || Officers > 600)
        {
            problems.Add("警力须在 20–600 人之间 (officers must be 20–600)");
        }

        if (TimeLimitSeconds < 2 || TimeLimitSeconds > MaxTimeLimitSeconds)
        {
            problems.Add("求解时限须在 2–60 秒之间 (the solver time limit must be 2–60 s)");
        }

        return problems;
    }
}

/// <summary>A finished plan: the tidal roster beside the fixed three-shift plan with the same people.</summary>
public sealed record PlanOutcome(
    PlanSettings Settings,
    RosterProblem Problem,
    PlanResult Tidal,
    Roster Fixed,
    RosterMetrics FixedMetrics,
    Roster Current,
    RosterMetrics CurrentMetrics,
    IReadOnlyList<RosterViolation> CurrentViolations,
    int Edits,
    double? LpBound = null)
{
    /// <summary>The scenario the problem was built from; stored with the plan so any node rebuilds the same problem.</summary>
    public PlanScenario? Scenario { get; init; }

    /// <summary>The days re-planned so far (planned events, officers off sick, the changes), oldest first, for the briefing.</summary>
    public IReadOnlyList<DayAdjustment> Adjustments { get; init; } = [];

    /// <summary>The live view's suggestions the centre accepted or dismissed, oldest first.</summary>
    public IReadOnlyList<LiveDecision> LiveDecisions { get; init; } = [];

    /// <summary>The better of CP-SAT's proven bound and the LP relaxation's (both are lower bounds on unmet demand-hours).</summary>
    public long BestBound => Math.Max(Tidal.Solve.UnmetBound, LpBound is double lp ? (long)Math.Ceiling(lp - 1e-6) : 0);

    /// <summary>How far the roster is above the best bound, as a share of the bound; null when the bound is 0 and the roster is not.</summary>
    public double? AboveBound => BestBound > 0 ? (CurrentMetrics.UnmetDemandHours - BestBound) / (double)BestBound : (CurrentMetrics.UnmetDemandHours == 0 ? 0 : null);

    /// <summary>Share of the fixed plan's unmet demand-hours the tidal roster removes.</summary>
    public double ReductionVsFixed => FixedMetrics.UnmetDemandHours == 0 ? 0 : 1 - (CurrentMetrics.UnmetDemandHours / (double)FixedMetrics.UnmetDemandHours);
}

/// <summary>
/// What every planner on this node shares: the datasets and plans already decoded (by stored id and version, so a
/// unit's planners on one node decode them once) and the one solver run a node allows — the solver takes both cores
/// for its time limit. Which dataset and plan a planner works on is their own workspace's question, answered by the
/// scoped store.
/// </summary>
public sealed class TidalNodeCache
{
    private const int KeptPlans = 16;
    private readonly Lock _gate = new();
    private readonly Dictionary<long, TidalDataset> _datasets = [];
    private readonly Dictionary<(long Id, int Version), PlanOutcome> _plans = [];
    private TidalPlanRun? _run;
    private long _runDataset;

    public TidalDataset Dataset(long id, Func<TidalDataset> read)
    {
        lock (_gate)
        {
            if (!_datasets.TryGetValue(id, out var dataset))
            {
                if (_datasets.Count >= KeptPlans)
                {
                    _datasets.Clear();
                }

                _datasets[id] = dataset = read();
            }

            return dataset;
        }
    }

    public PlanOutcome? Plan((long Id, int Version) key, Func<PlanOutcome?> read)
    {
        lock (_gate)
        {
            if (_plans.TryGetValue(key, out var plan))
            {
                return plan;
            }
        }

        var decoded = read();
        if (decoded is not null)
        {
            Keep(key, decoded);
        }

        return decoded;
    }

    public void Keep((long Id, int Version) key, PlanOutcome plan)
    {
        lock (_gate)
        {
            if (_plans.Count >= KeptPlans)
            {
                _plans.Clear();
            }

            _plans[key] = plan;
        }
    }

    /// <summary>The run solving on <paramref name="datasetId"/>, if any: a run on another unit's data is not shown.</summary>
    public TidalPlanRun? Running(long datasetId)
    {
        lock (_gate)
        {
            return _run is { IsCompleted: false } && _runDataset == datasetId ? _run : null;
        }
    }

    /// <summary>Takes the node's solver slot; false when a run (of any unit) is still going.</summary>
    public bool TryStart(long datasetId, Func<TidalPlanRun> create, out TidalPlanRun? run)
    {
        lock (_gate)
        {
            if (_run is { IsCompleted: false })
            {
                run = null;
                return false;
            }

            (_run, _runDataset) = (create(), datasetId);
            run = _run;
            return true;
        }
    }
}

/// <summary>
/// A planner's working set: their unit's incidents (the 克拉玛依区 demo until someone of the unit imports a file) and
/// its latest plan, both kept in the database (<c>TidalDatasets</c>, <c>TidalPlans</c>) so every node serves the same
/// and a restart keeps them. Scoped: the store reads with the viewer's scope, so a planner of another district never
/// reaches them. The workspace re-checks the latest ids at most once a second; decoding is shared through
/// <see cref="TidalNodeCache"/>, which also holds the node's one solver run.
/// </summary>
public sealed class TidalWorkspace(TidalStore store, TidalNodeCache cache, IClock clock)
{
    private const int StoredErrors = 1000;
    private static readonly Duration Freshness = Duration.FromSeconds(1);
    private readonly Lock _gate = new();
    private TidalDataset? _dataset;
    private long _datasetId = -1; // record the cached dataset came from; 0 = nothing stored yet (the demo data)
    private PlanOutcome? _plan;
    private (long Id, int Version) _planKey;
    private Instant _checkedAt;

    public TidalDataset Dataset
    {
        get
        {
            lock (_gate)
            {
                Refresh();
                return _dataset!;
            }
        }
    }

    public PlanOutcome? Plan
    {
        get
        {
            lock (_gate)
            {
                Refresh();
                return _plan;
            }
        }
    }

    public TidalPlanRun? Running
    {
        get
        {
            lock (_gate)
            {
                Refresh();
                return cache.Running(_datasetId);
            }
        }
    }

    /// <summary>The plans of the planner's unit, newest first, as the plan list shows them.</summary>
    public IReadOnlyList<TidalPlanListing> Plans() => store.Plans();

    /// <summary>One stored plan of the planner's unit; null for one that does not exist or is another unit's.</summary>
    public PlanOutcome? StoredPlan(long id) =>
        store.PlanPayload(id) is { } payload ? TidalPlanPayload.Decode(payload).ToOutcome() : null;

    /// <summary>Replaces the working incidents for every node; the old plan no longer matches them and is dropped.</summary>
    public void Use(TidalDataset dataset, string actor = "planner")
    {
        ArgumentNullException.ThrowIfNull(dataset);
        lock (_gate)
        {
            var id = Store(dataset, dataset.IsDemo ? null : IncidentCodec.Encode(dataset.Incidents), actor);
            (_dataset, _datasetId, _plan, _planKey, _checkedAt) = (dataset, id, null, default, clock.GetCurrentInstant());
        }
    }

    /// <summary>Back to a shipped demo: the 克拉玛依区 district up to today, or the real Houston offences.</summary>
    public void ResetToDemo(string actor = "planner", bool houston = false) =>
        Use(houston ? TidalDataset.Demo() : TidalDataset.Karamay(Today(clock.GetCurrentInstant())), actor);

    /// <summary>The district's date (Asia/Shanghai) at an instant: the 克拉玛依区 demo ends the day before.</summary>
    private static LocalDate Today(Instant at) => at.InZone(Display.Shanghai).Date;

    public DemandView Demand(LocalDate? from = null, LocalDate? to = null, string? type = null)
    {
        var d = Dataset;
        var f = from ?? d.First.Date;
        var t = to ?? d.Last.Date.PlusDays(1);
        var query = new DemandQuery(f.AtMidnight(), t.AtMidnight())
        {
            Areas = d.Areas,
            Types = string.IsNullOrEmpty(type) ? null : new HashSet<string>([type], StringComparer.OrdinalIgnoreCase),
        };
        var matrix = DemandMatrix.Build(d.Incidents, query);
        var rows = d.Areas.Select((_, a) => Enumerable.Range(0, HourOfWeek.Count).Select(h => matrix[a, h]).ToArray()).ToList();
        return new DemandView(d.Name, f, t, matrix.Weeks, d.Areas, rows, matrix.Total, rows.Count == 0 ? 0 : rows.Max(r => r.Max()));
    }

    public GridView Grid(double cellMetres, LocalDate? from = null, LocalDate? to = null, string? type = null)
    {
        var d = Dataset;
        var f = (from ?? d.First.Date).AtMidnight();
        var t = (to ?? d.Last.Date.PlusDays(1)).AtMidnight();
        var points = d.Incidents
            .Where(i => i.Location is not null && i.Time >= f && i.Time < t && (string.IsNullOrEmpty(type) || string.Equals(i.Type, type, StringComparison.OrdinalIgnoreCase)))
            .Select(i => i.Location!.Value).ToList();
        if (points.Count == 0)
        {
            return new GridView(cellMetres, 0, 0, [], 0, 0);
        }

        var grid = new SquareGrid(new GeoPoint(points.Min(p => p.Latitude), points.Min(p => p.Longitude)), cellMetres);
        var cells = points.Select(grid.CellOf).ToList();
        var rows = cells.Max(c => c.Row) + 1;
        var columns = cells.Max(c => c.Column) + 1;
        var counts = Enumerable.Range(0, rows).Select(_ => new double[columns]).ToList();
        foreach (var (row, column) in cells)
        {
            counts[row][column]++;
        }

        return new GridView(cellMetres, rows, columns, counts, counts.Max(r => r.Max()), points.Count);
    }

    public BacktestReport Backtest(LocalDate trainTo, int weeks, IProgress<double>? progress = null) =>
        Backtester.Run(Dataset.Incidents, trainTo, weeks, areas: Dataset.Areas, progress: progress);

    /// <summary>The tidal-profile forecast for the week after <paramref name="trainTo"/>, sized by Erlang C.</summary>
    public StaffingView Staffing(LocalDate trainTo, StaffingSettings settings)
    {
        var d = Dataset;
        var (training, incidents) = ForecastWeek(trainTo);
        var forecast = incidents.Select(x => x * settings.CallsPerIncident).ToArray();
        var units = StaffingCalculator.RequiredUnits(forecast, d.Areas.Count, settings.ToPolicy(), settings.Shares(training));
        const int H = HourOfWeek.Count;
        var forecastRows = d.Areas.Select((_, a) => forecast.AsSpan(a * H, H).ToArray()).ToList();
        var unitRows = d.Areas.Select((_, a) => units.AsSpan(a * H, H).ToArray()).ToList();
        var peak = Enumerable.Range(0, H).Max(h => unitRows.Sum(r => r[h]));
        return new StaffingView(trainTo.PlusDays(1), d.Areas, forecastRows, unitRows, units.Sum(x => (long)x), peak, settings);
    }

    /// <summary>
    /// The area map: next week's forecast incidents per area and hour, and where each area is (the demo's community
    /// centres; for imported data the mean of its located incidents; none when no incident of it has a location).
    /// </summary>
    public AreaMapView AreaMap(LocalDate trainTo)
    {
        var d = Dataset;
        var (_, forecast) = ForecastWeek(trainTo);
        const int H = HourOfWeek.Count;
        var demo = d.IsKaramay ? KaramayDemo.Areas.DistinctBy(a => a.Name, StringComparer.Ordinal).ToDictionary(a => a.Name, StringComparer.Ordinal) : null;
        var located = d.Incidents.Where(i => i.Location is not null).GroupBy(i => i.Area, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new GeoPoint(g.Average(i => i.Location!.Value.Latitude), g.Average(i => i.Location!.Value.Longitude)), StringComparer.Ordinal);
        var areas = d.Areas.Select(name => demo is not null && demo.TryGetValue(name, out var area)
            ? new MapArea(name, area.Code, area.Centre)
            : new MapArea(name, null, located.TryGetValue(name, out var centre) ? centre : null)).ToList();
        return new AreaMapView(trainTo.PlusDays(1), areas, [.. d.Areas.Select((_, a) => forecast.AsSpan(a * H, H).ToArray())]);
    }

    /// <summary>The incidents before the week after <paramref name="trainTo"/>, and that week's forecast per area × hour of week.</summary>
    private (List<Incident> Training, double[] Forecast) ForecastWeek(LocalDate trainTo)
    {
        var d = Dataset;
        var testStart = trainTo.PlusDays(1).AtMidnight();
        var training = d.Incidents.Where(i => i.Time < testStart).ToList();
        if (training.Count == 0)
        {
            throw new ArgumentException("训练期内没有警情 (no incidents before the forecast week)", nameof(trainTo));
        }

        var weeks = (int)(Period.Between(training.Min(i => i.Time), testStart, PeriodUnits.Hours).Hours / HourOfWeek.Count);
        if (weeks < 2)
        {
            throw new ArgumentException("预测至少需要两整周的历史 (a forecast needs at least two whole weeks of history)", nameof(trainTo));
        }

        var history = WeeklyHistory.Build(training, d.Areas, testStart.PlusWeeks(-weeks), weeks);
        return (training, new ProfileForecaster().Forecast(history));
    }

    /// <summary>Areas running above forecast at <paramref name="now"/> and the moves from quiet neighbours.</summary>
    public AdjustmentAdvice Adjust(LocalDateTime now, int windowHours, StaffingSettings settings)
    {
        var d = Dataset;
        var dayStart = now.Date.AtMidnight();
        var history = d.Incidents.Where(i => i.Time < dayStart).ToList();
        var weeks = history.Count == 0 ? 0 : (int)(Period.Between(history.Min(i => i.Time), dayStart, PeriodUnits.Hours).Hours / HourOfWeek.Count);
        if (weeks < 2)
        {
            throw new ArgumentException("调度时刻之前至少需要两整周的警情 (need two whole weeks of incidents before that time)", nameof(now));
        }

        var weekly = WeeklyHistory.Build(history, d.Areas, dayStart.PlusWeeks(-weeks), weeks);
        var forecast = new ProfileForecaster().Forecast(weekly);
        var required = StaffingCalculator.RequiredUnits(forecast.Select(x => x * settings.CallsPerIncident).ToArray(), d.Areas.Count, settings.ToPolicy());
        var how = HourOfWeek.Of(now);
        var onDuty = Enumerable.Range(0, d.Areas.Count).Select(a => required[(a * HourOfWeek.Count) + how]).ToArray();
        var options = new AdjustmentOptions { WindowHours = windowHours, BusyHours = (settings.ServiceMinutes + settings.TravelMinutes) / 60.0, TargetWaitMinutes = settings.TargetWaitMinutes };
        return DynamicAdjuster.Advise(d.Areas, forecast, d.Incidents.Where(i => i.Time <= now), now, onDuty, weekly.Centroids, options);
    }

    /// <summary>Starts a roster run in the background; null when one is already running.</summary>
    public TidalPlanRun? StartPlan(PlanSettings settings, LocalDate trainTo, StaffingSettings staffing)
    {
        lock (_gate)
        {
            Refresh();
            if (_datasetId <= 0)
            {
                // A plan hangs on a stored dataset: record the demo data the first time one is planned on.
                _datasetId = Store(_dataset!, null, "planner");
            }

            var dataset = _dataset!;
            var datasetId = _datasetId;
            if (!cache.TryStart(datasetId, () => new TidalPlanRun(settings, token => Solve(dataset, settings, trainTo, staffing, token)), out var run))
            {
                return null;
            }

            run!.Completed += outcome =>
            {
                lock (_gate)
                {
                    var key = SavePlan(datasetId, outcome, null);
                    cache.Keep(key, outcome);
                    if (_datasetId == datasetId)
                    {
                        (_plan, _planKey) = (outcome, key);
                    }
                }
            };
            run.Start();
            return run;
        }
    }

    /// <summary>Moves one officer's shift to another area (a planner's hand edit) and re-measures the roster.</summary>
    public PlanOutcome MoveDuty(string officerId, int startHourOfWeek, string area)
    {
        lock (_gate)
        {
            Refresh();
            var plan = _plan ?? throw new InvalidOperationException("还没有排班方案 (there is no roster yet)");
            if (!plan.Problem.Areas.Contains(area, StringComparer.Ordinal))
            {
                throw new ArgumentException($"片区 {area} 不在方案中 (area {area} is not in the plan)", nameof(area));
            }

            var (roster, metrics, violations) = RosterEditing.MoveDuty(plan.Problem, plan.Current, officerId, startHourOfWeek, area);
            var edited = plan with { Current = roster, CurrentMetrics = metrics, CurrentViolations = violations, Edits = plan.Edits + 1 };
            _planKey = SavePlan(_datasetId, edited, _planKey);
            _plan = edited;
            return _plan;
        }
    }

    /// <summary>
    /// 动态调整 of one day of the current roster: the planned events and officers off sick change that day's shifts only
    /// (<see cref="DayReplanSolver"/>: CP-SAT within <see cref="ReplanSeconds"/>, the greedy when it finds nothing in
    /// time). The roster kept is measured against the plan's own demand, as every other roster
    /// here; the answer measures it with the events too, for the briefing.
    /// </summary>
    /// <summary>The day's re-plan is a short solve: a planner waits for it at the briefing.</summary>
    public const double ReplanSeconds = 10;

    public (PlanOutcome Plan, DayReplan Replan) ReplanDay(int day, IReadOnlyList<PlannedEvent> events, IReadOnlyCollection<string> offSick)
    {
        lock (_gate)
        {
            Refresh();
            var plan = _plan ?? throw new InvalidOperationException("还没有排班方案 (there is no roster yet)");
            var unknown = offSick.FirstOrDefault(id => plan.Problem.Officers.All(o => o.Id != id));
            if (unknown is not null)
            {
                throw new ArgumentException($"警员 {unknown} 不在方案中 (officer {unknown} is not in the plan)", nameof(offSick));
            }

            var replan = DayReplanSolver.Replan(plan.Problem, plan.Current, day, events, offSick, new DayReplanOptions { TimeLimitSeconds = ReplanSeconds });
            var adjustment = new DayAdjustment(day, events, [.. offSick], replan.Changes, replan.Before.UnmetDemandHours, replan.After.UnmetDemandHours, clock.GetCurrentInstant(), replan.Method);
            var edited = plan with
            {
                Current = replan.Roster,
                CurrentMetrics = RosterEvaluator.Evaluate(plan.Problem, replan.Roster),
                CurrentViolations = RosterChecker.Check(plan.Problem, replan.Roster),
                Edits = plan.Edits + 1,
                Adjustments = [.. plan.Adjustments, adjustment],
            };
            _planKey = SavePlan(_datasetId, edited, _planKey);
            _plan = edited;
            return (edited, replan);
        }
    }

    /// <summary>
    /// The 情指行 centre's live picture at <paramref name="now"/> (district time): today's calls against the plan's
    /// forecast, the officers on duty now and the suggested moves; null when the unit has no plan yet. The 克拉玛依区
    /// demo's data end the day before, so its calls of today come from <see cref="KaramayDemo.LiveDay"/>.
    /// </summary>
    public LiveBoard? Live(LocalDateTime now)
    {
        var d = Dataset;
        if (Plan is not { } plan || plan.Problem.Arrivals is not { } forecast)
        {
            return null;
        }

        var from = now.PlusHours(-24);
        IEnumerable<Incident> calls = d.Incidents.Where(i => i.Time > from && i.Time <= now);
        if (d.IsKaramay)
        {
            calls = calls.Concat(KaramayDemo.LiveDay(TidalDataset.Demo().Incidents, now).Where(i => i.Time > d.Last));
        }

        return LiveWatch.Build(plan.Problem, plan.Current, forecast, calls, now, plan.LiveDecisions);
    }

    /// <summary>Records what the centre did with a suggestion (accepted moves count from then on); kept with the plan.</summary>
    public PlanOutcome Decide(LiveSuggestion suggestion, LocalDateTime now, bool accepted, string actor)
    {
        ArgumentNullException.ThrowIfNull(suggestion);
        lock (_gate)
        {
            Refresh();
            var plan = _plan ?? throw new InvalidOperationException("还没有排班方案 (there is no roster yet)");
            var decision = new LiveDecision(now, suggestion.FromArea, suggestion.ToArea, suggestion.Officers, accepted, actor);
            var edited = plan with { LiveDecisions = [.. plan.LiveDecisions, decision] };
            _planKey = SavePlan(_datasetId, edited, _planKey);
            _plan = edited;
            return edited;
        }
    }

    private static PlanOutcome Solve(TidalDataset dataset, PlanSettings settings, LocalDate trainTo, StaffingSettings staffing, TidalPlanRun run)
    {
        // The planner's own calls-per-incident factor, as on the staffing tab: the builder's automatic calibration
        // sizes demand to the force, which for a small force leaves no calls at all.
        var scenario = IncidentScenarioBuilder.Build(dataset.Incidents, trainTo, settings.Areas, settings.Officers, staffing.CallsPerIncident);
        scenario = scenario with
        {
            Staffing = new StaffingSpec(staffing.ServiceMinutes, staffing.TravelMinutes, staffing.TargetWaitMinutes, staffing.TargetProbability, staffing.MinimumUnits)
            {
                Priorities = staffing.Priorities,
                PriorityShares = staffing.Shares(dataset.Incidents.Where(i => i.Time < trainTo.PlusDays(1).AtMidnight())),
            },
        };
        if (dataset.IsKaramay)
        {
            // The demo district's own force (Chinese names, 警号, 巡警/交警/合成) and posts (护学岗 …).
            scenario = KaramayDemo.Apply(scenario, settings.Officers);
        }

        var problem = scenario.ToProblem();
        var planner = new TidalRosterPlanner(scenario.Solver with { TimeLimitSeconds = Math.Min(settings.TimeLimitSeconds, PlanSettings.MaxTimeLimitSeconds) });
        var tidal = planner.Plan(problem, run, run.Token);
        var fixedRoster = FixedThreeShiftPlanner.Plan(problem);
        var fixedMetrics = RosterEvaluator.Evaluate(problem, fixedRoster);

        // The LP relaxation of the two-stage planner's stage 1 (GLOP) bounds every roster of this problem, whichever
        // model made it (the weekly-template model's own LP only bounds rosters of that restricted shape).
        ((IProgress<string>)run).Report("LP bound (GLOP)");
        double? lpBound = AggregateRosterModel.LpBound(problem);
        run.Token.ThrowIfCancellationRequested();
        return new PlanOutcome(settings, problem, tidal, fixedRoster, fixedMetrics, tidal.Roster, tidal.Metrics, tidal.Violations, 0, lpBound) { Scenario = scenario };
    }

    /// <summary>Reads the latest dataset and its latest plan when another node (or a restart) changed them. Call under the gate.</summary>
    private void Refresh()
    {
        var now = clock.GetCurrentInstant();
        if (_dataset is not null && now - _checkedAt < Freshness)
        {
            return;
        }

        var latest = store.LatestDatasetId();
        if (latest != _datasetId || _dataset is null)
        {
            _dataset = latest == 0 ? TidalDataset.Karamay(Today(now)) : cache.Dataset(latest, () => Read(store.Dataset(latest)!));
            (_datasetId, _plan, _planKey) = (latest, null, default);
        }

        var plan = latest == 0 ? null : store.LatestPlan(latest);
        if (plan is not { } key)
        {
            (_plan, _planKey) = (null, default);
        }
        else if (key != _planKey)
        {
            (_plan, _planKey) = (cache.Plan(key, () => store.PlanPayload(key.Id) is { } payload ? TidalPlanPayload.Decode(payload).ToOutcome() : null), key);
        }

        _checkedAt = now;
    }

    /// <summary>A demo is stored as a marker: Houston by name, otherwise the 克拉玛依区 demo as of the day it was chosen.</summary>
    private static TidalDataset Read(TidalDatasetRecord record) => record.Incidents is null
        ? record.Name == TidalDataset.DemoName ? TidalDataset.Demo() : TidalDataset.Karamay(Today(record.ImportedAt))
        : new TidalDataset(
            record.Name,
            new ImportResult(IncidentCodec.Decode(record.Incidents), JsonSerializer.Deserialize<List<ImportError>>(record.ErrorsJson) ?? [], record.RowsRead));

    private long Store(TidalDataset dataset, byte[]? incidents, string actor) => store.AddDataset(new TidalDatasetRecord
    {
        Name = dataset.Name,
        ImportedAt = clock.GetCurrentInstant(),
        ImportedBy = actor,
        RowsRead = dataset.RowsRead,
        IncidentCount = dataset.Incidents.Count,
        ErrorCount = dataset.Errors.Count,
        ErrorsJson = JsonSerializer.Serialize(dataset.Errors.Take(StoredErrors)),
        Incidents = incidents,
    });

    /// <summary>Adds the plan (no key) or replaces the stored one; a stale version means another node edited it first.</summary>
    private (long Id, int Version) SavePlan(long datasetId, PlanOutcome plan, (long Id, int Version)? existing) =>
        store.SavePlan(datasetId, TidalPlanPayload.From(plan).Encode(), plan.Edits, clock.GetCurrentInstant(), "planner", existing);
}
