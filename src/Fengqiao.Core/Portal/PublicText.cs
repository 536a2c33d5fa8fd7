using System.Diagnostics.CodeAnalysis;

namespace Fengqiao.Core.Portal;

/// <summary>
/// What free text from the public (portal forms, Open311) may contain. Pages encode everything they show, so this is
/// not the XSS defence; it refuses input no resident types by hand: markup, control characters, and text that
/// arrived as invalid UTF-8 (the decoder leaves U+FFFD where the bytes were broken).
/// </summary>
public static class PublicText
{
    public static bool TryCheck(string? text, int maxLength, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }
        if (text.Length > maxLength)
        {
            error = $"内容不超过 {maxLength} 字 (at most {maxLength} characters)";
            return false;
        }
        if (text.Contains('\uFFFD', StringComparison.Ordinal))
        {
            error = "内容不是有效的 UTF-8 文本 (the text is not valid UTF-8)";
            return false;
        }
        if (text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            error = "内容含有控制字符 (the text contains control characters)";
            return false;
        }
        if (LooksLikeMarkup(text))
        {
            error = "内容不能包含 HTML 或脚本标记 (the text may not contain HTML or script markup)";
            return false;
        }
        return true;
    }

    /// <summary>A tag opener: '&lt;' followed by a letter, '/', '!' or '?'. "a &lt; b" and "&lt;5 人" stay allowed.</summary>
    public static bool LooksLikeMarkup(string text)
    {
        for (var i = text.IndexOf('<', StringComparison.Ordinal); i >= 0 && i < text.Length - 1; i = text.IndexOf('<', i + 1))
        {
            var next = text[i + 1];
            if (char.IsAsciiLetter(next) || next is '/' or '!' or '?')
            {
                return true;
            }
        }
        return text.Contains("javascript:", StringComparison.OrdinalIgnoreCase);
    }
}
