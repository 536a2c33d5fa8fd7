using Fengqiao.Testing;
using System.Net;
using System.Text.Json;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Web.Tests.Pages;

public sealed partial class PublicQueryTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private async Task<(string Code, string Key)> RepliedCaseAsync()
    {
        var clerk = await factory.SignedInAsync("clerk");
        var created = await (await clerk.PostAsJsonAsync("/api/cases", new
        {
            kind = "Petition", channel = "OnlinePetition", title = "村道破损无人维修", divisionCode = "370505001001",
            parties = new[] { new { name = "李桂兰", phone = "13900006666", isRepresentative = false } },
        }, TestContext.Current.CancellationToken)).Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var code = created.GetProperty("trackingCode").GetString()!;
        await using var db = factory.Database.Context();
        var transport = await db.Units.SingleAsync(u => u.Name == "垦利区住房和城乡建设局", TestContext.Current.CancellationToken);
        object[] steps =
        [
            new { action = "Accept", expectedVersion = 1 },
            new { action = "Assign", expectedVersion = 2, unitId = transport.Id },
            new { action = "StartHandling", expectedVersion = 3 },
            new { action = "SubmitReply", expectedVersion = 4, text = "已列入本年度农村公路养护计划，月底前完成修补。" },
        ];
        foreach (var step in steps)
        {
            var response = await clerk.PostAsJsonAsync($"/api/cases/{code}/actions", step, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var chief = await factory.SignedInAsync("housing.chief");
        Assert.Equal(HttpStatusCode.OK, (await chief.PostAsJsonAsync($"/api/cases/{code}/actions", new { action = "Reply", expectedVersion = 5 }, TestContext.Current.CancellationToken)).StatusCode);
        return (code, created.GetProperty("queryCode").GetString()!);
    }

    [Fact]
    public async Task The_resident_reads_the_reply_and_rates_it_without_signing_in_and_only_once()
    {
        var (code, key) = await RepliedCaseAsync();
        var resident = factory.Anonymous();

        var page = await resident.GetStringAsync($"/query?code={code}&key={key}", TestContext.Current.CancellationToken);
        Assert.Contains("已列入本年度农村公路养护计划", page, StringComparison.Ordinal);
        Assert.Contains("已答复", page, StringComparison.Ordinal);
        Assert.DoesNotContain("clerk", page, StringComparison.Ordinal);
        Assert.DoesNotContain("housing.chief", page, StringComparison.Ordinal);
        var token = FormSignIn.AntiforgeryToken(page);

        var rate = await resident.PostAsync("/query/rate", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["code"] = code, ["key"] = key, ["version"] = "6", ["rating"] = "Satisfied", ["__RequestVerificationToken"] = token,
        }), TestContext.Current.CancellationToken);
        Assert.Contains("rated=1", rate.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var again = await resident.PostAsync("/query/rate", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["code"] = code, ["key"] = key, ["version"] = "6", ["rating"] = "Unsatisfied", ["__RequestVerificationToken"] = token,
        }), TestContext.Current.CancellationToken);
        Assert.DoesNotContain("rated=1", again.Headers.Location!.OriginalString, StringComparison.Ordinal);

        await using var db = factory.Database.Context();
        var record = await db.Cases.SingleAsync(c => c.TrackingCode == code, TestContext.Current.CancellationToken);
        Assert.Equal(Core.Cases.CaseRating.Satisfied, record.Rating);
        Assert.Equal(Core.Cases.CaseState.Rated, record.State);
    }

    [Fact]
    public async Task A_chosen_rating_is_shown_and_only_the_confirmation_makes_it_final()
    {
        var ct = TestContext.Current.CancellationToken;
        var (code, key) = await RepliedCaseAsync();
        var resident = factory.Anonymous();
        var page = await resident.GetStringAsync($"/query?code={code}&key={key}", ct);

        // First step: the buttons only choose (a GET with the rating and nothing else).
        var form = System.Text.RegularExpressions.Regex.Match(page, "<form method=\"get\" action=\"/query\"[^>]*data-testid=\"rate-form\"");
        Assert.True(form.Success, "the rating is not chosen by a plain form");
        var chosen = await resident.GetStringAsync("/query?rating=BasicallySatisfied", ct);
        Assert.Contains("您选择的评价：基本满意", chosen, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"rate-confirm\"", chosen, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"rate-change\"", chosen, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"rate-form\"", chosen, StringComparison.Ordinal);
        await using (var db = factory.Database.Context())
        {
            Assert.Null((await db.Cases.SingleAsync(c => c.TrackingCode == code, ct)).Rating);
        }

        // A made-up value is no choice: the three buttons come back.
        Assert.Contains("data-testid=\"rate-form\"", await resident.GetStringAsync("/query?rating=1", ct), StringComparison.Ordinal);

        // Second step: the confirmation posts what was shown.
        var confirmForm = System.Text.RegularExpressions.Regex.Match(chosen, "name=\"rating\" value=\"([A-Za-z]+)\"");
        Assert.Equal("BasicallySatisfied", confirmForm.Groups[1].Value);
        var rate = await resident.PostAsync("/query/rate", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["code"] = code, ["key"] = key, ["version"] = "6", ["rating"] = confirmForm.Groups[1].Value, ["__RequestVerificationToken"] = FormSignIn.AntiforgeryToken(chosen),
        }), ct);
        Assert.Contains("rated=1", rate.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await using (var db = factory.Database.Context())
        {
            Assert.Equal(Core.Cases.CaseRating.BasicallySatisfied, (await db.Cases.SingleAsync(c => c.TrackingCode == code, ct)).Rating);
        }
    }

    [Fact]
    public async Task A_wrong_query_code_reveals_nothing_and_cannot_rate()
    {
        var (code, key) = await RepliedCaseAsync();
        var stranger = factory.Anonymous();
        var wrong = key == "AAAAAAAA" ? "BBBBBBBB" : "AAAAAAAA";

        var notFound = await stranger.GetAsync($"/query?code={code}&key={wrong}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        var page = await notFound.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("编号或查询码不正确", page, StringComparison.Ordinal);
        Assert.DoesNotContain("村道破损", page, StringComparison.Ordinal);

        // A valid form token (from a page that has the form): only the wrong query code should stop the rating.
        var token = FormSignIn.AntiforgeryToken(await stranger.GetStringAsync($"/query?code={code}&key={key}", TestContext.Current.CancellationToken));
        Assert.NotEmpty(token);
        var response = await stranger.PostAsync("/query/rate", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["code"] = code, ["key"] = wrong, ["version"] = "6", ["rating"] = "Unsatisfied", ["__RequestVerificationToken"] = token,
        }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("编号或查询码不正确", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        await using var db = factory.Database.Context();
        Assert.Null((await db.Cases.SingleAsync(c => c.TrackingCode == code, TestContext.Current.CancellationToken)).Rating);
    }

    [Fact]
    public async Task The_codes_are_posted_and_kept_out_of_every_address()
    {
        var (code, key) = await RepliedCaseAsync();
        var resident = factory.Anonymous();
        var ct = TestContext.Current.CancellationToken;
        var form = await resident.GetStringAsync("/query", ct);
        Assert.Contains("method=\"post\"", form, StringComparison.Ordinal);
        var token = FormSignIn.AntiforgeryToken(form);

        var wrong = await resident.PostAsync("/query", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "track", ["code"] = code, ["key"] = key == "AAAAAAAA" ? "BBBBBBBB" : "AAAAAAAA", ["__RequestVerificationToken"] = token,
        }), ct);
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.False(wrong.Headers.Contains("Set-Cookie") && wrong.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("fq-track=", StringComparison.Ordinal)));

        // The refusal page carries the form again, with a fresh token.
        token = FormSignIn.AntiforgeryToken(await wrong.Content.ReadAsStringAsync(ct));
        var posted = await resident.PostAsync("/query", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "track", ["code"] = code, ["key"] = key, ["__RequestVerificationToken"] = token,
        }), ct);
        Assert.True(posted.StatusCode == HttpStatusCode.Redirect, $"{posted.StatusCode}: {await posted.Content.ReadAsStringAsync(ct)}");
        var location = posted.Headers.Location!;
        Assert.Equal("/query", location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString);

        // The page finds the case by the ticket cookie alone.
        var page = await resident.GetStringAsync("/query", ct);
        Assert.Contains("已列入本年度农村公路养护计划", page, StringComparison.Ordinal);
        var rate = await resident.PostAsync("/query/rate", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["code"] = code, ["key"] = key, ["version"] = "6", ["rating"] = "Satisfied", ["__RequestVerificationToken"] = FormSignIn.AntiforgeryToken(page),
        }), ct);
        var back = rate.Headers.Location!.IsAbsoluteUri ? rate.Headers.Location.PathAndQuery : rate.Headers.Location.OriginalString;
        Assert.Equal("/portal/track?rated=1", back);
        Assert.DoesNotContain(key, back, StringComparison.Ordinal);
        Assert.Contains("已评价", await resident.GetStringAsync(back, ct), StringComparison.Ordinal);

        // Another browser without the ticket sees only the empty form.
        var other = await factory.Anonymous().GetStringAsync("/portal/track", ct);
        Assert.DoesNotContain("已列入本年度农村公路养护计划", other, StringComparison.Ordinal);
    }
}
