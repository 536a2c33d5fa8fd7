using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;
using Fengqiao.Tidal.Demand;
using Fengqiao.Tidal.Staffing;

namespace Fengqiao.Tidal.Rostering;

/// <summary>Queueing standard used to turn expected calls into required units.</summary>
/// <remarks>
/// The positional values are the default standard (incidents without a priority, or one not listed);
/// <see cref="Priorities"/> adds a standard per priority and <see cref="PriorityShares"/> says what share of the calls
/// falls under each standard of <see cref="ToPolicy"/> (default first), as measured on the training incidents.
/// </remarks>
public sealed record StaffingSpec(double ServiceMinutes = 45, double TravelMinutes = 10, double TargetWaitMinutes = 5, double TargetProbability = 0.9, int MinimumUnits = 1)
{
    public IReadOnlyList<PriorityStandard> Priorities { get; init; } = [];

    public IReadOnlyList<double>? PriorityShares { get; init; }

    public StaffingPolicy ToPolicy() => new()
    {
        Standards = [new PriorityStandard(null, ServiceMinutes, TravelMinutes, TargetWaitMinutes, TargetProbability), .. Priorities],
        MinimumUnits = MinimumUnits,
    };

    /// <summary>Shares to size with, or null (default standard only) when no priority standard or no shares are given.</summary>
    [JsonIgnore]
    public IReadOnlyList<double>? SharesForSizing => Priorities.Count > 0 && PriorityShares is { } s && s.Count == Priorities.Count + 1 ? s : null;

    /// <summary>Mean busy hours per call (on scene + travel), weighted by the priorities' shares when sized per priority.</summary>
    [JsonIgnore]
    public double BusyHours
    {
        get
        {
            var policy = ToPolicy();
            if (SharesForSizing is not { } shares || shares.Sum() <= 0)
            {
                return (ServiceMinutes + TravelMinutes) / 60.0;
            }

            return policy.Standards.Select((s, i) => s.BusyMinutes * shares[i]).Sum() / shares.Sum() / 60.0;
        }
    }
}

/// <summary>A run of identical officers, numbered <c>{Prefix}001</c>…</summary>
public sealed record OfficerGroupSpec(string Prefix, int Count, Skill Skill, int MaxWeeklyHours = 48);

/// <summary>Traffic units wanted in an area on some days and hours (e.g. rush-hour junction duty).</summary>
public sealed record TrafficWindowSpec(string Area, IReadOnlyList<IsoDayOfWeek> Days, int StartHour, int EndHour, int Units = 1);

/// <summary>
/// A planning scenario as stored in JSON (scenarios/*.json): areas, either expected calls per area-hour (sized by
/// Erlang C) or required units directly, traffic windows, officers, candidate shifts, key posts, rules, solver limits.
/// Per-area arrays have 168 values, hour 0 = Monday 00:00.
/// </summary>
public sealed record PlanScenario
{
    public static readonly JsonSerializerOptions JsonOptions = CreateOptions();

    public string Name { get; init; } = "scenario";

    public string? Description { get; init; }

    /// <summary>Monday of the planned week, ISO date.</summary>
    public string WeekStart { get; init; } = "2026-01-05";

    public IReadOnlyList<string> Areas { get; init; } = [];

    public IReadOnlyList<IReadOnlyList<double>>? ArrivalsPerHour { get; init; }

    public IReadOnlyList<IReadOnlyList<int>>? PatrolUnits { get; init; }

    public StaffingSpec Staffing { get; init; } = new();

    public IReadOnlyList<TrafficWindowSpec> TrafficWindows { get; init; } = [];

    public IReadOnlyList<OfficerGroupSpec> OfficerGroups { get; init; } = [];

    public IReadOnlyList<Officer> Officers { get; init; } = [];

    public IReadOnlyList<ShiftTemplate> Shifts { get; init; } = [];

    public IReadOnlyList<KeyPost> Posts { get; init; } = [];

    public RosterRules Rules { get; init; } = new();

    public SolverOptions Solver { get; init; } = new();

    public static PlanScenario Load(string path) =>
        JsonSerializer.Deserialize<PlanScenario>(File.ReadAllText(path), JsonOptions) ?? throw new InvalidDataException($"{path} is empty");

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, JsonOptions));

    /// <summary>Staggered 8-hour starts every <paramref name="everyHours"/> hours, plus 10-hour starts where given.</summary>
    public static IReadOnlyList<ShiftTemplate> StaggeredShifts(int everyHours = 2, params int[] tenHourStarts) =>
        Enumerable.Range(0, 24 / everyHours).Select(i => new ShiftTemplate(i * everyHours, 8))
            .Concat(tenHourStarts.Select(s => new ShiftTemplate(s, 10))).ToList();

    public RosterProblem ToProblem()
    {
        const int H = HourOfWeek.Count;
        var n = Areas.Count;
        double[]? arrivals = null;
        if (ArrivalsPerHour is not null)
        {
            if (ArrivalsPerHour.Count != n || ArrivalsPerHour.Any(r => r.Count != H))
            {
                throw new InvalidDataException("arrivalsPerHour needs one row of 168 values per area");
            }

            arrivals = ArrivalsPerHour.SelectMany(r => r).ToArray();
        }

        int[] patrol;
        if (PatrolUnits is not null)
        {
            if (PatrolUnits.Count != n || PatrolUnits.Any(r => r.Count != H))
            {
                throw new InvalidDataException("patrolUnits needs one row of 168 values per area");
            }

            patrol = PatrolUnits.SelectMany(r => r).ToArray();
        }
        else if (arrivals is not null)
        {
            patrol = StaffingCalculator.RequiredUnits(arrivals, n, Staffing.ToPolicy(), Staffing.SharesForSizing);
        }
        else
        {
            throw new InvalidDataException("give arrivalsPerHour or patrolUnits");
        }

        var traffic = new int[n * H];
        var index = Areas.Select((a, i) => (a, i)).ToDictionary(x => x.a, x => x.i, StringComparer.Ordinal);
        foreach (var t in TrafficWindows)
        {
            if (!index.TryGetValue(t.Area, out var a))
            {
                throw new InvalidDataException($"traffic window in unknown area {t.Area}");
            }

            foreach (var d in t.Days)
            {
                for (var h = t.StartHour; h < t.EndHour; h++)
                {
                    traffic[(a * H) + (((((int)d - 1) * 24) + h) % H)] += t.Units;
                }
            }
        }

        var officers = OfficerGroups
            .SelectMany(g => Enumerable.Range(1, g.Count).Select(i => new Officer($"{g.Prefix}{i:D3}", $"{g.Prefix}{i:D3}", g.Skill, g.MaxWeeklyHours)))
            .Concat(Officers)
            .ToList();
        return new RosterProblem(Areas, patrol, traffic, officers, Shifts.Count > 0 ? Shifts : StaggeredShifts(), Posts, Rules)
        {
            Arrivals = arrivals,
            BusyHours = Staffing.BusyHours,
            WeekStart = LocalDatePattern.Iso.Parse(WeekStart).GetValueOrThrow(),
        };
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var o = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return o;
    }
}
