using Fengqiao.Core.Calendar;
using Fengqiao.Core.Cases;
using Fengqiao.Core.Cases.Deadlines;

namespace Fengqiao.Data.Cases;

/// <summary>
/// The deployment's case rules: its work calendar and SLA profiles. One instance per process. The calendar can be
/// replaced while the process runs (an administrator entered a year's holidays, on this node or another; see
/// <see cref="Calendar.WorkCalendarStore"/>): readers take the calendar and its calculator together, atomically.
/// Deadlines already computed are stored in the case log and do not move.
/// </summary>
public sealed class CaseRules(WorkCalendar calendar, SlaProfileSelector profiles)
{
    private sealed record CalendarState(WorkCalendar Calendar, DeadlineCalculator Calculator);

    private volatile CalendarState _state = new(calendar, new DeadlineCalculator(calendar));

    /// <summary>The built-in rules (China's calendar as shipped); for tools and tests that need no edited calendar.</summary>
    public static CaseRules Default { get; } = new(WorkCalendar.China, SlaProfileCatalog.DefaultSelector);

    public WorkCalendar Calendar => _state.Calendar;

    public DeadlineCalculator Calculator => _state.Calculator;

    public SlaProfileSelector Profiles { get; } = profiles;

    /// <summary>Uses this calendar from now on.</summary>
    public void Use(WorkCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        _state = new CalendarState(calendar, new DeadlineCalculator(calendar));
    }

    public CasePolicy PolicyFor(CaseChannel channel, CaseKind kind, string? category) => CasePolicy.For(Profiles, Calculator, channel, kind, category);

    public CaseFile Replay(Guid caseId, IEnumerable<Core.Cases.CaseEvent> events) => CaseReplay.Rehydrate(caseId, events, Profiles, Calculator);
}
