using System.Collections.Immutable;
using Fengqiao.Core.Calendar;
using NodaTime;

namespace Fengqiao.Core.Whistles;

/// <summary>The time limits a summoned department has at one whistle level.</summary>
public sealed record WhistleLimits(SlaPeriod Acknowledge, SlaPeriod Act, SlaPeriod Report)
{
    public SlaPeriod For(WhistleStep step) => step switch
    {
        WhistleStep.Acknowledge => Acknowledge,
        WhistleStep.Act => Act,
        WhistleStep.Report => Report,
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "未知的报到环节 (unknown step)"),
    };
}

/// <summary>
/// The configurable limits of 吹哨报到 and the calculator that counts them. Each step's clock starts when the
/// previous one ends: acknowledging from the summons, acting from the acknowledgement, reporting from the start
/// of action. When a whistle escalates, every open step's clock restarts under the new level's limits, because
/// the higher level now supervises and sets its own pace.
/// </summary>
public sealed record WhistlePolicy
{
    public WhistlePolicy(DeadlineCalculator calculator, ImmutableDictionary<WhistleLevel, WhistleLimits> limits, Duration lateFlagThreshold)
    {
        ArgumentNullException.ThrowIfNull(calculator);
        ArgumentNullException.ThrowIfNull(limits);
        foreach (var level in Enum.GetValues<WhistleLevel>())
        {
            if (!limits.ContainsKey(level))
            {
                throw new ArgumentException($"缺少『{WhistleNames.Chinese(level)}』的时限 (no limits for level {level})", nameof(limits));
            }
        }
        if (lateFlagThreshold < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lateFlagThreshold), "超时阈值不能为负 (the late threshold cannot be negative)");
        }
        Calculator = calculator;
        Limits = limits;
        LateFlagThreshold = lateFlagThreshold;
    }

    public DeadlineCalculator Calculator { get; }

    public ImmutableDictionary<WhistleLevel, WhistleLimits> Limits { get; }

    /// <summary>How late a step may be before the department is flagged (beyond merely escalating the whistle).</summary>
    public Duration LateFlagThreshold { get; }

    /// <summary>
    /// Defaults, modelled on district 吹哨报到 rules ("接哨即报到、限时到场、按期反馈") and tightening as the whistle rises,
    /// because a higher whistle means the matter has already waited:
    /// <list type="bullet">
    /// <item>community/village: acknowledge within 24 hours, act within 3 working days, report within 10 working days;</item>
    /// <item>street/town: 24 hours, 2 working days, 7 working days;</item>
    /// <item>district joint-meeting office: 12 hours, 2 working days, 5 working days;</item>
    /// <item>district leader: 2 hours, 1 working day, 3 working days.</item>
    /// </list>
    /// Acknowledgement limits are continuous hours (a whistle is answered at night too); action and report limits
    /// are working days on the China calendar with 调休. A step more than 1 working day's worth (24 hours) past its
    /// first due time flags the department.
    /// </summary>
    public static WhistlePolicy Default(DeadlineCalculator calculator) => new(calculator, DefaultLimits, Duration.FromHours(24));

    public static ImmutableDictionary<WhistleLevel, WhistleLimits> DefaultLimits { get; } = new Dictionary<WhistleLevel, WhistleLimits>
    {
        [WhistleLevel.Community] = new(SlaPeriod.Hours(24), SlaPeriod.WorkingDays(3), SlaPeriod.WorkingDays(10)),
        [WhistleLevel.Street] = new(SlaPeriod.Hours(24), SlaPeriod.WorkingDays(2), SlaPeriod.WorkingDays(7)),
        [WhistleLevel.JointMeetingOffice] = new(SlaPeriod.Hours(12), SlaPeriod.WorkingDays(2), SlaPeriod.WorkingDays(5)),
        [WhistleLevel.DistrictLeader] = new(SlaPeriod.Hours(2), SlaPeriod.WorkingDays(1), SlaPeriod.WorkingDays(3)),
    }.ToImmutableDictionary();

    /// <summary>When a step started at <paramref name="start"/> at <paramref name="level"/> becomes late.</summary>
    public Instant Due(WhistleLevel level, WhistleStep step, Instant start) =>
        Calculator.Due(start, Limits[level].For(step), rollsToWorkingDay: true);
}
