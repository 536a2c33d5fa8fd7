using System.Collections.Immutable;
using NodaTime;

namespace Fengqiao.Core.Whistles;

/// <summary>A department marked for the assessment and a possible referral, with the step and how late it was.</summary>
public sealed record DepartmentFlag(Guid DepartmentId, string DepartmentName, DepartmentFlagReason Reason, WhistleStep? Step, Duration Lateness);

/// <summary>
/// Which departments refused, or were late beyond the policy's threshold, on one whistle. Lateness is measured from
/// the first due time a step had, so an escalation that restarts the clock does not wipe out the delay that caused it.
/// </summary>
public static class WhistleFlags
{
    public static ImmutableArray<DepartmentFlag> At(Whistle whistle, Instant now)
    {
        ArgumentNullException.ThrowIfNull(whistle);
        var threshold = whistle.Policy.LateFlagThreshold;
        var flags = ImmutableArray.CreateBuilder<DepartmentFlag>();
        foreach (var s in whistle.Summonses)
        {
            if (s.Status == SummonsStatus.Refused)
            {
                flags.Add(new DepartmentFlag(s.DepartmentId, s.DepartmentName, DepartmentFlagReason.Refused, s.NextStep, Duration.Zero));
                continue;
            }
            // The worst step: a finished one, or the one still owed if the whistle is open.
            var worst = s.Steps.Select(r => (Step: (WhistleStep?)r.Step, r.Lateness)).ToList();
            if (s.NextStep is { } owed && whistle.State == WhistleState.Open && now > s.StepFirstDue)
            {
                worst.Add((owed, now - s.StepFirstDue));
            }
            var max = worst.OrderByDescending(w => w.Lateness).FirstOrDefault();
            if (max.Step is not null && max.Lateness > threshold)
            {
                flags.Add(new DepartmentFlag(s.DepartmentId, s.DepartmentName, DepartmentFlagReason.LateBeyondThreshold, max.Step, max.Lateness));
            }
        }
        return flags.ToImmutable();
    }
}
