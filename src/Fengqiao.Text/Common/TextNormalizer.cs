using System.Text;

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

        var sb = new StringBuilder(text.Length);
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

            if (char.IsWhiteSpace(ch) || char.IsControl(ch))
            {
                continue;
            }

            sb.Append(char.ToLowerInvariant(ch));
        }

        return sb.ToString();
    }
}
