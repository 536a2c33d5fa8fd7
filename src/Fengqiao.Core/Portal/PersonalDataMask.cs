using System.Text.RegularExpressions;

namespace Fengqiao.Core.Portal;

/// <summary>
/// Masks personal data on public pages and public APIs (脱敏): enough to recognise one's own case, too little to learn
/// someone else's name, mobile number or ID number.
/// </summary>
public static partial class PersonalDataMask
{
    /// <summary>马建国 → 马*国, 李娜 → 李*, a single character stays as it is hidden entirely.</summary>
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

    /// <summary>13900006666 → 139****6666; anything shorter than 7 characters is hidden entirely.</summary>
    public static string Phone(string? phone)
    {
        var trimmed = (phone ?? "").Trim();
        return trimmed.Length < 7 ? new string('*', trimmed.Length) : string.Concat(trimmed.AsSpan(0, 3), new string('*', trimmed.Length - 7), trimmed.AsSpan(trimmed.Length - 4));
    }

    /// <summary>Free text with every mainland mobile number and ID number inside it masked.</summary>
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
