using System.Collections.Immutable;
using Fengqiao.Core.Calendar;
using NodaTime;

namespace Fengqiao.Core.Grid;

/// <summary>Planned visits against visits done; <see cref="Missed"/> lists what is still open.</summary>
public sealed record InspectionPlanProgress(int Planned, int Done, ImmutableArray<PlannedVisit> Missed);

/// <summary>One planned inspection of a key place on a working day.</summary>
public sealed record PlannedVisit(string Id, KeyPlace Place, InspectionFrequency Frequency, LocalDate Date);

/// <summary>
/// A grid's monthly inspection plan (月度巡查计划). Visits fall only on the month's working days (holidays and
/// make-up workdays from the <see cref="WorkCalendar"/>). The month's working days are grouped into its weeks
/// (Monday to Sunday, weeks without a working day dropped, as in the National Day week): a weekly place is visited
/// once in each such week, a fortnightly place once in each pair of consecutive such weeks, a monthly place once.
/// Inside its window a visit goes to the least-loaded day, earliest first, so the work is spread over the month
/// instead of piling up on Mondays.
/// </summary>
public sealed record InspectionPlan
{
    private InspectionPlan(string gridCode, YearMonth month, ImmutableArray<PlannedVisit> visits)
    {
        GridCode = gridCode;
        Month = month;
        Visits = visits;
    }

    public string GridCode { get; }

    public YearMonth Month { get; }

    /// <summary>In date order, then place id.</summary>
    public ImmutableArray<PlannedVisit> Visits { get; }

    public IEnumerable<PlannedVisit> On(LocalDate date) => Visits.Where(v => v.Date == date);

    public IEnumerable<PlannedVisit> For(string placeId) => Visits.Where(v => v.Place.Id == placeId);

    /// <summary>
    /// How much of the plan the recorded visits carried out: a planned visit counts as done when a visit names it.
    /// Unplanned visits are welcome but do not make up for a missed planned one. Feeds the "双十" P06 indicator.
    /// </summary>
    public InspectionPlanProgress Progress(IEnumerable<InspectionVisit> visits)
    {
        ArgumentNullException.ThrowIfNull(visits);
        var done = visits.Where(v => v.Grid.Code == GridCode && v.PlannedVisitId is not null)
            .Select(v => v.PlannedVisitId!)
            .ToHashSet(StringComparer.Ordinal);
        var missed = Visits.Where(v => !done.Contains(v.Id)).ToImmutableArray();
        return new InspectionPlanProgress(Visits.Length, Visits.Length - missed.Length, missed);
    }

    public static InspectionPlan Generate(string gridCode, YearMonth month, IEnumerable<KeyPlace> places,
        InspectionFrequencyPolicy policy, WorkCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(places);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(calendar);
        if (string.IsNullOrWhiteSpace(gridCode))
        {
            throw new GridRuleException("网格编号不能为空 (grid code is empty)");
        }
        var list = places.OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        var foreign = list.FirstOrDefault(p => p.GridCode != gridCode);
        if (foreign is not null)
        {
            throw new GridRuleException($"重点场所 {foreign.Name} 不属于网格 {gridCode} (key place {foreign.Id} belongs to another grid)");
        }
        var duplicate = list.GroupBy(p => p.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new GridRuleException($"重点场所 {duplicate.Key} 重复 (key place {duplicate.Key} listed twice)");
        }

        var weeks = WorkingWeeks(month, calendar);
        var load = weeks.SelectMany(w => w).ToDictionary(d => d, _ => 0);
        var visits = new List<PlannedVisit>();
        // Most frequent first, so the tightest windows get the emptiest days.
        foreach (var place in list.OrderBy(p => (int)policy.For(p.Kind)).ThenBy(p => p.Id, StringComparer.Ordinal))
        {
            var frequency = policy.For(place.Kind);
            var windows = Windows(weeks, frequency);
            for (var i = 0; i < windows.Count; i++)
            {
                var day = windows[i].OrderBy(d => load[d]).ThenBy(d => d).First();
                load[day]++;
                visits.Add(new PlannedVisit($"{gridCode}-{month.Year:D4}{month.Month:D2}-{place.Id}-{i + 1}", place, frequency, day));
            }
        }
        return new InspectionPlan(gridCode, month,
            [.. visits.OrderBy(v => v.Date).ThenBy(v => v.Place.Id, StringComparer.Ordinal).ThenBy(v => v.Id, StringComparer.Ordinal)]);
    }

    /// <summary>The month's working days, grouped by Monday-to-Sunday week; weeks without a working day are left out.</summary>
    public static IReadOnlyList<IReadOnlyList<LocalDate>> WorkingWeeks(YearMonth month, WorkCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var weeks = new List<IReadOnlyList<LocalDate>>();
        var current = new List<LocalDate>();
        for (var d = month.OnDayOfMonth(1); d.Month == month.Month; d = d.PlusDays(1))
        {
            if (d.DayOfWeek == IsoDayOfWeek.Monday && current.Count > 0)
            {
                weeks.Add(current);
                current = [];
            }
            if (calendar.IsWorkingDay(d))
            {
                current.Add(d);
            }
        }
        if (current.Count > 0)
        {
            weeks.Add(current);
        }
        return weeks;
    }

    /// <summary>The windows in which one visit each is due.</summary>
    public static IReadOnlyList<IReadOnlyList<LocalDate>> Windows(IReadOnlyList<IReadOnlyList<LocalDate>> weeks, InspectionFrequency frequency)
    {
        ArgumentNullException.ThrowIfNull(weeks);
        return frequency switch
        {
            InspectionFrequency.Weekly => weeks,
            InspectionFrequency.Fortnightly => [.. weeks.Chunk(2).Select(pair => (IReadOnlyList<LocalDate>)[.. pair.SelectMany(w => w)])],
            InspectionFrequency.Monthly => weeks.Count == 0 ? [] : [[.. weeks.SelectMany(w => w)]],
            _ => throw new GridRuleException("未知的巡查频次 (unknown inspection frequency)"),
        };
    }
}
