using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Fengqiao.Core.Letters;

/// <summary>
/// An official document number (发文字号) such as 垦信督〔2026〕15号: the issuing unit's prefix (机关代字, 1–8 Chinese
/// characters), the letter type's character, the year in hexagonal brackets 〔〕 (GB/T 9704 prescribes them, not
/// 【】 or []), and the sequence without leading zeros followed by 号. The default value is invalid and refuses to be read.
/// </summary>
public readonly record struct DocumentNumber : IComparable<DocumentNumber>
{
    public const int MinYear = 2000;
    public const int MaxYear = 2099;
    public const int MaxSequence = 99_999;
    public const int MaxPrefixLength = 8;

    private readonly string? _prefix;

    private DocumentNumber(string prefix, LetterType type, int year, int sequence)
    {
        _prefix = prefix;
        Type = type;
        Year = year;
        Sequence = sequence;
    }

    /// <summary>The issuing unit's prefix, e.g. 垦信 for the Kenli district petition bureau.</summary>
    public string IssuerPrefix => _prefix ?? throw new InvalidOperationException("An empty DocumentNumber was used.");

    public LetterType Type { get; }

    public int Year { get; }

    public int Sequence { get; }

    public static DocumentNumber Create(string issuerPrefix, LetterType type, int year, int sequence)
    {
        if (!TryCreate(issuerPrefix, type, year, sequence, out var number, out var error))
        {
            throw new FormatException(error);
        }
        return number;
    }

    public static DocumentNumber Parse(string text) =>
        TryParse(text, out var number, out var error) ? number : throw new FormatException(error);

    public static bool TryParse(string? text, out DocumentNumber number, [NotNullWhen(false)] out string? error)
    {
        number = default;
        var s = text?.Trim();
        if (string.IsNullOrEmpty(s))
        {
            error = "文号不能为空 (document number is empty)";
            return false;
        }
        var open = s.IndexOf('〔', StringComparison.Ordinal);
        var close = s.IndexOf('〕', StringComparison.Ordinal);
        if (open < 2 || close != open + 5 || !s.EndsWith('号') || s.Length < close + 3)
        {
            error = $"文号格式应为『机关代字+类型〔年份〕序号号』，如 垦信督〔2026〕15号：{s} (expected a number like 垦信督〔2026〕15号)";
            return false;
        }
        if (LetterTypes.FromCharacter(s[open - 1]) is not { } type)
        {
            error = $"文号中的函件类型字『{s[open - 1]}』无效，应为 督、险 或 责 (unknown letter type character)";
            return false;
        }
        var yearText = s[(open + 1)..close];
        var sequenceText = s[(close + 1)..^1];
        if (!yearText.All(char.IsAsciiDigit) || !sequenceText.All(char.IsAsciiDigit) || sequenceText.Length is 0 or > 5 || sequenceText[0] == '0')
        {
            error = $"文号的年份或序号无效（序号不加虚位 0）：{s} (year or sequence is not a valid number; no leading zeros)";
            return false;
        }
        return TryCreate(s[..(open - 1)], type, int.Parse(yearText, CultureInfo.InvariantCulture),
            int.Parse(sequenceText, CultureInfo.InvariantCulture), out number, out error);
    }

    public static bool TryCreate(string? issuerPrefix, LetterType type, int year, int sequence, out DocumentNumber number, [NotNullWhen(false)] out string? error)
    {
        number = default;
        if (!IsValidPrefix(issuerPrefix))
        {
            error = $"机关代字应为 1–{MaxPrefixLength} 个汉字：{issuerPrefix} (the issuer prefix must be 1–{MaxPrefixLength} Chinese characters)";
            return false;
        }
        if (!Enum.IsDefined(type))
        {
            error = "未知的函件类型 (unknown letter type)";
            return false;
        }
        if (year is < MinYear or > MaxYear)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"文号年份应在 {MinYear}–{MaxYear} 之间 (year must be {MinYear}–{MaxYear})");
            return false;
        }
        if (sequence is < 1 or > MaxSequence)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"文号序号应在 1–{MaxSequence} 之间 (sequence must be 1–{MaxSequence})");
            return false;
        }
        number = new DocumentNumber(issuerPrefix!, type, year, sequence);
        error = null;
        return true;
    }

    /// <summary>Chinese characters only (CJK unified ideographs), so the prefix cannot swallow a bracket or a digit.</summary>
    public static bool IsValidPrefix([NotNullWhen(true)] string? prefix) =>
        !string.IsNullOrEmpty(prefix) && prefix.Length <= MaxPrefixLength && prefix.All(c => c is >= '\u4e00' and <= '\u9fff');

    public int CompareTo(DocumentNumber other)
    {
        var c = string.CompareOrdinal(IssuerPrefix, other.IssuerPrefix);
        if (c == 0)
        {
            c = Type.CompareTo(other.Type);
        }
        if (c == 0)
        {
            c = Year.CompareTo(other.Year);
        }
        return c != 0 ? c : Sequence.CompareTo(other.Sequence);
    }

    public override string ToString() => _prefix is null
        ? string.Empty
        : string.Create(CultureInfo.InvariantCulture, $"{_prefix}{LetterTypes.Character(Type)}〔{Year}〕{Sequence}号");
}
