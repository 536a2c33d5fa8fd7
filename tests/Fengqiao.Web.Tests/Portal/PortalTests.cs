using Fengqiao.Testing;
using System.Net;
using System.Text.RegularExpressions;
using Fengqiao.Core.Cases;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Web.Tests.Portal;

public sealed partial class PortalTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_resident_submits_with_a_photo_and_gets_codes_that_track_the_case()
    {
        var resident = factory.Anonymous();
        var token = await PortalForms.TokenAsync(resident);
        var response = await resident.PostAsync("/portal/submit", PortalForms.Submission(token, PortalForms.ValidFields(), ("lamp.png", PortalForms.Png)), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = PathOf(response);
        // The codes travel in the ticket cookie: the address holds neither.
        Assert.Equal("/portal/track?new=1", location);

        var page = await resident.GetStringAsync(location, Ct);
        var code = ReceivedCode().Match(page).Groups[1].Value;
        Assert.NotEmpty(code);
        Assert.Contains("马*国 · 139****5678", page, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", page, StringComparison.Ordinal);
        Assert.DoesNotContain("马建国", page, StringComparison.Ordinal);
        // The public pages carry no staff framework: plain HTML and one stylesheet.
        Assert.DoesNotContain("MudBlazor", page, StringComparison.Ordinal);
        Assert.DoesNotContain("blazor.web.js", page, StringComparison.Ordinal);

        await using var db = factory.Database.Context();
        var stored = await db.Cases.IgnoreQueryFilters().SingleAsync(c => c.TrackingCode == code, Ct);
        Assert.Equal(CaseChannel.OnlinePetition, stored.Channel);
        Assert.Equal(CaseState.Registered, stored.State);
        Assert.Equal("0102", stored.CategoryCode);
        Assert.Equal("370505001", stored.DivisionCode);
        Assert.Equal((await db.Units.SingleAsync(u => u.Name == "垦利区信访局", Ct)).Id, stored.RegisteringUnitId);
        Assert.NotNull(stored.DueAt);
        var photo = await db.CaseAttachments.IgnoreQueryFilters().SingleAsync(a => a.CaseId == stored.Id, Ct);
        Assert.Equal("image/png", photo.ContentType);
        // Registration and the photo are both links of the case's hash chain.
        Assert.Equal(2, await db.CaseEvents.IgnoreQueryFilters().CountAsync(e => e.CaseId == stored.Id, Ct));
    }

    [Theory]
    [InlineData("/portal", 6_000)]
    [InlineData("/portal/submit", 40_000)]
    [InlineData("/portal/track", 6_000)]
    public async Task Public_pages_are_small_and_carry_no_script(string path, int maxBytes)
    {
        var response = await factory.Anonymous().GetAsync(path, Ct);
        var bytes = (await response.Content.ReadAsByteArrayAsync(Ct)).Length;
        var page = await response.Content.ReadAsStringAsync(Ct);
        TestContext.Current.TestOutputHelper?.WriteLine($"{path}: {bytes} bytes of HTML");
        Assert.InRange(bytes, 500, maxBytes);
        // The one exception: the submit form's "use my location" helper, a small module that loads the map only when pressed.
        var scripts = ScriptTag().Matches(page).Select(m => m.Value).ToList();
        string[] allowed = path == "/portal/submit" ? ["<script type=\"module\" src=\"/maps/portal-locate.js\">"] : [];
        Assert.Equal(allowed, scripts);
        Assert.Contains("name=\"viewport\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_submission_lists_every_problem_in_the_residents_language_and_stores_nothing()
    {
        var resident = factory.Anonymous();
        var token = await PortalForms.TokenAsync(resident);
        var before = await PortalForms.CountsAsync(factory);
        var fields = PortalForms.ValidFields();
        fields["title"] = "<script>alert(1)</script>";
        fields["phone"] = "12345";
        fields["detail"] = "";
        var exe = new byte[] { 0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04 };
        var response = await resident.PostAsync("/portal/submit?culture=en", PortalForms.Submission(token, fields, ("lamp.png", PortalForms.Png), ("photo.jpg", exe)), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("may not contain HTML or script markup", page, StringComparison.Ordinal);
        Assert.Contains("describe your request", page, StringComparison.Ordinal);
        // The portal takes photos only, and says so: not the case page's list of document types.
        Assert.Contains("only JPEG and PNG photos are accepted", page, StringComparison.Ordinal);
        Assert.DoesNotContain("PDF", page, StringComparison.Ordinal);
        Assert.Contains("mobile", page, StringComparison.OrdinalIgnoreCase);
        // The form comes back filled in, encoded.
        Assert.Contains("胜利路 18 号", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", page, StringComparison.Ordinal);
        Assert.Equal(before, await PortalForms.CountsAsync(factory));
    }

    [Fact]
    public async Task The_resident_requests_a_review_of_a_reply_from_the_tracking_page()
    {
        var (code, key) = await RepliedCaseAsync();
        var resident = factory.Anonymous();
        var page = await resident.GetStringAsync($"/portal/track?code={code}&key={key}", Ct);
        Assert.Contains("data-testid=\"review-form\"", page, StringComparison.Ordinal);
        var token = FormSignIn.AntiforgeryToken(page);

        var empty = await resident.PostAsync("/query/review", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["code"] = code, ["key"] = key, ["version"] = "6", ["grounds"] = " ", ["__RequestVerificationToken"] = token,
        }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);

        var review = await resident.PostAsync("/query/review", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["code"] = code, ["key"] = key, ["version"] = "6", ["grounds"] = "答复说月底修好，但至今没有动工。", ["__RequestVerificationToken"] = token,
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, review.StatusCode);
        Assert.Contains("reviewed=1", review.Headers.Location!.OriginalString, StringComparison.Ordinal);

        await using var db = factory.Database.Context();
        var record = await db.Cases.IgnoreQueryFilters().SingleAsync(c => c.TrackingCode == code, Ct);
        Assert.Equal(CaseStage.Review, record.Stage);
        Assert.Equal(CaseState.Accepted, record.State);
        var after = await resident.GetStringAsync($"/portal/track?code={code}&key={key}", Ct);
        Assert.DoesNotContain("data-testid=\"review-form\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeated_wrong_codes_bring_a_sum_whose_answer_only_the_cookie_holds()
    {
        await using var guarded = factory.WithWebHostBuilder(b => b.UseSetting("Portal:ReadsPerMinute", "1000"));
        var (code, key) = await RepliedCaseAsync();
        var client = guarded.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/portal/track?code={code}&key=WRONG{i}", Ct)).StatusCode);
        }
        // Now even the right codes wait for the sum.
        var blocked = await client.GetAsync($"/portal/track?code={code}&key={key}", Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        var page = WebUtility.HtmlDecode(await blocked.Content.ReadAsStringAsync(Ct));
        Assert.DoesNotContain("data-testid=\"query-result\"", page, StringComparison.Ordinal);
        var question = PortalChallenge.Question().Match(page);
        Assert.True(question.Success, "the page asks a sum");
        Assert.DoesNotContain(blocked.Headers.GetValues("Set-Cookie"), c => c.StartsWith("fengqiao.challenge=" + PortalChallenge.Answer(question) + ";", StringComparison.Ordinal));

        var wrong = await client.GetAsync($"/portal/track?code={code}&key={key}&answer={PortalChallenge.Answer(question) + 1}", Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, wrong.StatusCode);
        var next = PortalChallenge.Question().Match(WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync(Ct)));
        var right = await client.GetAsync($"/portal/track?code={code}&key={key}&answer={PortalChallenge.Answer(next)}", Ct);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("data-testid=\"query-result\"", await right.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_codes_counted_on_one_node_bring_the_sum_on_another()
    {
        // Two hosts on one database are two web nodes: the failures live in the database, not in a node's memory.
        await using var nodeA = factory.WithWebHostBuilder(b => b.UseSetting("Portal:ReadsPerMinute", "1000"));
        await using var nodeB = factory.WithWebHostBuilder(b => b.UseSetting("Portal:ReadsPerMinute", "1001"));
        var (code, key) = await RepliedCaseAsync();
        var options = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false };
        var onA = nodeA.CreateClient(options);
        var onB = nodeB.CreateClient(options);
        Assert.Equal(HttpStatusCode.NotFound, (await onA.GetAsync($"/portal/track?code={code}&key=WRONG1", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await onB.GetAsync($"/portal/track?code={code}&key=WRONG2", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await onA.GetAsync($"/portal/track?code={code}&key=WRONG3", Ct)).StatusCode);

        var blocked = await onB.GetAsync($"/portal/track?code={code}&key={key}", Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        var question = PortalChallenge.Question().Match(WebUtility.HtmlDecode(await blocked.Content.ReadAsStringAsync(Ct)));
        Assert.True(question.Success, "node B asks the sum after failures seen by both nodes");
        // Answered on B, forgiven everywhere: A lets the right codes through at once.
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync($"/portal/track?code={code}&key={key}&answer={PortalChallenge.Answer(question)}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onA.GetAsync($"/portal/track?code={code}&key={key}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Each_client_may_post_only_so_often()
    {
        await using var limited = factory.WithWebHostBuilder(b => b.UseSetting("Portal:PostsPerMinute", "3"));
        var client = limited.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await client.PostAsync("/query/rate", new FormUrlEncodedContent(new Dictionary<string, string> { ["rating"] = "Nonsense" }), Ct)).StatusCode);
        }
        Assert.Equal(3, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        var refused = await client.PostAsync("/query/rate", new FormUrlEncodedContent(new Dictionary<string, string>()), Ct);
        Assert.Contains("一分钟", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private static string PathOf(HttpResponseMessage redirect) =>
        redirect.Headers.Location!.IsAbsoluteUri ? redirect.Headers.Location.PathAndQuery : redirect.Headers.Location.OriginalString;

    private async Task<(string Code, string Key)> RepliedCaseAsync()
    {
        var resident = factory.Anonymous();
        var token = await PortalForms.TokenAsync(resident);
        var submitted = await resident.PostAsync("/portal/submit", PortalForms.Submission(token, PortalForms.ValidFields("村道破损无人维修，雨天积水严重。")), Ct);
        // The codes come back on the receipt page (through the ticket cookie), not in its address.
        var receipt = await resident.GetStringAsync(PathOf(submitted), Ct);
        var code = ReceivedCode().Match(receipt).Groups[1].Value;
        var key = ReceivedKey().Match(receipt).Groups[1].Value;
        var clerk = await factory.SignedInAsync("clerk");
        await using var db = factory.Database.Context();
        var transport = await db.Units.SingleAsync(u => u.Name == "垦利区住房和城乡建设局", Ct);
        object[] steps =
        [
            new { action = "Accept", expectedVersion = 1 },
            new { action = "Assign", expectedVersion = 2, unitId = transport.Id },
            new { action = "StartHandling", expectedVersion = 3 },
            new { action = "SubmitReply", expectedVersion = 4, text = "已列入本年度农村公路养护计划，月底前完成修补。" },
        ];
        foreach (var step in steps)
        {
            Assert.Equal(HttpStatusCode.OK, (await clerk.PostAsJsonAsync($"/api/cases/{code}/actions", step, Ct)).StatusCode);
        }
        var chief = await factory.SignedInAsync("housing.chief");
        Assert.Equal(HttpStatusCode.OK, (await chief.PostAsJsonAsync($"/api/cases/{code}/actions", new { action = "Reply", expectedVersion = 5 }, Ct)).StatusCode);
        return (code, key);
    }

    [GeneratedRegex("data-testid=\"received-key\">([^<]+)<")]
    private static partial Regex ReceivedKey();

    [GeneratedRegex("<script[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex("data-testid=\"received-code\">([^<]+)<")]
    private static partial Regex ReceivedCode();
}
