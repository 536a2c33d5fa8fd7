using System.Diagnostics.CodeAnalysis;

namespace Fengqiao.Core.Organisations;

/// <summary>
/// A GB/T 2260 administrative division code (行政区划代码), cut at its level: 2 digits for a province,
/// 4 for a city, 6 for a district or county, 9 for a street or town, 12 for a village or community.
/// A code is inside an area exactly when the area's code is a prefix of it, which is what lets the scope
/// rule and the database both use one cheap prefix test.
/// </summary>
public readonly record struct DivisionCode : IComparable<DivisionCode>
{
    private readonly string? _value;

    private DivisionCode(string value) => _value = value;

    public string Value => _value ?? throw new InvalidOperationException("An empty DivisionCode was used.");

    public DivisionLevel Level => LevelOfLength(Value.Length)!.Value;

    /// <summary>The code of the enclosing division, or null for a province.</summary>
    public DivisionCode? Parent => Level switch
    {
        DivisionLevel.Province => null,
        DivisionLevel.City => new DivisionCode(Value[..2]),
        DivisionLevel.County => new DivisionCode(Value[..4]),
        DivisionLevel.Town => new DivisionCode(Value[..6]),
        _ => new DivisionCode(Value[..9]),
    };

    /// <summary>True when this division is <paramref name="area"/> itself or lies inside it.</summary>
    public bool IsWithin(DivisionCode area) => Value.StartsWith(area.Value, StringComparison.Ordinal);

    public static DivisionCode Parse(string text) =>
        TryParse(text, out var code, out var error) ? code : throw new FormatException(error);

    public static bool TryParse(string? text, out DivisionCode code, [NotNullWhen(false)] out string? error)
    {
        code = default;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            error = "区划代码不能为空 (division code is empty)";
            return false;
        }
        if (!trimmed.All(char.IsAsciiDigit))
        {
            error = $"区划代码只能包含数字：{trimmed} (division code must be digits)";
            return false;
        }
        if (LevelOfLength(trimmed.Length) is null)
        {
            error = $"区划代码长度应为 2、4、6、9 或 12 位：{trimmed} (division code must have 2, 4, 6, 9 or 12 digits)";
            return false;
        }
        if (trimmed[..2] == "00")
        {
            error = $"区划代码的省级部分无效：{trimmed} (no province has code 00)";
            return false;
        }
        code = new DivisionCode(trimmed);
        error = null;
        return true;
    }

    private static DivisionLevel? LevelOfLength(int length) => length switch
    {
        2 => DivisionLevel.Province,
        4 => DivisionLevel.City,
        6 => DivisionLevel.County,
        9 => DivisionLevel.Town,
        12 => DivisionLevel.Village,
        _ => null,
    };

    public int CompareTo(DivisionCode other) => string.CompareOrdinal(Value, other.Value);

    public override string ToString() => _value ?? string.Empty;
}
