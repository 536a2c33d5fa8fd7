using System.Globalization;

namespace Fengqiao.Web.Infrastructure;

/// <summary>
/// Domain messages are written "中文 (English)" so that Core needs no resource files; the web shows the half
/// that matches the request's language.
/// </summary>
public static class BilingualText
{
    public static string Pick(string message)
    {
        var open = message.LastIndexOf(" (", StringComparison.Ordinal);
        if (open <= 0 || !message.EndsWith(')'))
        {
            return message;
        }
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        return english ? message[(open + 2)..^1] : message[..open];
    }
}
