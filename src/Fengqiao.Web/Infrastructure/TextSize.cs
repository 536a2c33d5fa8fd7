namespace Fengqiao.Web.Infrastructure;

/// <summary>
/// The portal's text size (适老化): normal, or large (1.25×) for older residents, chosen with one link and kept in a
/// cookie so the plain server-rendered pages need no script.
/// </summary>
public static class TextSize
{
    public const string CookieName = "fq-text-size";
    public const string Large = "large";
    public const string Normal = "normal";

    public static bool IsLarge(HttpContext? context) =>
        context?.Request.Cookies[CookieName] == Large;
}
