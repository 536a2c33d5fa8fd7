using NodaTime;

namespace Fengqiao.Core.Calendar;

/// <summary>
/// When a running deadline turns yellow (临期预警): at most this many working days left, at most this share of
/// the period left, or at most this much time left. Any one reached is enough; an unset one never triggers.
/// </summary>
public sealed record DueSoonThreshold
{
    private DueSoonThreshold(int? workingDaysLeft, int? percentLeft, Duration? timeLeft)
    {
        WorkingDaysLeft = workingDaysLeft;
        PercentLeft = percentLeft;
        TimeLeft = timeLeft;
    }

    public int? WorkingDaysLeft { get; }

    public int? PercentLeft { get; }

    public Duration? TimeLeft { get; }

    /// <summary>Never due soon: the deadline goes straight from on track to overdue.</summary>
    public static DueSoonThreshold None { get; } = new(null, null, null);

    public static DueSoonThreshold Create(int? workingDaysLeft = null, int? percentLeft = null, Duration? timeLeft = null)
    {
        if (workingDaysLeft is < 0 or > 365)
        {
            throw new ArgumentOutOfRangeException(nameof(workingDaysLeft), workingDaysLeft, "预警工作日数应在 0–365 之间 (working days left must be 0–365)");
        }
        if (percentLeft is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percentLeft), percentLeft, "预警比例应在 0–100 之间 (percent left must be 0–100)");
        }
        if (timeLeft is { } t && t < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeLeft), timeLeft, "预警时长不能为负 (time left cannot be negative)");
        }
        return new DueSoonThreshold(workingDaysLeft, percentLeft, timeLeft);
    }
}
