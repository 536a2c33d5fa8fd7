using Fengqiao.Tidal.Demand;
using Fengqiao.Tidal.Incidents;
using Fengqiao.Tidal.Rostering;
using NodaTime;

namespace Fengqiao.Tidal.Adjustment;

/// <summary>One area today (今日警情与警力): calls per hour so far against the forecast, and the officers on duty now.</summary>
/// <param name="Actual">Calls in each hour of the day (0–23); hours after now are 0.</param>
/// <param name="Forecast">Forecast calls in each hour of the day.</param>
/// <param name="OnDuty">Officers whose shift covers now in this area, moves accepted today included.</param>
public sealed record LiveArea(string Area, IReadOnlyList<int> Actual, IReadOnlyList<double> Forecast, IReadOnlyList<string> OnDuty, int Observed, double Expected, bool Hot);

/// <summary>"从 X 调 Y 名警力到 Z": officers on duty in a quiet area proposed for a hot one, with the effect on waiting.</summary>
public sealed record LiveSuggestion(string FromArea, string ToArea, IReadOnlyList<string> Officers, double HotWaitBeforeMinutes, double HotWaitAfterMinutes);

/// <summary>What the planner did with a suggestion (采纳 / 不采纳), kept with the plan.</summary>
/// <param name="Now">The time (district clock) the suggestion was made for; a decided suggestion is not offered again that hour.</param>
public sealed record LiveDecision(LocalDateTime Now, string FromArea, string ToArea, IReadOnlyList<string> Officers, bool Accepted, string DecidedBy);

/// <summary>The 情指行 centre's picture of today so far.</summary>
public sealed record LiveBoard(LocalDateTime Now, IReadOnlyList<LiveArea> Areas, IReadOnlyList<LiveSuggestion> Suggestions, int CallsToday, double ExpectedToday)
{
    public IEnumerable<LiveArea> HotAreas => Areas.Where(a => a.Hot);
}

/// <summary>
/// The live view's rule (实时研判): today's calls per area and hour against the plan's forecast, the officers the roster
/// has on duty now (with moves accepted today), and which officers to move when an area runs hot — the areas and units
/// <see cref="DynamicAdjuster"/> picks, named here as the officers of the quiet area with the most of their shift left.
/// Pure: the caller passes the time.
/// </summary>
public static class LiveWatch
{
    /// <param name="forecast">Expected calls per area-hour of the week, area-major (the plan's areas × 168).</param>
    /// <param name="incidents">Calls of today (and the hours before, for the look-back window); later ones are ignored.</param>
    /// <param name="decisions">Suggestions already decided; accepted moves count their officers in the new area for the rest of today.</param>
    public static LiveBoard Build(
        RosterProblem problem,
        Roster roster,
        IReadOnlyList<double> forecast,
        IEnumerable<Incident> incidents,
        LocalDateTime now,
        IReadOnlyList<LiveDecision> decisions,
        AdjustmentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(forecast);
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentNullException.ThrowIfNull(decisions);
        const int H = HourOfWeek.Count;
        var areas = problem.Areas;
        if (forecast.Count != areas.Count * H)
        {
            throw new ArgumentException("the forecast needs one value per area and hour of the week", nameof(forecast));
        }

        var o = options ?? new AdjustmentOptions { BusyHours = problem.BusyHours };
        var recent = incidents.Where(i => i.Time <= now && i.Time > now.PlusHours(-Math.Max(24, o.WindowHours))).ToList();
        var today = now.Date;
        var how = HourOfWeek.Of(now);

        // Who is where now: the roster's shifts covering this hour, then today's accepted moves.
        var where = roster.Duties.Where(d => d.Covers(how)).GroupBy(d => d.OfficerId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (g.First().Area, Left: HoursLeft(g.First(), how)), StringComparer.Ordinal);
        foreach (var move in decisions.Where(d => d.Accepted && d.Now.Date == today && d.Now <= now))
        {
            foreach (var officer in move.Officers)
            {
                if (where.TryGetValue(officer, out var at))
                {
                    where[officer] = (move.ToArea, at.Left);
                }
            }
        }

        var onDuty = areas.Select(a => where.Where(w => w.Value.Area == a).OrderByDescending(w => w.Value.Left).ThenBy(w => w.Key, StringComparer.Ordinal).Select(w => w.Key).ToList()).ToList();
        var advice = DynamicAdjuster.Advise(areas, forecast, recent, now, onDuty.Select(x => x.Count).ToList(), null, o);

        var result = new List<LiveArea>();
        for (var a = 0; a < areas.Count; a++)
        {
            var actual = new int[24];
            foreach (var i in recent.Where(i => i.Time.Date == today && string.Equals(i.Area, areas[a], StringComparison.Ordinal)))
            {
                actual[i.Time.Hour]++;
            }

            var expected = Enumerable.Range(0, 24).Select(h => forecast[(a * H) + HourOfWeek.Of(today.At(new LocalTime(h, 0)))]).ToArray();
            var status = advice.Areas[a];
            result.Add(new LiveArea(areas[a], actual, expected, onDuty[a], status.Observed, status.Expected, status.Hot));
        }

        // The adjuster moves one unit at a time; name as many officers of the donor area, most shift left first, and
        // leave out what the planner already decided this hour.
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var suggestions = new List<LiveSuggestion>();
        foreach (var group in advice.Moves.GroupBy(m => (m.FromArea, m.ToArea)))
        {
            var decided = decisions.Any(d => d.Now.Date == today && d.Now.Hour == now.Hour && d.FromArea == group.Key.FromArea && d.ToArea == group.Key.ToArea);
            var donor = onDuty[problem.AreaIndex[group.Key.FromArea]];
            var officers = donor.Where(id => !taken.Contains(id)).Take(group.Sum(m => m.Units)).ToList();
            taken.UnionWith(officers);
            if (!decided && officers.Count > 0)
            {
                suggestions.Add(new LiveSuggestion(group.Key.FromArea, group.Key.ToArea, officers, group.First().HotWaitBeforeMinutes, group.Last().HotWaitAfterMinutes));
            }
        }

        return new LiveBoard(now, result, suggestions, result.Sum(a => a.Actual.Sum()), result.Sum(a => a.Forecast.Take(now.Hour + 1).Sum()));
    }

    private static int HoursLeft(Duty duty, int hourOfWeek) =>
        duty.LengthHours - ((((hourOfWeek - duty.StartHourOfWeek) % HourOfWeek.Count) + HourOfWeek.Count) % HourOfWeek.Count);
}
