using System.Collections.Immutable;
using Fengqiao.Core.Calendar;
using Fengqiao.Core.Organisations;
using NodaTime;

namespace Fengqiao.Core.Grid;

/// <summary>A leader who takes turns receiving residents and making night visits.</summary>
public sealed record Leader(string Id, string Name, string Post);

/// <summary>One leader receiving residents in a village on one day (领导下沉接访).</summary>
public sealed record ReceptionDay(LocalDate Date, Leader Leader, DivisionCode Village, bool MovedFromHoliday);

/// <summary>What happened on a reception day: how many residents came and the matters they raised.</summary>
public sealed record ReceptionRecord
{
    private ReceptionRecord(ReceptionDay day, int residentsReceived, ImmutableArray<string> matters, int resolvedOnTheSpot)
    {
        Day = day;
        ResidentsReceived = residentsReceived;
        Matters = matters;
        ResolvedOnTheSpot = resolvedOnTheSpot;
    }

    public ReceptionDay Day { get; }

    public int ResidentsReceived { get; }

    /// <summary>The matters raised; each that is not resolved on the spot is registered as a case by the clerk.</summary>
    public ImmutableArray<string> Matters { get; }

    /// <summary>Matters settled there and then (现场化解).</summary>
    public int ResolvedOnTheSpot { get; }

    public static ReceptionRecord Create(ReceptionDay day, int residentsReceived, IEnumerable<string> matters, int resolvedOnTheSpot)
    {
        ArgumentNullException.ThrowIfNull(day);
        ArgumentNullException.ThrowIfNull(matters);
        var list = matters.Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m.Trim()).ToImmutableArray();
        if (residentsReceived < 0)
        {
            throw new GridRuleException("接待人数不能为负 (residents received cannot be negative)");
        }
        if (resolvedOnTheSpot < 0 || resolvedOnTheSpot > list.Length)
        {
            throw new GridRuleException($"现场化解件数应在 0–{list.Length} 之间 (matters resolved on the spot must be between 0 and the matters raised)");
        }
        if (list.Length > 0 && residentsReceived == 0)
        {
            throw new GridRuleException("没有接待群众却登记了诉求 (matters recorded but no resident received)");
        }
        return new ReceptionRecord(day, residentsReceived, list, resolvedOnTheSpot);
    }
}

/// <summary>
/// The weekly reception rota (每周二下沉接访): leaders take turns, each reception day, going down to a village
/// and receiving residents there. When the fixed weekday is a holiday the reception moves to the next working
/// day of the same week, and is dropped when the week has none left, so residents are never sent to a closed office.
/// </summary>
public static class ReceptionRota
{
    public static ImmutableArray<ReceptionDay> Generate(IReadOnlyList<Leader> leaders, IReadOnlyList<DivisionCode> villages,
        LocalDate from, LocalDate to, WorkCalendar calendar, IsoDayOfWeek weekday = IsoDayOfWeek.Tuesday)
    {
        ArgumentNullException.ThrowIfNull(leaders);
        ArgumentNullException.ThrowIfNull(villages);
        ArgumentNullException.ThrowIfNull(calendar);
        CheckRota(leaders, villages, from, to);
        var days = ImmutableArray.CreateBuilder<ReceptionDay>();
        var first = from;
        while (first.DayOfWeek != weekday)
        {
            first = first.PlusDays(1);
        }
        var turn = 0;
        for (var fixedDay = first; fixedDay <= to; fixedDay = fixedDay.PlusWeeks(1))
        {
            var day = fixedDay;
            while (!calendar.IsWorkingDay(day) && day.DayOfWeek != IsoDayOfWeek.Sunday)
            {
                day = day.PlusDays(1);
            }
            if (!calendar.IsWorkingDay(day) || day > to)
            {
                continue;
            }
            days.Add(new ReceptionDay(day, leaders[turn % leaders.Count], villages[turn % villages.Count], day != fixedDay));
            turn++;
        }
        return days.ToImmutable();
    }

    internal static void CheckRota(IReadOnlyList<Leader> leaders, IReadOnlyList<DivisionCode> villages, LocalDate from, LocalDate to)
    {
        if (leaders.Count == 0 || villages.Count == 0)
        {
            throw new GridRuleException("轮值表需要至少一名领导和一个村（社区） (a rota needs at least one leader and one village)");
        }
        if (villages.Any(v => v.Level != DivisionLevel.Village))
        {
            throw new GridRuleException("下沉地点必须是村（社区） (leaders go down to villages or communities)");
        }
        if (to < from)
        {
            throw new GridRuleException("结束日期早于开始日期 (the period ends before it starts)");
        }
    }
}

/// <summary>A planned night visit (夜访): evenings are when working residents are at home.</summary>
public sealed record NightVisit(LocalDate Date, LocalTime Start, Leader Leader, DivisionCode Village);

/// <summary>What a night visit found.</summary>
public sealed record NightVisitRecord
{
    private NightVisitRecord(NightVisit visit, int households, ImmutableArray<string> issues)
    {
        Visit = visit;
        HouseholdsVisited = households;
        Issues = issues;
    }

    public NightVisit Visit { get; }

    public int HouseholdsVisited { get; }

    public ImmutableArray<string> Issues { get; }

    public static NightVisitRecord Create(NightVisit visit, int householdsVisited, IEnumerable<string> issues)
    {
        ArgumentNullException.ThrowIfNull(visit);
        ArgumentNullException.ThrowIfNull(issues);
        if (householdsVisited < 0)
        {
            throw new GridRuleException("走访户数不能为负 (households visited cannot be negative)");
        }
        var list = issues.Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => i.Trim()).ToImmutableArray();
        return new NightVisitRecord(visit, householdsVisited, list);
    }
}

/// <summary>
/// Night visits for a month: each leader makes the given number of visits, spread evenly over the month's
/// working-day evenings and rotated over the villages so every village is reached before any is visited twice.
/// </summary>
public static class NightVisitRota
{
    /// <summary>Night visits start at 19:00 unless a town says otherwise.</summary>
    public static LocalTime DefaultStart { get; } = new(19, 0);

    public static ImmutableArray<NightVisit> Generate(IReadOnlyList<Leader> leaders, IReadOnlyList<DivisionCode> villages, YearMonth month,
        int visitsPerLeader, WorkCalendar calendar, LocalTime? start = null)
    {
        ArgumentNullException.ThrowIfNull(leaders);
        ArgumentNullException.ThrowIfNull(villages);
        ArgumentNullException.ThrowIfNull(calendar);
        ReceptionRota.CheckRota(leaders, villages, month.OnDayOfMonth(1), month.OnDayOfMonth(1));
        var time = start ?? DefaultStart;
        if (time < new LocalTime(17, 0))
        {
            throw new GridRuleException("夜访应在 17:00 之后开始 (a night visit starts after 17:00)");
        }
        var workingDays = new List<LocalDate>();
        for (var d = month.OnDayOfMonth(1); d.Month == month.Month; d = d.PlusDays(1))
        {
            if (calendar.IsWorkingDay(d))
            {
                workingDays.Add(d);
            }
        }
        if (visitsPerLeader < 1 || visitsPerLeader > workingDays.Count)
        {
            throw new GridRuleException($"每名领导每月夜访次数应在 1–{workingDays.Count} 之间 (visits per leader must be 1–{workingDays.Count})");
        }
        var visits = ImmutableArray.CreateBuilder<NightVisit>();
        var village = 0;
        for (var k = 0; k < visitsPerLeader; k++)
        {
            for (var l = 0; l < leaders.Count; l++)
            {
                // Leaders are offset within each slot so they do not all go out on the same evening.
                var slot = (int)((long)workingDays.Count * k / visitsPerLeader);
                var next = (int)((long)workingDays.Count * (k + 1) / visitsPerLeader);
                var span = Math.Max(1, next - slot);
                var day = workingDays[slot + (l % span)];
                visits.Add(new NightVisit(day, time, leaders[l], villages[village++ % villages.Count]));
            }
        }
        return [.. visits.OrderBy(v => v.Date).ThenBy(v => v.Leader.Id, StringComparer.Ordinal)];
    }
}
