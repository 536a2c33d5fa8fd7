using System.Collections.Immutable;
using Fengqiao.Core.Organisations;
using NodaTime;

namespace Fengqiao.Core.Whistles;

/// <summary>Someone to tell about an escalation: a unit, a role at the new level, or both.</summary>
public sealed record EscalationRecipient(Guid? UnitId, StaffRole? Role, string Why);

/// <summary>What must escalate now: always exactly one level up, with the late steps and whom to notify.</summary>
public sealed record EscalationNotice(
    Guid WhistleId,
    Guid CaseId,
    WhistleLevel From,
    WhistleLevel To,
    ImmutableArray<OverdueStep> Overdue,
    ImmutableArray<EscalationRecipient> Notify);

/// <summary>
/// The automatic escalation rule, as a pure function for the scheduler: an unanswered or late step at the
/// current level raises the whistle to the next level. It never skips a level (a job that runs late escalates
/// once, and the next run sees the restarted clocks), and once due it stays due as time passes until someone acts.
/// </summary>
public static class WhistleEscalation
{
    /// <summary>The escalation due at <paramref name="now"/>, or null when nothing is late, the whistle is closed or already at the top.</summary>
    public static EscalationNotice? Due(Whistle whistle, Instant now)
    {
        ArgumentNullException.ThrowIfNull(whistle);
        if (whistle.State == WhistleState.Closed || whistle.IsAtTopLevel)
        {
            return null;
        }
        return whistle.OverdueAt(now).IsEmpty ? null : Of(whistle, now, reason: null);
    }

    /// <summary>
    /// Whom an escalation of <paramref name="whistle"/> at <paramref name="at"/> tells, however it came about (the timer or a
    /// supervisor's decision with <paramref name="reason"/>): the departments whose steps are late (or, when none is, every
    /// department still owing a step), the blowing unit, and the role that supervises the new level. The one rule for
    /// every escalation, so a whistle raised by hand wakes the next level exactly as one raised by the timer.
    /// </summary>
    public static EscalationNotice Of(Whistle whistle, Instant at, string? reason)
    {
        ArgumentNullException.ThrowIfNull(whistle);
        if (whistle.IsAtTopLevel)
        {
            throw new WhistleRuleException("已是区领导吹哨，无法再升级 (the whistle is already at the district leader, the top level)");
        }
        var overdue = whistle.OverdueAt(at);
        var to = whistle.Level + 1;
        var notify = ImmutableArray.CreateBuilder<EscalationRecipient>();
        foreach (var step in overdue)
        {
            notify.Add(new EscalationRecipient(step.DepartmentId, StaffRole.Handler, $"{WhistleNames.Chinese(step.Step)}超时 ({step.Step} overdue)"));
        }
        if (overdue.IsEmpty)
        {
            var why = reason?.Trim() is { Length: > 0 } r ? $"手动升级：{r} (escalated by hand: {r})" : "手动升级 (escalated by hand)";
            foreach (var summons in whistle.Summonses.Where(s => s.IsOpen))
            {
                notify.Add(new EscalationRecipient(summons.DepartmentId, StaffRole.Handler, why));
            }
        }
        notify.Add(new EscalationRecipient(whistle.BlowingUnit, null, "吹哨单位知悉升级 (the blowing unit is told of the escalation)"));
        notify.Add(new EscalationRecipient(null, SupervisorOf(to), $"升级至{WhistleNames.Chinese(to)}督办 (now supervised at {to})"));
        return new EscalationNotice(whistle.Id, whistle.CaseId, whistle.Level, to, overdue, notify.ToImmutable());
    }

    /// <summary>The role that supervises a whistle at a level: who is woken up when it arrives there.</summary>
    public static StaffRole SupervisorOf(WhistleLevel level) => level switch
    {
        WhistleLevel.Community => StaffRole.GridMember,
        WhistleLevel.Street => StaffRole.TownLeader,
        WhistleLevel.JointMeetingOffice => StaffRole.JointMeetingOffice,
        WhistleLevel.DistrictLeader => StaffRole.DistrictLeader,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "未知的吹哨级别 (unknown level)"),
    };
}
