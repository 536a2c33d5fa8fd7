using Fengqiao.Core.Assessment;
using Fengqiao.Core.Calendar;
using NodaTime;

namespace Fengqiao.Core.Contracting;

/// <summary>
/// A leader's fixed reception day (领导接访日), e.g. every Tuesday 9:00–11:30. The residents received are
/// registered as ordinary cases (channel: visit); this only says when the sessions fall.
/// </summary>
public sealed record ReceptionDay
{
    public ReceptionDay(Guid leaderId, IsoDayOfWeek day, LocalTime from, LocalTime to, string place)
    {
        if (leaderId == Guid.Empty || day == IsoDayOfWeek.None || to <= from)
        {
            throw new ContractingRuleException("接访日须有领导、星期几和有效的起止时间 (a reception day needs a leader, a weekday and a valid time span)");
        }
        LeaderId = leaderId;
        Day = day;
        From = from;
        To = to;
        Place = ContractingEvent.Text(place, "接访地点", "a place", 200);
    }

    public Guid LeaderId { get; }

    public IsoDayOfWeek Day { get; }

    public LocalTime From { get; }

    public LocalTime To { get; }

    public string Place { get; }

    /// <summary>The session dates in a period, skipping days the calendar marks as days off (a Tuesday in the National Day week).</summary>
    public IEnumerable<LocalDate> DatesIn(ReportingPeriod period, WorkCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(calendar);
        for (var d = period.First.With(DateAdjusters.NextOrSame(Day)); d <= period.Last; d = d.PlusWeeks(1))
        {
            if (calendar.IsWorkingDay(d))
            {
                yield return d;
            }
        }
    }
}
