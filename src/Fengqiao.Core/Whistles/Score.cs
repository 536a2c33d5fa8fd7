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

    /// <summary>
    /// Why marks as entered cannot be a rating, or null when they can: each of the three is chosen by the rater (no
    /// mark is assumed for them) and lies from 1 to 5. The message names the criteria in words.
    /// </summary>
    public static string? MarksRefusal(int? timeliness, int? attitude, int? result)
    {
        (string Chinese, string English, int? Mark)[] marks = [("及时性", "timeliness", timeliness), ("态度", "attitude", attitude), ("结果", "result", result)];
        var missing = marks.Where(m => m.Mark is null).ToList();
        if (missing.Count > 0)
        {
            return $"请为{string.Join("、", missing.Select(m => m.Chinese))}选择评分（1–5 分），评价未保存 (choose a mark of 1 to 5 for {string.Join(" and ", missing.Select(m => m.English))}; the rating was not saved)";
        }
        var wrong = marks.Where(m => m.Mark is < 1 or > 5).ToList();
        return wrong.Count > 0
            ? $"{string.Join("、", wrong.Select(m => m.Chinese))}的评分应为 1–5 分，评价未保存 (the mark for {string.Join(" and ", wrong.Select(m => m.English))} must be 1 to 5; the rating was not saved)"
            : null;
    }

    /// <summary>The rating from marks as entered; throws <see cref="WhistleRuleException"/> with <see cref="MarksRefusal"/>'s reason.</summary>
    public static DepartmentRating FromMarks(int? timeliness, int? attitude, int? result, string? comment) =>
        MarksRefusal(timeliness, attitude, result) is { } refusal
            ? throw new WhistleRuleException(refusal) { Field = "Marks" }
            : new DepartmentRating(Score.Of(timeliness!.Value), Score.Of(attitude!.Value), Score.Of(result!.Value), comment);
}

/// <summary>Marks as the rater entered them, each null until chosen: <see cref="DepartmentRating.FromMarks"/> decides whether they rate.</summary>
public sealed record RatingMarks(int? Timeliness, int? Attitude, int? Result, string? Comment = null);
