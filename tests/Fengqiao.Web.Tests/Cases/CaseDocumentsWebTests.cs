using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Fengqiao.Data.Letters;
using Fengqiao.Testing;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Web.Tests.Cases;

/// <summary>
/// Case documents through the real host: staff in scope list and download them, staff outside scope and other
/// residents are refused, and the petitioner opens their own by posting both codes, never through a URL.
/// </summary>
public sealed partial class CaseDocumentsWebTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string Code, string Key)> RepliedCaseAsync(string title)
    {
        var clerk = await factory.SignedInAsync("clerk");
        var created = await (await clerk.PostAsJsonAsync("/api/cases", new
        {
            kind = "Petition", channel = "OnlinePetition", title, divisionCode = "370505001001",
            parties = new[] { new { name = "李桂兰", phone = "13900006666", isRepresentative = false } },
        }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var code = created.GetProperty("trackingCode").GetString()!;
        await using var db = factory.Database.Context();
        var housing = await db.Units.SingleAsync(u => u.Name == "垦利区住房和城乡建设局", Ct);
        object[] steps =
        [
            new { action = "Accept", expectedVersion = 1 },
            new { action = "Assign", expectedVersion = 2, unitId = housing.Id },
            new { action = "StartHandling", expectedVersion = 3 },
            new { action = "SubmitReply", expectedVersion = 4, text = "查明事实：经核查，村道破损约200米。\n处理依据：依据《农村公路养护管理办法》。\n处理意见：已列入本年度养护计划，月底前完成修补。" },
        ];
        foreach (var step in steps)
        {
            Assert.Equal(HttpStatusCode.OK, (await clerk.PostAsJsonAsync($"/api/cases/{code}/actions", step, Ct)).StatusCode);
        }
        var chief = await factory.SignedInAsync("housing.chief");
        Assert.Equal(HttpStatusCode.OK, (await chief.PostAsJsonAsync($"/api/cases/{code}/actions", new { action = "Reply", expectedVersion = 5 }, Ct)).StatusCode);
        return (code, created.GetProperty("queryCode").GetString()!);
    }

    private static IReadOnlyList<string> ValidLines(byte[] docx)
    {
        using (var stream = new MemoryStream(docx))
        using (var word = WordprocessingDocument.Open(stream, false))
        {
            var problems = string.Join("; ", new OpenXmlValidator().Validate(word, Ct).Select(e => e.Description));
            Assert.True(problems.Length == 0, problems);
        }
        return [.. OfficialDocx.ReadParagraphs(docx).Where(l => l.Length > 0)];
    }

    // KL-2026-000123 → 垦利信受〔2026〕123号
    private static string Number(string code, char kind) => $"垦利信{kind}〔{code[3..7]}〕{int.Parse(code[8..], System.Globalization.CultureInfo.InvariantCulture)}号";

    [Fact]
    public async Task Staff_in_scope_list_download_and_print_the_documents_and_others_are_refused()
    {
        var (code, _) = await RepliedCaseAsync("村道破损无人维修（文书）");
        var clerk = await factory.SignedInAsync("clerk");

        var list = await clerk.GetFromJsonAsync<JsonElement>($"/api/cases/{code}/documents", Ct);
        Assert.Equal(["AcceptanceNotice", "AssignmentSlip", "ReplyOpinion"], list.EnumerateArray().Select(d => d.GetProperty("kind").GetString()));
        Assert.Equal(Number(code, '受'), list[0].GetProperty("number").GetString());

        var docx = await clerk.GetAsync($"/api/cases/{code}/documents/ReplyOpinion/1/docx", Ct);
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal($"处理意见书-{code}.docx", docx.Content.Headers.ContentDisposition!.FileNameStar);
        var lines = ValidLines(await docx.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(["垦利区住房和城乡建设局", Number(code, '处'), "信访事项处理意见书", "李桂兰："], lines.Take(4));
        Assert.Contains("一、查明的事实", lines);
        Assert.Contains("经核查，村道破损约200米。", lines);
        Assert.Contains(lines, l => l.Contains("30日内", StringComparison.Ordinal) && l.Contains("复查", StringComparison.Ordinal));
        Assert.Matches("^二〇[二三]〇?[〇一二三四五六七八九]年[一二三四五六七八九十]+月[一二三四五六七八九十]+日$", lines[^1]);

        var print = await clerk.GetAsync($"/api/cases/{code}/documents/AcceptanceNotice/1/print", Ct);
        Assert.Equal(HttpStatusCode.OK, print.StatusCode);
        Assert.Contains(Number(code, '受'), await print.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // The case page lists them with their numbers and links.
        var casePage = await clerk.GetStringAsync($"/cases/{code}", Ct);
        Assert.Contains("data-testid=\"case-documents\"", casePage, StringComparison.Ordinal);
        Assert.Contains(Number(code, '处'), casePage, StringComparison.Ordinal);
        Assert.Contains($"/api/cases/{code}/documents/ReplyOpinion/1/docx", casePage, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await clerk.GetAsync($"/api/cases/{code}/documents/ExtensionNotice/1/docx", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.GetAsync($"/api/cases/{code}/documents/5/1/docx", Ct)).StatusCode);

        // Another district's clerk: the case does not exist for them.
        var outsider = await factory.SignedInAsync("qingpu.clerk");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/cases/{code}/documents", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/cases/{code}/documents/ReplyOpinion/1/docx", Ct)).StatusCode);
        // A resident's account is not staff, and nobody signed out gets anything.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.SignedInAsync("resident")).GetAsync($"/api/cases/{code}/documents", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.Anonymous().GetAsync($"/api/cases/{code}/documents/ReplyOpinion/1/docx", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_petitioner_opens_their_own_documents_by_posting_the_codes_and_nobody_else_does()
    {
        var (code, key) = await RepliedCaseAsync("村道破损无人维修（群众文书）");
        var (otherCode, otherKey) = await RepliedCaseAsync("另一件事项（群众文书）");
        var resident = factory.Anonymous();

        var page = await resident.GetStringAsync($"/query?code={code}&key={key}", Ct);
        Assert.Contains("data-testid=\"query-documents\"", page, StringComparison.Ordinal);
        Assert.Contains("受理告知书", page, StringComparison.Ordinal);
        Assert.Contains("处理意见书", page, StringComparison.Ordinal);
        // Slips between units are not the petitioner's documents.
        Assert.DoesNotContain("data-kind=\"AssignmentSlip\"", page, StringComparison.Ordinal);
        // No link or form target of the documents carries the query code (it travels in the posted form only).
        var section = page[page.IndexOf("data-testid=\"query-documents\"", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.NotEmpty(HrefOrAction().Matches(section));
        Assert.DoesNotContain(HrefOrAction().Matches(section), m => m.Value.Contains(key, StringComparison.Ordinal));
        var token = FormSignIn.AntiforgeryToken(page);

        Task<HttpResponseMessage> Post(string c, string k, string kind, string format = "docx") =>
            resident.PostAsync("/query/documents", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["code"] = c, ["key"] = k, ["kind"] = kind, ["occurrence"] = "1", ["format"] = format, ["__RequestVerificationToken"] = token,
            }), Ct);

        var docx = await Post(code, key, "ReplyOpinion");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal($"处理意见书-{code}.docx", docx.Content.Headers.ContentDisposition!.FileNameStar);
        var lines = ValidLines(await docx.Content.ReadAsByteArrayAsync(Ct));
        Assert.Contains(Number(code, '处'), lines);
        // Masked as the tracking page masks it: the codes are all the proof there is.
        Assert.DoesNotContain("李桂兰：", lines);
        Assert.Contains(lines, l => l.StartsWith('李') && l.EndsWith('：'));

        var print = await Post(code, key, "AcceptanceNotice", "print");
        Assert.Equal(HttpStatusCode.OK, print.StatusCode);
        Assert.Contains(Number(code, '受'), await print.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // Another case's key, a slip, and nonsense are refused without revealing anything.
        var wrong = await Post(code, otherKey, "ReplyOpinion");
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.DoesNotContain("村道", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Post(code, key, "AssignmentSlip")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(code, key, "Nonsense")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(code, key, "ReplyOpinion", "exe")).StatusCode);
        // The other case's own pair opens the other case only.
        var theirs = ValidLines(await (await Post(otherCode, otherKey, "ReplyOpinion")).Content.ReadAsByteArrayAsync(Ct));
        Assert.Contains(Number(otherCode, '处'), theirs);
        Assert.DoesNotContain(Number(code, '处'), theirs);
    }

    [GeneratedRegex("(href|action|formaction)=\"[^\"]*\"")]
    private static partial Regex HrefOrAction();
}
