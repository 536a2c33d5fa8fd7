using System.Security.Cryptography;
using System.Text;

namespace Fengqiao.Core.Open311;

/// <summary>
/// An Open311 client's api_key. Only its SHA-256 is stored: a leaked database does not leak working keys, and a key
/// is shown once, when an administrator issues it. 32 random bytes make guessing pointless, so no salt is needed.
/// </summary>
public static class Open311ApiKey
{
    public const string Prefix = "fq311_";

    public static string NewKey() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.Trim())));

    /// <summary>Cheap shape test before any database lookup, so junk keys never reach the database.</summary>
    public static bool LooksValid(string? key) =>
        key is { Length: > 0 and <= 128 } && key.Trim().StartsWith(Prefix, StringComparison.Ordinal) && key.Trim().Length == Prefix.Length + 64;
}
