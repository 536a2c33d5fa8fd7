using System.Collections;
using System.Globalization;
using System.Net;
using System.Resources;
using Fengqiao.Web.Resources;
using Fengqiao.Web.Tests.Infrastructure;

namespace Fengqiao.Web.Tests.Pages;

public sealed class ShellTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    [Fact]
    public async Task Health_reports_the_database_healthy()
    {
        var response = await factory.Anonymous().GetAsync("/health", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_OpenAPI_document_and_its_reference_page_are_served()
    {
        var client = factory.Anonymous();
        var document = await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        Assert.Contains("/api/cases", document, StringComparison.Ordinal);
        Assert.Contains("/api/divisions/{code}", document, StringComparison.Ordinal);
        var docs = await factory.CreateClient().GetAsync("/api/docs", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
    }

    [Fact]
    public async Task Chinese_is_the_default_and_English_is_one_switch_away()
    {
        var client = factory.Anonymous();
        var chinese = await client.GetStringAsync("/account/login", TestContext.Current.CancellationToken);
        Assert.Contains("登录", chinese, StringComparison.Ordinal);
        Assert.Contains("lang=\"zh-CN\"", chinese, StringComparison.Ordinal);

        var switched = await client.GetAsync("/culture/en?returnUrl=/account/login", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        var english = await client.GetStringAsync("/account/login", TestContext.Current.CancellationToken);
        Assert.Contains("Sign in", english, StringComparison.Ordinal);
        Assert.Contains("lang=\"en\"", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_render_the_signed_in_users_name_and_module_titles()
    {
        var client = await factory.SignedInAsync("clerk");
        var home = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        Assert.Contains("李娜", home, StringComparison.Ordinal);
        var tidal = await client.GetStringAsync("/modules/tidal", TestContext.Current.CancellationToken);
        Assert.Contains("潮汐勤务", tidal, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_UI_string_exists_in_Chinese_and_in_English()
    {
        var manager = new ResourceManager(typeof(Strings));
        var neutral = manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!;
        var english = manager.GetResourceSet(new CultureInfo("en"), createIfNotExists: true, tryParents: false)!;
        var zhKeys = neutral.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
        var enKeys = english.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);

        Assert.NotEmpty(zhKeys);
        Assert.Equal(zhKeys.Keys.Order(), enKeys.Keys.Order());
        Assert.All(zhKeys, e => Assert.False(string.IsNullOrWhiteSpace(e.Value), e.Key));
        Assert.All(enKeys, e => Assert.False(string.IsNullOrWhiteSpace(e.Value), e.Key));
        Assert.All(enKeys.Where(e => !e.Key.StartsWith("Lang.", StringComparison.Ordinal)), e => Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", e.Value));
    }

    /// <summary>
    /// Every key a page or endpoint asks for by name is in the resources: a missing key renders as the key itself
    /// ("ProviderLinks.None" instead of （不关联）), which the two-language check above cannot see when it is missing in both.
    /// </summary>
    [Fact]
    public void Every_string_key_the_web_code_names_exists()
    {
        var manager = new ResourceManager(typeof(Strings));
        var keys = manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>().Select(e => (string)e.Key).ToHashSet(StringComparer.Ordinal);
        var web = Path.Combine(Fengqiao.Testing.SharedData.RepositoryRoot(), "src", "Fengqiao.Web");
        var named = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), @"\bL\[""([A-Za-z0-9_.]+)""\]")
                .Select(m => (File: Path.GetRelativePath(web, f), Key: m.Groups[1].Value)))
            .ToList();
        Assert.NotEmpty(named);
        var missing = named.Where(n => !keys.Contains(n.Key)).Select(n => $"{n.File}: {n.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, "Keys named in Web but missing from Strings.resx:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Every_enum_shown_on_screen_has_a_label()
    {
        var manager = new ResourceManager(typeof(Strings));
        var set = manager.GetResourceSet(CultureInfo.InvariantCulture, true, false)!;
        var keys = set.Cast<DictionaryEntry>().Select(e => (string)e.Key).ToHashSet();
        var expected = Enum.GetNames<Core.Organisations.StaffRole>().Select(n => "Role." + n)
            .Concat(Enum.GetNames<Core.Organisations.UnitKind>().Select(n => "UnitKind." + n))
            .Concat(Enum.GetNames<Core.Cases.CaseState>().Select(n => "CaseState." + n))
            .Concat(Enum.GetNames<Core.Cases.CaseChannel>().Select(n => "Channel." + n))
            .Concat(Enum.GetNames<Core.Cases.CaseKind>().Select(n => "CaseKind." + n))
            .Concat(Enum.GetNames<Core.Organisations.DivisionLevel>().Select(n => "Level." + n))
            .Concat(Enum.GetNames<Core.Organisations.ScopeKind>().Select(n => "ScopeKind." + n))
            .Concat(Enum.GetNames<Core.Cases.CaseAction>().Select(n => "CaseAction." + n))
            .Concat(Enum.GetNames<Core.Cases.CaseRating>().Select(n => "CaseRating." + n))
            .Concat(Enum.GetNames<Core.Cases.CaseStage>().Select(n => "CaseStage." + n))
            .Concat(Enum.GetNames<Core.Cases.Documents.CaseDocumentKind>().Select(n => "CaseDocumentKind." + n));
        Assert.All(expected, k => Assert.Contains(k, keys));
    }
}
