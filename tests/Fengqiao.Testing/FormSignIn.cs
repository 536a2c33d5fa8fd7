using System.Text.RegularExpressions;

namespace Fengqiao.Testing;

/// <summary>What a browser does with Fengqiao's server-rendered forms: read the antiforgery token, sign in through the form.</summary>
public static partial class FormSignIn
{
    /// <summary>The antiforgery token of the (first) form in a page; empty when the page has none.</summary>
    public static string AntiforgeryToken(string html) => TokenPattern().Match(html).Groups[1].Value;

    /// <summary>Posts the sign-in form as a browser would; the caller's client keeps the cookie.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetStringAsync(new Uri("/account/login", UriKind.Relative));
        return await client.PostAsync(new Uri("/account/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = userName,
            ["password"] = password,
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
