using System.Text.RegularExpressions;
using Fengqiao.Core.Cases.Intake;
using NodaTime;

namespace Fengqiao.Core.People;

/// <summary>
/// The masked forms shown to everyone who may not see the whole value (脱敏). Stored beside the encrypted value, so
/// lists, ledgers and exports never need to decrypt anything.
/// </summary>
public static partial class PersonalDataMask
{
    /// <summary>110105********1234 for a valid number; anything else keeps nothing but its length class.</summary>
    public static string IdNumber(string value) =>
        ResidentIdNumber.TryParse(value, LocalDate.MaxIsoValue, out var id, out _) ? id.Masked : "******";

    /// <summary>138****5678, or area code and last four digits of a landline.</summary>
    public static string Phone(string value) =>
        PhoneNumber.TryParse(value, out var phone, out _) ? phone.Masked : "****";

    /// <summary>On public pages: 马建国 → 马*国, 李娜 → 李*; a single character is hidden entirely.</summary>
    public static string Name(string? name)
    {
        var trimmed = (name ?? "").Trim();
        return trimmed.Length switch
        {
            0 => "",
            1 => "*",
            2 => trimmed[0] + "*",
            _ => trimmed[0] + new string('*', trimmed.Length - 2) + trimmed[^1],
        };
    }

    /// <summary>Free text (a public description, an address) with every mainland mobile and ID number inside it masked.</summary>
    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var withoutIds = IdNumberPattern().Replace(text, m => string.Concat(m.Value.AsSpan(0, 6), new string('*', 8), m.Value.AsSpan(14)));
        return MobilePattern().Replace(withoutIds, m => Phone(m.Value));
    }

    [GeneratedRegex(@"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9Xx])")]
    private static partial Regex IdNumberPattern();

    [GeneratedRegex(@"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")]
    private static partial Regex MobilePattern();
}
