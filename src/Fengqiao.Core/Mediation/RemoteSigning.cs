using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NodaTime;

namespace Fengqiao.Core.Mediation;

/// <summary>An online session (远程调解) the mediator scheduled: when, and which parties were invited by SMS.</summary>
public sealed record RemoteSession(int Number, Instant StartsAt, System.Collections.Immutable.ImmutableArray<string> Invited, Instant ScheduledAt, string By);

/// <summary>
/// One signature under the written agreement: who (a party by name, or the mediator), when, and the SHA-256 of the exact
/// text they saw and confirmed, so a signature can never be carried over to a different text.
/// </summary>
public sealed record AgreementSignature(string Signer, bool IsMediator, Instant At, string TextSha256);

/// <summary>What a one-time SMS code is for: opening the session page, or signing the agreement.</summary>
public enum CodePurpose
{
    Join = 1,
    Sign = 2,
}

/// <summary>A one-time SMS code as stored: only its hash, when it runs out, how often it was tried, whether it was used.</summary>
public sealed record OneTimeCode(string Hash, Instant IssuedAt, Instant ExpiresAt, int Attempts, Instant? UsedAt);

/// <summary>What checking a typed code found.</summary>
public enum CodeOutcome
{
    Accepted = 1,
    Wrong = 2,     // 验证码错误
    Expired = 3,   // 验证码已过期
    Exhausted = 4, // 错误次数过多，须重新获取
    Used = 5,      // 验证码已使用
}

/// <summary>
/// The rules of the SMS codes a party uses without an account (远程调解 短信验证码): six digits, valid ten minutes, five
/// tries, one use, a new one at most once a minute. Only a salted SHA-256 is kept; the salt ties a code to one invitation
/// and one purpose, so a join code cannot sign.
/// </summary>
public static class OneTimeCodes
{
    public const int Length = 6;

    public const int MaxAttempts = 5;

    public static readonly Duration Validity = Duration.FromMinutes(10);

    public static readonly Duration ResendAfter = Duration.FromSeconds(60);

    public static string Hash(string code, Guid invitation, CodePurpose purpose) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{invitation:N}|{(int)purpose}|{code}"))));

    public static OneTimeCode Issue(string code, Guid invitation, CodePurpose purpose, Instant at)
    {
        if (!IsWellFormed(code))
        {
            throw new ArgumentException("A code is six digits", nameof(code));
        }
        return new OneTimeCode(Hash(code, invitation, purpose), at, at + Validity, 0, null);
    }

    /// <summary>Whether a new code may be sent at <paramref name="at"/> after the last one (null: none yet).</summary>
    public static bool MaySend(OneTimeCode? last, Instant at) => last is null || at >= last.IssuedAt + ResendAfter;

    public static bool IsWellFormed(string? code) => code is { Length: Length } && code.All(char.IsAsciiDigit);

    /// <summary>
    /// Checks a typed code. A used, expired or exhausted code is refused whatever was typed and counts nothing; a wrong
    /// one counts a try; the right one is used up.
    /// </summary>
    public static (CodeOutcome Outcome, OneTimeCode After) Check(OneTimeCode code, string? typed, Guid invitation, CodePurpose purpose, Instant at)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.UsedAt is not null)
        {
            return (CodeOutcome.Used, code);
        }
        if (at >= code.ExpiresAt)
        {
            return (CodeOutcome.Expired, code);
        }
        if (code.Attempts >= MaxAttempts)
        {
            return (CodeOutcome.Exhausted, code);
        }
        var typedHash = Hash((typed ?? "").Trim(), invitation, purpose);
        var right = IsWellFormed(typed?.Trim()) && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(typedHash), Encoding.ASCII.GetBytes(code.Hash));
        return right
            ? (CodeOutcome.Accepted, code with { UsedAt = at })
            : (code.Attempts + 1 >= MaxAttempts ? CodeOutcome.Exhausted : CodeOutcome.Wrong, code with { Attempts = code.Attempts + 1 });
    }

    /// <summary>The party's message for an outcome, "中文 (English)".</summary>
    public static string Message(CodeOutcome outcome) => outcome switch
    {
        CodeOutcome.Accepted => "验证通过 (code accepted)",
        CodeOutcome.Wrong => "验证码不正确，请重新输入 (the code is wrong; type it again)",
        CodeOutcome.Expired => "验证码已过期，请重新获取 (the code has expired; ask for a new one)",
        CodeOutcome.Exhausted => "验证码错误次数过多，请重新获取 (too many wrong tries; ask for a new code)",
        CodeOutcome.Used => "验证码已使用，请重新获取 (the code was already used; ask for a new one)",
        _ => outcome.ToString(),
    };
}

/// <summary>The exact text of a written agreement as the parties read and sign it, and its SHA-256.</summary>
public static class AgreementText
{
    public static string Of(AgreementTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var text = new StringBuilder();
        text.Append("人民调解协议书\n");
        text.Append("当事人：").Append(string.Join("、", terms.Parties)).Append('\n');
        text.Append("纠纷的主要事实：").Append(terms.Facts).Append('\n');
        text.Append("争议事项：").Append(terms.MattersInDispute).Append('\n');
        text.Append("各方当事人的责任：").Append(terms.Responsibility).Append('\n');
        text.Append("协议内容：").Append(terms.AgreedTerms).Append('\n');
        text.Append("履行方式：").Append(terms.PerformanceManner).Append('\n');
        text.Append("履行期限：").Append(terms.PerformanceDeadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\n');
        return text.ToString();
    }

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text ?? "")));
}
