namespace Fengqiao.Text.Routing;

/// <summary>
/// Character n-grams (1..3) packed losslessly into a 64-bit key: three UTF-16 units take 48 bits, the n-gram length
/// and the feature space (title or body) the rest. Exact keys avoid hash collisions and per-n-gram strings.
/// </summary>
internal static class CharNGrams
{
    public const int TitleSpace = 1;
    public const int BodySpace = 2;

    /// <summary>Digits carry house numbers and dates, not the matter; folding them to one symbol lets "3栋" match "5栋".</summary>
    internal static char Fold(char c) => c is >= '0' and <= '9' ? '0' : c;

    public static void Count(ReadOnlySpan<char> text, int space, int maxN, Dictionary<ulong, int> counts)
    {
        ulong tag = (ulong)space << 56;
        for (int i = 0; i < text.Length; i++)
        {
            ulong key = 0;
            for (int n = 1; n <= maxN && i + n <= text.Length; n++)
            {
                key |= (ulong)Fold(text[i + n - 1]) << (16 * (n - 1));
                ulong k = key | ((ulong)n << 48) | tag;
                counts[k] = counts.TryGetValue(k, out int c) ? c + 1 : 1;
            }
        }
    }
}

/// <summary>
/// The default hash of a ulong XORs its halves, which for packed n-grams (c0 | c1 ≪ 16 | c2 ≪ 32 …) collides
/// massively (c0 ^ c2); a SplitMix finaliser spreads the keys.
/// </summary>
internal sealed class NGramKeyComparer : IEqualityComparer<ulong>
{
    public static NGramKeyComparer Instance { get; } = new();

    public bool Equals(ulong x, ulong y) => x == y;

    public int GetHashCode(ulong obj)
    {
        ulong z = obj * 0x9E3779B97F4A7C15UL;
        z ^= z >> 29;
        z *= 0xbf58476d1ce4e5b9UL;
        return (int)(z ^ (z >> 32));
    }
}
