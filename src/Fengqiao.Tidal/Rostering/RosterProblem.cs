using NodaTime;
using Fengqiao.Tidal.Demand;

namespace Fengqiao.Tidal.Rostering;

/// <summary>What an officer may be sent to do.</summary>
public enum Skill
{
    /// <summary>Patrol officer (巡警): answers calls, stands key posts.</summary>
    Patrol,

    /// <summary>Traffic officer (交警): traffic demand only.</summary>
    Traffic,

    /// <summary>Combined traffic-patrol unit (交巡警合一): either.</summary>
    Combined,
}

/// <summary>A rostered officer or unit.</summary>
/// <param name="MaxWeeklyHours">Contract ceiling including overtime.</param>
/// <param name="DaysOffRequested">Days the officer asked to have off (请休); no shift may start on them.</param>
public sealed record Officer(string Id, string Name, Skill Skill, int MaxWeeklyHours = 48, IReadOnlyList<IsoDayOfWeek>? DaysOffRequested = null)
{
    public bool CanPatrol => Skill is Skill.Patrol or Skill.Combined;

    public bool CanDoTraffic => Skill is Skill.Traffic or Skill.Combined;

    public IReadOnlyList<IsoDayOfWeek> RequestedOff => DaysOffRequested ?? [];
}

/// <summary>A candidate shift: starts at a whole hour of the day and lasts whole hours (staggered starts are 错峰).</summary>
public sealed record ShiftTemplate(int StartHour, int LengthHours)
{
    public string Label => $"{StartHour:D2}:00+{LengthHours}h";
}

/// <summary>Kind of key site with a fixed post (重点驻警).</summary>
public enum KeySiteKind
{
    School,
    Hospital,
    Market,
    NightMarket,
    Other,
}

/// <summary>
/// A fixed post at a key site in its peak window: <see cref="Officers"/> patrol-capable officers stand at the site in
/// <see cref="Area"/> during [StartHour, EndHour) on <see cref="Days"/> (EndHour may exceed 24 for windows past midnight).
/// </summary>
public sealed record KeyPost(string Id, string Name, string Area, KeySiteKind Kind, IReadOnlyList<IsoDayOfWeek> Days, int StartHour, int EndHour, int Officers = 1)
{
    /// <summary>Absolute hours-of-week (0..167, wrapping) the post must be staffed.</summary>
    public IEnumerable<int> HoursOfWeek()
    {
        foreach (var d in Days)
        {
            for (var h = StartHour; h < EndHour; h++)
            {
                yield return ((((int)d - 1) * 24) + h) % HourOfWeek.Count;
            }
        }
    }
}

/// <summary>Working-time rules (勤务规范).</summary>
public sealed record RosterRules
{
    public int MinRestHours { get; init; } = 11;

    /// <summary>Hours above this count as overtime.</summary>
    public int StandardWeeklyHours { get; init; } = 40;

    public int MinDaysOff { get; init; } = 2;

    /// <summary>At most one shift starts on a calendar day (一天一班); the rest rule alone would allow 00:00 and 20:00.</summary>
    public bool OneShiftPerDay { get; init; } = true;

    /// <summary>Whether the tidal plan may add shifts beyond the standard week (up to each officer's ceiling) to cut unmet demand.</summary>
    public bool AllowOvertime { get; init; } = true;

    /// <summary>Working days a week for a shift length: (base, most) from the standard hours, the ceiling, the days off and requests.</summary>
    public (int Base, int Max) WorkingDays(int lengthHours, int maxWeeklyHours, int requestedOff)
    {
        var max = Math.Max(0, Math.Min(7 - Math.Max(MinDaysOff, requestedOff), maxWeeklyHours / lengthHours));
        var baseDays = Math.Min(StandardWeeklyHours / lengthHours, max);
        return (baseDays, AllowOvertime ? max : baseDays);
    }
}

/// <summary>Which CP-SAT formulation plans the roster.</summary>
public enum RosterModel
{
    /// <summary>Aggregated shift counts with a proven bound, then named officers (see <see cref="TwoStageRosterPlanner"/>).</summary>
    TwoStage,

    /// <summary>One start time per officer for the week, local search then CP-SAT (the first model; kept for comparison).</summary>
    WeeklyTemplate,
}

/// <summary>Solver limits; two workers keeps a shared 2-core machine responsive.</summary>
public sealed record SolverOptions
{
    public double TimeLimitSeconds { get; init; } = 50;

    public int Workers { get; init; } = 2;

    public RosterModel Model { get; init; } = RosterModel.TwoStage;

    /// <summary>
    /// Two-stage only: add the day-to-day rest flow to stage 1's search (valid, tightens what stage 2 can realise, but
    /// makes stage 1 slower; on the Houston scenarios it did not pay within 60 s). The reported LP bound always uses it.
    /// </summary>
    public bool DayFlowCuts { get; init; }

    /// <summary>Stop the unmet-demand phase once within this relative gap of the bound.</summary>
    public double RelativeGap { get; init; } = 0.005;

    public int RandomSeed { get; init; } = 7;

    /// <summary>Share of the time limit spent improving the greedy start by local search before CP-SAT takes over.</summary>
    public double LocalSearchShare { get; init; } = 0.45;

    /// <summary>Extra CP-SAT parameters in text format, appended last (for experiments).</summary>
    public string? ExtraParameters { get; init; }
}

/// <summary>
/// One week to roster: required units per area-hour (patrol from queueing, traffic from the traffic plan), officers,
/// candidate shifts, key posts and rules. Demand arrays are area-major, areas × 168, hour 0 = Monday 00:00.
/// Weeks are cyclic: a shift running past Sunday midnight covers Monday's first hours (the plan repeats).
/// </summary>
public sealed class RosterProblem
{
    public RosterProblem(
        IReadOnlyList<string> areas,
        IReadOnlyList<int> patrolUnits,
        IReadOnlyList<int>? trafficUnits,
        IReadOnlyList<Officer> officers,
        IReadOnlyList<ShiftTemplate> shifts,
        IReadOnlyList<KeyPost>? posts = null,
        RosterRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentNullException.ThrowIfNull(patrolUnits);
        ArgumentNullException.ThrowIfNull(officers);
        ArgumentNullException.ThrowIfNull(shifts);
        var cells = areas.Count * HourOfWeek.Count;
        if (patrolUnits.Count != cells || (trafficUnits is not null && trafficUnits.Count != cells))
        {
            throw new ArgumentException("demand arrays must hold areas × 168 values");
        }

        if (officers.Select(o => o.Id).Distinct(StringComparer.Ordinal).Count() != officers.Count)
        {
            throw new ArgumentException("officer ids must be unique", nameof(officers));
        }

        Areas = areas;
        PatrolUnits = patrolUnits;
        TrafficUnits = trafficUnits ?? new int[cells];
        Officers = officers;
        Shifts = shifts;
        Posts = posts ?? [];
        Rules = rules ?? new RosterRules();
        foreach (var p in Posts.Where(p => !areas.Contains(p.Area)))
        {
            throw new ArgumentException($"post {p.Id} is in unknown area {p.Area}", nameof(posts));
        }

        var areaIndex = areas.Select((a, i) => (a, i)).ToDictionary(x => x.a, x => x.i, StringComparer.Ordinal);
        var postUnits = new int[cells];
        foreach (var p in Posts)
        {
            foreach (var h in p.HoursOfWeek())
            {
                postUnits[(areaIndex[p.Area] * HourOfWeek.Count) + h] += p.Officers;
            }
        }

        PostUnits = postUnits;
        AreaIndex = areaIndex;
    }

    public IReadOnlyList<string> Areas { get; }

    /// <summary>Patrol units needed for calls (excluding officers standing key posts).</summary>
    public IReadOnlyList<int> PatrolUnits { get; }

    public IReadOnlyList<int> TrafficUnits { get; }

    /// <summary>Officers standing key posts, per area-hour.</summary>
    public IReadOnlyList<int> PostUnits { get; }

    public IReadOnlyList<Officer> Officers { get; }

    public IReadOnlyList<ShiftTemplate> Shifts { get; }

    public IReadOnlyList<KeyPost> Posts { get; }

    public RosterRules Rules { get; }

    public IReadOnlyDictionary<string, int> AreaIndex { get; }

    /// <summary>Expected calls per area-hour, when known: used to report waiting times.</summary>
    public IReadOnlyList<double>? Arrivals { get; init; }

    /// <summary>Mean hours a unit is busy per call (service plus travel), for waiting times.</summary>
    public double BusyHours { get; init; } = 55 / 60.0;

    /// <summary>Monday the week starts, for calendars and spreadsheets.</summary>
    public LocalDate WeekStart { get; init; } = new(2026, 1, 5);

    /// <summary>All demand (patrol + posts + traffic) in unit-hours.</summary>
    public long TotalDemandUnitHours => PatrolUnits.Sum() + (long)PostUnits.Sum() + TrafficUnits.Sum();
}
