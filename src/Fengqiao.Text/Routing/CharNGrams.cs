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
    private static char Fold(char c) => c is >= '0' and <= '9' ? '0' : c;

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
