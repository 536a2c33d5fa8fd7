using System.Diagnostics.CodeAnalysis;

namespace Fengqiao.Core.ServiceMenu;

/// <summary>
/// A unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a 31-character alphabet
/// without I, O, Z, S and V — registration authority (1), organisation type (1), the registering division's
/// GB/T 2260 code (6), the organisation code (9) and a check character. The check character makes the weighted
/// sum of all 18 values (weights 3^i mod 31) a multiple of 31; because 31 is prime and no weight is zero, every
/// single-character change is caught.
/// </summary>
public readonly record struct UnifiedSocialCreditCode
{
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    // The registration authorities of GB 32100-2015 table 1: 1 机构编制, 5 民政, 9 工商 (市场监管), Y 其他 …
    public const string RegistrationAuthorities = "123456789ANY";

    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    private readonly string? _value;

    private UnifiedSocialCreditCode(string value) => _value = value;

    public string Value => _value ?? throw new InvalidOperationException("An empty UnifiedSocialCreditCode was used.");

    public char RegistrationAuthority => Value[0];

    /// <summary>The six-digit division code of the registering authority.</summary>
    public string DivisionCode => Value[2..8];

    /// <summary>Registered with market regulation (9): companies (91), individual businesses (92), farmers' co-operatives (93).</summary>
    public bool IsMarketEntity => Value[0] == '9';

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("需要 17 个字符 (17 characters are needed)", nameof(first17));
        }
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var v = Alphabet.IndexOf(first17[i], StringComparison.Ordinal);
            if (v < 0)
            {
                throw new ArgumentException($"字符 {first17[i]} 不在代码字符集中 (character not allowed)", nameof(first17));
            }
            sum += v * Weights[i];
        }
        return Alphabet[(31 - (sum % 31)) % 31];
    }

    /// <summary>Completes 17 characters with their check character, for demo data and tests.</summary>
    public static UnifiedSocialCreditCode Create(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        var text = first17 + CheckCharacter(first17);
        return TryParse(text, out var code, out var error) ? code : throw new FormatException(error);
    }

    public static UnifiedSocialCreditCode Parse(string text) =>
        TryParse(text, out var code, out var error) ? code : throw new FormatException(error);

    public static bool TryParse(string? text, out UnifiedSocialCreditCode code, [NotNullWhen(false)] out string? error)
    {
        code = default;
        var s = text?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(s))
        {
            error = "统一社会信用代码不能为空 (the unified social credit code is empty)";
            return false;
        }
        if (s.Length != 18)
        {
            error = $"统一社会信用代码应为 18 位，现为 {s.Length} 位 (the code must have 18 characters)";
            return false;
        }
        if (s.AsSpan().IndexOfAnyExcept(Alphabet) >= 0)
        {
            error = "统一社会信用代码含有不允许的字符（不使用 I、O、Z、S、V） (the code has a character outside its alphabet; I, O, Z, S and V are not used)";
            return false;
        }
        if (!RegistrationAuthorities.Contains(s[0], StringComparison.Ordinal))
        {
            error = $"登记管理部门代码 {s[0]} 无效 (registration authority {s[0]} does not exist)";
            return false;
        }
        if (s.AsSpan(2, 6).ContainsAnyExcept("0123456789"))
        {
            error = "第 3–8 位应为行政区划代码 (characters 3–8 must be a division code)";
            return false;
        }
        if (CheckCharacter(s.AsSpan(0, 17)) != s[17])
        {
            error = "统一社会信用代码校验码不正确 (the code's check character is wrong)";
            return false;
        }
        code = new UnifiedSocialCreditCode(s);
        error = null;
        return true;
    }

    public override string ToString() => _value ?? string.Empty;
}
