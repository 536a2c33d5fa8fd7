using System.Net;
using System.Text.RegularExpressions;
using Fengqiao.Data.Seeding;
using Fengqiao.Web.Tests.Infrastructure;

namespace Fengqiao.Web.Tests.Scope;

/// <summary>
/// Every demo account walks its own menu as the server first renders it: each menu entry opens, and so does the first
/// record each page links to (a case, whistle, letter, application …). None shows "未找到" or "not in your scope":
/// a page offers only what its viewer may open.
/// </summary>
public sealed partial class RoleWalkTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    public static TheoryData<string> Accounts => [.. DemoAccounts.All.Select(a => a.UserName)];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // What a page shows when a record is missing or outside the viewer's scope (Common.NotFound, Aid.Missing, …).
    private static readonly string[] Refusals = ["未找到", "不在您的可见范围内"];

    [Theory]
    [MemberData(nameof(Accounts))]
    public async Task Every_menu_entry_and_the_first_records_it_lists_open(string userName)
    {
        var client = await factory.SignedInAsync(userName);
        var home = await client.GetStringAsync("/", Ct);
        var menu = NavLink().Matches(home).Select(m => WebUtility.HtmlDecode(m.Groups["href"].Value)).Where(h => h.StartsWith('/')).Distinct().ToList();
        Assert.NotEmpty(menu);
        var problems = new List<string>();
        var opened = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in menu)
        {
            var html = await OpenAsync(client, entry, problems);
            opened.Add(entry);
            if (html is null)
            {
                continue;
            }
            // The first few records the page links to under its own path (its list rows), each opened once.
            var records = RecordLink().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups["href"].Value))
                .Where(h => entry != "/" && h.StartsWith(entry + "/", StringComparison.Ordinal) && opened.Add(h)).Take(3);
            foreach (var record in records)
            {
                await OpenAsync(client, record, problems);
            }
        }
        // The walk reached records, not only menu pages, for every account with more than a home and one list (the
        // resident and the service providers have nothing listed in the demo until they submit or are ordered).
        Assert.True(menu.Count <= 2 || opened.Count > menu.Count, $"{userName}: no page of the menu linked to a record ({string.Join(", ", menu)})");
        Assert.True(problems.Count == 0, $"{userName} walked {opened.Count} pages; {problems.Count} refused:\n" + string.Join("\n", problems));
    }

    private static async Task<string?> OpenAsync(HttpClient client, string path, List<string> problems)
    {
        using var response = await client.GetAsync(path, Ct);
        // A menu entry may forward (the API reference to its page); to the sign-in or denied page is a refusal.
        if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.MovedPermanently && response.Headers.Location is { } to
            && !to.OriginalString.Contains("/account/", StringComparison.Ordinal))
        {
            return await OpenAsync(client, new Uri(new Uri("http://localhost" + path), to).PathAndQuery, problems);
        }
        if (response.StatusCode != HttpStatusCode.OK)
        {
            problems.Add($"{path}: {(int)response.StatusCode}");
            return null;
        }
        var html = await response.Content.ReadAsStringAsync(Ct);
        foreach (var refusal in Refusals.Where(r => html.Contains(r, StringComparison.Ordinal)))
        {
            problems.Add($"{path}: shows \"{refusal}\"");
        }
        return html;
    }

    [GeneratedRegex("""<a[^>]*class="[^"]*mud-nav-link[^"]*"[^>]*href="(?<href>[^"#?]+)"|<a[^>]*href="(?<href>[^"#?]+)"[^>]*class="[^"]*mud-nav-link""")]
    private static partial Regex NavLink();

    // A link to one record: its last segment holds a digit (a GUID, a tracking code such as KL-2026-000123, a code).
    [GeneratedRegex("""href="(?<href>/[a-z\-/]+/[^"/#?]*\d[^"/#?]*)"[^>]*""")]
    private static partial Regex RecordLink();
}
