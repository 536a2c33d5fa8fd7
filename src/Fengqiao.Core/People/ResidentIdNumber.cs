using System.Diagnostics.CodeAnalysis;
using NodaTime;

namespace Fengqiao.Core.People;

/// <summary>
/// An 18-character resident identity number (公民身份号码, GB 11643-1999): 6-digit region, 8-digit birth
/// date, 3-digit sequence (odd for men), and an ISO 7064 MOD 11-2 check character.
/// </summary>
public readonly record struct ResidentIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    private readonly string? _value;

    private ResidentIdNumber(string value) => _value = value;

    public string Value => _value ?? throw new InvalidOperationException("An empty ResidentIdNumber was used.");

    public string RegionCode => Value[..6];

    public LocalDate BirthDate => new(int.Parse(Value[6..10]), int.Parse(Value[10..12]), int.Parse(Value[12..14]));

    /// <summary>Shown on screens and in exports to roles that may not see the whole number: 370505********123X.</summary>
    public string Masked => string.Concat(Value.AsSpan(0, 6), new string('*', 8), Value.AsSpan(14));

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }
        return CheckCharacters[sum % 11];
    }

    /// <summary>Builds a valid number, for demo data and tests.</summary>
    public static ResidentIdNumber Create(string regionCode, LocalDate birthDate, int sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(regionCode.Length, 6);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, 999);
        var first17 = $"{regionCode}{birthDate.Year:D4}{birthDate.Month:D2}{birthDate.Day:D2}{sequence:D3}";
        return new ResidentIdNumber(first17 + CheckCharacter(first17));
    }

    public static bool TryParse(string? text, LocalDate today, out ResidentIdNumber id, [NotNullWhen(false)] out string? error)
    {
        id = default;
        var s = text?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(s))
        {
            error = "身份证号不能为空 (ID number is empty)";
            return false;
        }
        if (s.Length != 18 || !s.AsSpan(0, 17).ContainsAnyExcept("0123456789") is false || !(char.IsAsciiDigit(s[17]) || s[17] == 'X'))
        {
            error = "身份证号应为 18 位：17 位数字加 1 位数字或 X (ID number must be 17 digits and a digit or X)";
            return false;
        }
        if (!TryBirthDate(s, out var birth) || birth > today || birth.Year < 1900)
        {
            error = "身份证号中的出生日期无效 (the birth date in the ID number is not a valid date)";
            return false;
        }
        if (CheckCharacter(s.AsSpan(0, 17)) != s[17])
        {
            error = "身份证号校验位不正确 (the ID number's check character is wrong)";
            return false;
        }
        id = new ResidentIdNumber(s);
        error = null;
        return true;
    }

    private static bool TryBirthDate(string s, out LocalDate date)
    {
        date = default;
        var year = int.Parse(s.AsSpan(6, 4));
        var month = int.Parse(s.AsSpan(10, 2));
        var day = int.Parse(s.AsSpan(12, 2));
        if (month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
        {
            return false;
        }
        date = new LocalDate(year, month, day);
        return true;
    }

    public override string ToString() => _value ?? string.Empty;
}
