using System.Globalization;

namespace Fengqiao.Core.Whistles;

/// <summary>A mark from 1 (poor) to 5 (excellent). The default value is invalid and refuses to be read.</summary>
public readonly record struct Score
{
    private readonly byte _value;

    private Score(byte value) => _value = value;

    public int Value => _value != 0 ? _value : throw new InvalidOperationException("An empty Score was used.");

    public static Score Of(int value) => value is >= 1 and <= 5
        ? new Score((byte)value)
        : throw new ArgumentOutOfRangeException(nameof(value), value, "评分应为 1–5 分 (a score must be 1 to 5)");

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The whistle-blower's marks for one department's response (一哨一考核).</summary>
public sealed record DepartmentRating(Score Timeliness, Score Attitude, Score Result, string? Comment)
{
    /// <summary>The plain mean of the three marks, 1–5, which the monthly assessment averages over whistles.</summary>
    public decimal Average => (Timeliness.Value + Attitude.Value + Result.Value) / 3m;
}
