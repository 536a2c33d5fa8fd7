using NodaTime;

namespace Fengqiao.Core.Mediation;

/// <summary>How near a running mediation is to the end of its time limit.</summary>
public enum MediationLimitStatus
{
    /// <summary>Not mediating, or more than the warning window left.</summary>
    OnTrack = 0,
    /// <summary>Within <see cref="MediationLimit.WarningDays"/> days of the limit's last day (即将到期).</summary>
    DueSoon = 1,
    /// <summary>The limit's last day has passed without an agreed extension (已超期).</summary>
    Overdue = 2,
}

/// <summary>
/// Warnings before the one-month limit (人民调解一般在一个月内调结): a mediation in progress is due soon from
/// <see cref="WarningDays"/> days before its last day, and overdue the day after it. Only a mediation in progress
/// runs against the limit; an extension agreed by both parties moves the last day and so clears the warning.
/// Days are Beijing dates, as the limit is.
/// </summary>
public static class MediationLimit
{
    /// <summary>The warning starts this many days before the limit's last day, so there is time to agree an extension.</summary>
    public const int WarningDays = 5;

    public static MediationLimitStatus At(MediationState state, LocalDate? limitDate, Instant now)
    {
        if (state != MediationState.InMediation || limitDate is not { } limit)
        {
            return MediationLimitStatus.OnTrack;
        }
        var today = now.InZone(Mediation.Zone).Date;
        return today > limit ? MediationLimitStatus.Overdue
            : today >= limit.PlusDays(-WarningDays) ? MediationLimitStatus.DueSoon
            : MediationLimitStatus.OnTrack;
    }

    /// <summary>The latest last day that is already due soon today: the sweep reads only limits up to it.</summary>
    public static LocalDate WarnFrom(Instant now) => now.InZone(Mediation.Zone).Date.PlusDays(WarningDays);
}
