using System.Text.RegularExpressions;
using Fengqiao.Testing;

namespace Fengqiao.Web.Tests.Architecture;

/// <summary>
/// Web only translates: pages and endpoints call a module's desk or queries (Data) or Core. They never open a
/// DbContext, never switch query filters off (that is how lists leaked other districts' rows) and never pull
/// services out of a provider. The host (composition root, timers, middleware) builds scopes and so may resolve
/// services, but it too never switches filters off.
/// </summary>
public sealed partial class WebTranslatesOnlyTests
{
    /// <summary>Host code: it creates DI scopes for timers and middleware, which is what a scope factory is for.</summary>
    private static readonly Dictionary<string, string> Host = new()
    {
        ["Program.cs"] = "composition root",
        ["WebHostSetup.cs"] = "composition root",
        ["Jobs/LeasedJobService.cs"] = "timer: a scope and the lease per pass",
        ["Jobs/CalendarRefreshService.cs"] = "timer: a scope per pass",
        ["Text/TextStartup.cs"] = "background start-up: a scope for the index catch-up",
        ["Text/TextRegistration.cs"] = "composition root: the routing model and its start-up",
        ["Auth/CurrentPrincipal.cs"] = "middleware: sets the request's principal",
        ["Auth/UserOperations.cs"] = "the one place a page's unit of work gets its scope",
        ["Auth/FengqiaoClaimsPrincipalFactory.cs"] = "Identity's sign-in hook",
        ["Infrastructure/ProblemDetailsLocalizer.cs"] = "middleware: localises problem titles",
        ["Portal/PublicGuards.cs"] = "endpoint filter: antiforgery for public forms",
        ["Portal/PublicAbuseGuard.cs"] = "middleware: counts public failures",
    };

    [GeneratedRegex(@"\bIgnoreQueryFilters\b")]
    private static partial Regex FiltersOff();

    [GeneratedRegex(@"\b(FengqiaoDbContext|IDbContextFactory|DbContext)\b")]
    private static partial Regex OpensDbContext();

    [GeneratedRegex(@"\b(GetRequiredService|GetService|GetRequiredKeyedService|IServiceProvider|IServiceScopeFactory)\b")]
    private static partial Regex ServiceLocator();

    private static string WebRoot => Path.Combine(SharedData.RepositoryRoot(), "src", "Fengqiao.Web");

    private static IEnumerable<(string Path, string Text)> WebSources() =>
        Directory.EnumerateFiles(WebRoot, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Select(f => (Path: Path.GetRelativePath(WebRoot, f).Replace('\\', '/'), File: f))
            .Where(f => !f.Path.StartsWith("bin/", StringComparison.Ordinal) && !f.Path.StartsWith("obj/", StringComparison.Ordinal))
            .Select(f => (f.Path, Text: WithoutComments(File.ReadAllText(f.File))));

    // A rule named in a comment (this class's own documentation, a why-comment) is not a use.
    private static string WithoutComments(string source) =>
        Regex.Replace(source, @"//[^\n]*|/\*.*?\*/|@\*.*?\*@", "", RegexOptions.Singleline);

    [Fact]
    public void No_web_code_switches_query_filters_off()
    {
        var offenders = WebSources().Where(s => FiltersOff().IsMatch(s.Text)).Select(s => s.Path).ToList();
        Assert.True(offenders.Count == 0, "IgnoreQueryFilters in Web (scope belongs to Data):\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Pages_and_endpoints_neither_open_a_DbContext_nor_locate_services()
    {
        var offenders = WebSources()
            .Where(s => !Host.ContainsKey(s.Path))
            .Where(s => OpensDbContext().IsMatch(s.Text) || ServiceLocator().IsMatch(s.Text))
            .Select(s => s.Path).ToList();
        Assert.True(offenders.Count == 0,
            "Pages and endpoints call their module's desk or queries, injected; these open a DbContext or locate services:\n" + string.Join("\n", offenders));
    }
}
