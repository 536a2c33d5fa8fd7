using Fengqiao.Core.Calendar;
using Fengqiao.Core.Cases;
using Fengqiao.Core.Cases.Sla;

namespace Fengqiao.Data.Cases;

/// <summary>
/// The deployment's case rules: its work calendar and SLA profiles. One instance per process; the calendar
/// editor (an administrator's page) will replace it when a year's holidays are entered.
/// </summary>
public sealed class CaseRules(WorkCalendar calendar, SlaProfileSelector profiles)
{
    public static CaseRules Default { get; } = new(WorkCalendar.China, SlaProfileCatalog.DefaultSelector);

    public WorkCalendar Calendar { get; } = calendar;

    public DeadlineCalculator Calculator { get; } = new(calendar);

    public SlaProfileSelector Profiles { get; } = profiles;

    public CasePolicy PolicyFor(CaseChannel channel, CaseKind kind, string? category) => CasePolicy.For(Profiles, Calculator, channel, kind, category);

    public CaseFile Replay(Guid caseId, IEnumerable<Core.Cases.CaseEvent> events) => CaseReplay.Rehydrate(caseId, events, Profiles, Calculator);
}
