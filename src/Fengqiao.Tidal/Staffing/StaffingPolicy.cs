namespace Fengqiao.Tidal.Staffing;

/// <summary>Service standard for one dispatch priority (接处警标准).</summary>
/// <param name="Priority">Priority code; null is the default for incidents without one.</param>
/// <param name="ServiceMinutes">Mean time a unit is busy on scene.</param>
/// <param name="TravelMinutes">Mean travel allowance added to the busy time.</param>
/// <param name="TargetWaitMinutes">Wait for a free unit the target refers to.</param>
/// <param name="TargetProbability">Required P(wait ≤ target).</param>
public sealed record PriorityStandard(int? Priority, double ServiceMinutes, double TravelMinutes, double TargetWaitMinutes, double TargetProbability)
{
    public double BusyMinutes => ServiceMinutes + TravelMinutes;
}

/// <summary>Service standards per priority, plus the floor of units an area keeps even when quiet.</summary>
public sealed record StaffingPolicy
{
    /// <summary>P(wait ≤ 5 min) ≥ 0.9 with 45 min on scene and 10 min travel: the default when the data carry no priority.</summary>
    public static StaffingPolicy Default { get; } = new()
    {
        Standards = [new PriorityStandard(null, 45, 10, 5, 0.9)],
    };

    public IReadOnlyList<PriorityStandard> Standards { get; init; } = [];

    /// <summary>Units kept in every area-hour regardless of load (visible presence, 见警率).</summary>
    public int MinimumUnits { get; init; } = 1;

    public PriorityStandard For(int? priority) =>
        Standards.FirstOrDefault(s => s.Priority == priority)
        ?? Standards.FirstOrDefault(s => s.Priority is null)
        ?? throw new InvalidOperationException("staffing policy has no default standard");
}
