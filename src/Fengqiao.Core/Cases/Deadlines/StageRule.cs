using Fengqiao.Core.Calendar;

namespace Fengqiao.Core.Cases.Deadlines;

/// <summary>The time limit of one stage: its period, when it turns yellow, and whether it rolls off holidays (顺延).</summary>
public sealed record StageRule
{
    public StageRule(SlaStage stage, SlaPeriod period, DueSoonThreshold dueSoon, bool rollsToWorkingDay, string basis)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(dueSoon);
        if (!Enum.IsDefined(stage))
        {
            throw new ArgumentOutOfRangeException(nameof(stage), stage, "未知的时限环节 (unknown SLA stage)");
        }
        Stage = stage;
        Period = period;
        DueSoon = dueSoon;
        RollsToWorkingDay = rollsToWorkingDay;
        Basis = basis?.Trim() ?? string.Empty;
    }

    public SlaStage Stage { get; }

    public SlaPeriod Period { get; }

    public DueSoonThreshold DueSoon { get; }

    public bool RollsToWorkingDay { get; }

    /// <summary>Where the period comes from (法规依据), shown to staff next to the deadline.</summary>
    public string Basis { get; }
}
