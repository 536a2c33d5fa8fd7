using System.Collections.Immutable;
using NodaTime;

namespace Fengqiao.Core.Whistles;

/// <summary>A step a department completed, with the first due time it ever had (escalation does not forgive lateness).</summary>
public sealed record StepRecord(WhistleStep Step, Instant At, Instant FirstDue, string Actor, string? Note)
{
    public Duration Lateness => At > FirstDue ? At - FirstDue : Duration.Zero;
}

/// <summary>One department called to report (报到) on a whistle, and what it has done so far.</summary>
public sealed record Summons
{
    internal Summons(Guid departmentId, string departmentName, string task, Instant summonedAt, Instant firstDue)
    {
        DepartmentId = departmentId;
        DepartmentName = departmentName;
        Task = task;
        SummonedAt = summonedAt;
        StepClockStart = summonedAt;
        StepFirstDue = firstDue;
    }

    public Guid DepartmentId { get; }

    public string DepartmentName { get; }

    /// <summary>What this department must do (任务清单).</summary>
    public string Task { get; }

    public Instant SummonedAt { get; }

    public SummonsStatus Status { get; internal init; } = SummonsStatus.Summoned;

    /// <summary>When the clock of the step now owed started: the previous step, or the last escalation if later.</summary>
    public Instant StepClockStart { get; internal init; }

    /// <summary>The due time the step now owed had when it began; lateness for flags is measured from it.</summary>
    public Instant StepFirstDue { get; internal init; }

    public ImmutableList<StepRecord> Steps { get; internal init; } = [];

    public string? Result { get; internal init; }

    public string? RefusalReason { get; internal init; }

    public DepartmentRating? Rating { get; internal init; }

    /// <summary>The step this department owes next, or null once it has reported or refused.</summary>
    public WhistleStep? NextStep => Status switch
    {
        SummonsStatus.Summoned => WhistleStep.Acknowledge,
        SummonsStatus.Acknowledged => WhistleStep.Act,
        SummonsStatus.Acting => WhistleStep.Report,
        _ => null,
    };

    public bool IsOpen => NextStep is not null;
}
