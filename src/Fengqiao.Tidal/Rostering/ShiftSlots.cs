using Fengqiao.Tidal.Demand;

namespace Fengqiao.Tidal.Rostering;

/// <summary>One concrete shift in the week: a template started on a given day (start counts from Monday 00:00).</summary>
public sealed record ShiftSlot(int StartHourOfWeek, int LengthHours)
{
    public int Day => StartHourOfWeek / 24;
}

/// <summary>The week's shift slots and the rest-rule conflicts between them.</summary>
public static class ShiftSlots
{
    /// <summary>Every template on every day, in start order (templates too long for the rest rule are left out).</summary>
    public static IReadOnlyList<ShiftSlot> Week(RosterProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem.Shifts
            .Where(s => s.LengthHours > 0 && s.LengthHours <= 24 - problem.Rules.MinRestHours)
            .Distinct()
            .SelectMany(s => Enumerable.Range(0, 7).Select(d => new ShiftSlot((d * 24) + s.StartHour, s.LengthHours)))
            .Where(s => s.StartHourOfWeek < HourOfWeek.Count)
            .OrderBy(s => s.StartHourOfWeek).ThenBy(s => s.LengthHours)
            .ToList();
    }

    /// <summary>
    /// Sets of slots of which one officer can work at most one: for a window starting at hour t of width W, every slot
    /// starting at offset o &lt; W whose end plus the minimum rest reaches past the window (o + length + rest ≥ W).
    /// Any two members a before b then have b − a &lt; W ≤ a + length_a + rest, so the rest after a is too short
    /// whatever the officer works in between. Windows run cyclically (the week repeats), as the checker reads it.
    /// Only cliques of two or more slots are returned, each once.
    /// </summary>
    public static IReadOnlyList<int[]> RestCliques(IReadOnlyList<ShiftSlot> slots, int minRestHours)
    {
        ArgumentNullException.ThrowIfNull(slots);
        const int H = HourOfWeek.Count;
        var widths = slots.Select(s => s.LengthHours + minRestHours).Distinct().Where(w => w <= H).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var cliques = new List<int[]>();
        for (var t = 0; t < H; t++)
        {
            foreach (var width in widths)
            {
                var members = new List<int>();
                for (var j = 0; j < slots.Count; j++)
                {
                    var offset = ((slots[j].StartHourOfWeek - t) % H + H) % H;
                    if (offset < width && offset + slots[j].LengthHours + minRestHours >= width)
                    {
                        members.Add(j);
                    }
                }

                if (members.Count >= 2 && seen.Add(string.Join(',', members)))
                {
                    cliques.Add([.. members]);
                }
            }
        }

        // A clique inside a larger one adds nothing.
        var sets = cliques.Select(c => c.ToHashSet()).ToList();
        return cliques.Where((c, i) => !sets.Where((s, k) => k != i && s.Count > c.Length).Any(s => c.All(s.Contains))).ToList();
    }

    /// <summary>Whether two slots worked by one officer leave too little rest between them (either way round, cyclically).</summary>
    public static bool Conflict(ShiftSlot a, ShiftSlot b, int minRestHours)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        const int H = HourOfWeek.Count;
        var ab = ((b.StartHourOfWeek - a.StartHourOfWeek) % H + H) % H;
        var ba = ((a.StartHourOfWeek - b.StartHourOfWeek) % H + H) % H;
        return ab < a.LengthHours + minRestHours || ba < b.LengthHours + minRestHours;
    }

    /// <summary>Hours an officer may work in the week under the rules (the ceiling, or the standard week without overtime).</summary>
    public static int HourCap(Officer officer, RosterRules rules)
    {
        ArgumentNullException.ThrowIfNull(officer);
        ArgumentNullException.ThrowIfNull(rules);
        return rules.AllowOvertime ? officer.MaxWeeklyHours : Math.Min(officer.MaxWeeklyHours, rules.StandardWeeklyHours);
    }

    /// <summary>Days an officer may start shifts on: seven less the larger of the minimum days off and the requests.</summary>
    public static int WorkDayCap(Officer officer, RosterRules rules)
    {
        ArgumentNullException.ThrowIfNull(officer);
        ArgumentNullException.ThrowIfNull(rules);
        return Math.Max(0, 7 - Math.Max(rules.MinDaysOff, officer.RequestedOff.Distinct().Count()));
    }

    public static bool RequestedOff(Officer officer, ShiftSlot slot)
    {
        ArgumentNullException.ThrowIfNull(officer);
        ArgumentNullException.ThrowIfNull(slot);
        return officer.RequestedOff.Any(d => (int)d - 1 == slot.Day);
    }
}
