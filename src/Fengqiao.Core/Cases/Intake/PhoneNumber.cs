using System.Diagnostics.CodeAnalysis;

namespace Fengqiao.Core.Cases.Intake;

/// <summary>A mainland phone number: an 11-digit mobile (1[3-9]…) or a landline with its area code (0xx-xxxxxxxx).</summary>
public readonly record struct PhoneNumber
{
    private readonly string? _value;

    private PhoneNumber(string value) => _value = value;

    public string Value => _value ?? throw new InvalidOperationException("An empty PhoneNumber was used.");

    /// <summary>Shown to roles that may not see the whole number: 138****5678.</summary>
    public string Masked
    {
        get
        {
            if (!Value.StartsWith('0'))
            {
                return string.Concat(Value.AsSpan(0, 3), "****", Value.AsSpan(7));
            }
            // Landline: keep the area code and the last four digits.
            var dash = Value.IndexOf('-', StringComparison.Ordinal);
            var areaLength = dash > 0 ? dash + 1 : 4;
            return string.Concat(Value.AsSpan(0, areaLength), new string('*', Value.Length - areaLength - 4), Value.AsSpan(Value.Length - 4));
        }
    }

    public static bool TryParse(string? text, out PhoneNumber phone, [NotNullWhen(false)] out string? error)
    {
        phone = default;
        var s = new string((text ?? string.Empty).Where(c => c is not (' ' or '(' or ')')).ToArray());
        if (s.StartsWith("+86", StringComparison.Ordinal))
        {
            s = s[3..];
        }
        var mobile = s.Length == 11 && s[0] == '1' && s[1] is >= '3' and <= '9' && s.All(char.IsAsciiDigit);
        var digits = s.Replace("-", string.Empty, StringComparison.Ordinal);
        var landline = s.StartsWith('0') && digits.All(char.IsAsciiDigit) && digits.Length is >= 10 and <= 12 && s.Count(c => c == '-') <= 1;
        if (!mobile && !landline)
        {
            error = $"电话号码格式不正确：{text} (phone must be an 11-digit mobile or a landline with area code)";
            return false;
        }
        phone = new PhoneNumber(s);
        error = null;
        return true;
    }

    public override string ToString() => _value ?? string.Empty;
}
