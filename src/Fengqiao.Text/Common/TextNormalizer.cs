namespace Fengqiao.Text.Common;

/// <summary>
/// Puts message text into one canonical form before any n-gram is taken: the publishers removed whitespace from
/// some texts and not others, and residents mix full-width and half-width forms, so both are folded away.
/// </summary>
public static class TextNormalizer
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        // One pass into a buffer (stack for ordinary messages): this runs for every message routed or indexed.
        char[]? rented = null;
        Span<char> buffer = text.Length <= 2048 ? stackalloc char[text.Length] : (rented = System.Buffers.ArrayPool<char>.Shared.Rent(text.Length));
        int n = 0;
        bool changed = false;
        foreach (char raw in text)
        {
            char ch = raw;
            if (ch == '\u3000')
            {
                continue;
            }

            // Full-width ASCII block (！ to ～) maps onto ASCII by a fixed offset.
            if (ch >= '\uFF01' && ch <= '\uFF5E')
            {
                ch = (char)(ch - 0xFEE0);
            }

            if (ch <= ' ' || (ch > '~' && (char.IsWhiteSpace(ch) || char.IsControl(ch))))
            {
                continue;
            }

            char lower = ch is >= 'A' and <= 'Z' ? (char)(ch + 32) : ch > '~' ? char.ToLowerInvariant(ch) : ch;
            changed |= lower != raw;
            buffer[n++] = lower;
        }

        string result = changed || n != text.Length ? new string(buffer[..n]) : text;
        if (rented is not null)
        {
            System.Buffers.ArrayPool<char>.Shared.Return(rented);
        }

        return result;
    }
}
