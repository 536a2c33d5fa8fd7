using Fengqiao.Core.Calendar;
using Fengqiao.Core.Cases.Deadlines;

namespace Fengqiao.Core.Cases;

/// <summary>The time-limit profile of one case and the calculator that applies it. Chosen once, at registration.</summary>
public sealed class CasePolicy
{
    public CasePolicy(SlaProfile profile, DeadlineCalculator calculator)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(calculator);
        Profile = profile;
        Calculator = calculator;
    }

    public SlaProfile Profile { get; }

    public DeadlineCalculator Calculator { get; }

    /// <summary>The policy for a new case: its profile picked by channel, kind and category.</summary>
    public static CasePolicy For(SlaProfileSelector selector, DeadlineCalculator calculator, CaseChannel channel, CaseKind kind, string? categoryCode)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return new CasePolicy(selector.Select(channel, kind, categoryCode), calculator);
    }

    internal StageDeadline Start(SlaStage stage, NodaTime.Instant at)
    {
        var rule = Profile.Rule(stage);
        return new StageDeadline(stage, Calculator.Compute(at, rule.Period, rule.RollsToWorkingDay));
    }
}
