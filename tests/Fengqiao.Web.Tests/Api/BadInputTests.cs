using Fengqiao.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Web.Tests.Api;

public sealed class BadInputTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    [Theory]
    [InlineData("37050x", 400)]
    [InlineData("3705051", 400)]
    [InlineData("370599", 404)]
    public async Task Wrong_division_codes_get_a_problem_with_a_reason(string code, int status)
    {
        var client = await factory.SignedInAsync("clerk");
        var response = await client.GetAsync($"/api/divisions/{code}", TestContext.Current.CancellationToken);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task Problems_speak_the_callers_language()
    {
        var client = await factory.SignedInAsync("clerk");
        var zh = await (await client.GetAsync("/api/divisions/37050x?culture=zh-CN", TestContext.Current.CancellationToken)).Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var en = await (await client.GetAsync("/api/divisions/37050x?culture=en", TestContext.Current.CancellationToken)).Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("区划代码无效", zh.GetProperty("title").GetString());
        Assert.Equal("invalid division code", en.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_division_lists_its_towns_with_its_ancestors()
    {
        var client = await factory.SignedInAsync("clerk");
        var kenli = await client.GetFromJsonAsync<JsonElement>("/api/divisions/370505", TestContext.Current.CancellationToken);
        Assert.Equal("垦利区", kenli.GetProperty("division").GetProperty("name").GetString());
        Assert.Equal(11, kenli.GetProperty("children").GetArrayLength());
        Assert.Equal(["37", "3705"], kenli.GetProperty("path").EnumerateArray().Select(p => p.GetProperty("code").GetString()!).ToArray());
    }

    [Fact]
    public async Task Account_creation_errors_are_per_field_and_change_nothing()
    {
        var admin = await factory.SignedInAsync("admin");
        await using var db = factory.Database.Context();
        var ct = TestContext.Current.CancellationToken;
        var before = await db.Users.CountAsync(ct);
        var bureau = await db.Units.SingleAsync(u => u.Name == "垦利区信访局", ct);

        var duplicate = await admin.PostAsJsonAsync("/api/accounts", new { userName = "clerk", displayName = "重名", password = "Another2026", unitId = bureau.Id, roles = new[] { "Clerk" } }, ct);
        var noUnit = await admin.PostAsJsonAsync("/api/accounts", new { userName = "floating", displayName = "无单位", password = "Another2026", roles = new[] { "Handler" } }, ct);
        var unknownRole = await admin.PostAsJsonAsync("/api/accounts", new { userName = "mystery", displayName = "x", password = "Another2026", unitId = bureau.Id, roles = new[] { "Emperor" } }, ct);
        var notJson = await admin.PostAsync("/api/accounts", new StringContent("{not json", Encoding.UTF8, "application/json"), ct);

        foreach (var (response, field) in new[] { (duplicate, "UserName"), (noUnit, "Roles"), (unknownRole, "Roles") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"expected an error on {field}");
            Assert.NotEmpty(messages.EnumerateArray());
        }
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(before, await db.Users.CountAsync(ct));

        var created = await admin.PostAsJsonAsync("/api/accounts", new { userName = "new.clerk", displayName = "新接访员", password = "NewClerk2026", unitId = bureau.Id, roles = new[] { "Clerk" } }, ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(before + 1, await db.Users.CountAsync(ct));
        await factory.SignedInAsync("new.clerk", "NewClerk2026");
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_repeated_failures_lock_the_account()
    {
        var client = factory.Anonymous();
        var once = await FormSignIn.SignInAsync(client, "judicial", "wrong-password");
        Assert.Contains("error=failed", once.Headers.Location!.OriginalString, StringComparison.Ordinal);
        HttpResponseMessage last = once;
        for (var i = 0; i < 5; i++)
        {
            last = await FormSignIn.SignInAsync(client, "judicial", "wrong-password");
        }
        Assert.Contains("error=locked", last.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var correct = await FormSignIn.SignInAsync(client, "judicial", "Fengqiao@2026");
        Assert.Contains("error=locked", correct.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_refuses_to_redirect_off_site()
    {
        var client = factory.Anonymous();
        var page = await client.GetStringAsync("/account/login", TestContext.Current.CancellationToken);
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "clerk", ["password"] = "Fengqiao@2026", ["returnUrl"] = "//evil.example/phish", ["__RequestVerificationToken"] = token,
        }), TestContext.Current.CancellationToken);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Sign_in_without_the_antiforgery_token_is_refused()
    {
        var client = factory.Anonymous();
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "clerk", ["password"] = "Fengqiao@2026" }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_unsupported_language_is_refused()
    {
        var response = await factory.Anonymous().GetAsync("/culture/fr?returnUrl=/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
