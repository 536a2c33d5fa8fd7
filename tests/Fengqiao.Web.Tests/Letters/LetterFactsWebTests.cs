using System.Net;
using System.Text.Json;
using Fengqiao.Core.Cases;
using Fengqiao.Data.Letters;
using Fengqiao.Testing;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Web.Tests.Letters;

/// <summary>
/// Issue 18: a supervision letter's facts paragraph comes from the case's record (assigned to the recipient or not,
/// overdue or not) and carries the reason typed; a draft downloads under a readable name (RFC 5987 filename*).
/// </summary>
public sealed class LetterFactsWebTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(Guid Id, IReadOnlyList<string> Lines, HttpResponseMessage Docx)> DraftAsync(string code, Guid recipient, string reason)
    {
        var clerk = await factory.SignedInAsync("clerk");
        var response = await clerk.PostAsJsonAsync($"/api/cases/{code}/letters", new { type = "Supervision", recipientUnitId = recipient, reason }, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
        var docx = await clerk.GetAsync($"/api/letters/{id}/docx", Ct);
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        return (id, OfficialDocx.ReadParagraphs(await docx.Content.ReadAsByteArrayAsync(Ct)), docx);
    }

    [Fact]
    public async Task A_letter_to_a_unit_the_case_was_never_assigned_to_says_so_and_uses_the_reason_typed()
    {
        await using var db = factory.Database.Context();
        var housing = await db.Units.Where(u => u.Name == "垦利区住房和城乡建设局").Select(u => u.Id).SingleAsync(Ct);
        var code = await db.Cases.Where(c => c.DivisionCode.StartsWith("370505") && c.State != CaseState.Closed && c.HandlingUnitId != housing)
            .OrderBy(c => c.TrackingCode).Select(c => c.TrackingCode).FirstAsync(Ct);

        var (_, lines, docx) = await DraftAsync(code, housing, "涉及住建职责，请协同办理");
        var facts = Assert.Single(lines, l => l.StartsWith($"{code}号信访事项", StringComparison.Ordinal));
        Assert.Contains("尚未交由你单位办理", facts, StringComparison.Ordinal);
        Assert.DoesNotContain("交由你单位办理，", facts.Replace("尚未交由你单位办理，", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.EndsWith("督办事由：涉及住建职责，请协同办理。", facts, StringComparison.Ordinal);

        // A readable name, sent both as an ASCII fallback and as RFC 5987 UTF-8 (filename*).
        var disposition = docx.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal($"督办函（征求意见稿）-{code}-垦利区住房和城乡建设局.docx", disposition.FileNameStar);
        Assert.Contains("filename*=UTF-8''", docx.Content.Headers.GetValues("Content-Disposition").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_letter_to_the_unit_handling_an_overdue_case_states_the_assignment_and_the_passed_limit()
    {
        await using var db = factory.Database.Context();
        var now = TestTime.Now;
        // A demo case handled by a department of the district, assigned to it and past its running limit.
        var c = await db.Cases.Where(x => x.DivisionCode.StartsWith("370505") && x.State != CaseState.Closed && x.HandlingUnitId != null && x.DueAt != null && x.DueAt < now)
            .Where(x => db.CaseEvents.Any(e => e.CaseId == x.Id && e.Kind == "case.assigned"))
            .OrderBy(x => x.TrackingCode).Select(x => new { x.TrackingCode, x.HandlingUnitId }).FirstAsync(Ct);

        var (_, lines, _) = await DraftAsync(c.TrackingCode, c.HandlingUnitId!.Value, "");
        var facts = Assert.Single(lines, l => l.StartsWith($"{c.TrackingCode}号信访事项", StringComparison.Ordinal));
        Assert.Matches(@"交由你单位办理，办理期限为\d{4}年\d{1,2}月\d{1,2}日，现已超过办理期限。$", facts);
        Assert.DoesNotContain("督办事由", facts, StringComparison.Ordinal);
    }
}
