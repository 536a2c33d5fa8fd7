using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Fengqiao.Core.Mediation;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using NodaTime;
using static Fengqiao.E2E.InteractiveForms;

namespace Fengqiao.E2E;

/// <summary>
/// Remote mediation (远程调解): the mediator signs the drafted agreement and schedules an online session; the two parties,
/// each on a phone of their own, open the SMS link, enter the SMS code (read from the outbox the SMS sender empties),
/// confirm and sign the agreement with a fresh code; the agreement takes effect, the case page shows the 30-day
/// judicial-confirmation deadline, and the party's .docx copy downloads and opens. A wrong code is told and changes nothing.
/// </summary>
public sealed partial class MediationJourneyTests(WebServerFixture server) : IClassFixture<WebServerFixture>
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex(@"/mediation/join/[A-Za-z0-9_\-]+")]
    private static partial Regex JoinLink();

    [GeneratedRegex(@"验证码为 (\d{6})")]
    private static partial Regex SmsCode();

    private async Task<IPage> PhoneAsync()
    {
        var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, Locale = "zh-CN", AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        return page;
    }

    /// <summary>The last SMS of a kind sent to a party's mobile (the outbox row's address is the sealed phone of the invitation).</summary>
    private async Task<string> SmsAsync(Guid mediation, string party, string kind, int after)
    {
        for (var attempt = 0; attempt < 40; attempt++)
        {
            await using var db = server.Database.Context();
            var cipher = await db.MediationInvitations.IgnoreQueryFilters().Where(i => i.MediationId == mediation && i.PartyName == party)
                .OrderByDescending(i => i.SessionNumber).Select(i => i.PhoneCipher).FirstAsync(Ct);
            var body = await db.Notices.Where(n => n.Kind == kind && n.Address == cipher && n.Id > after).OrderByDescending(n => n.Id).Select(n => n.Body).FirstOrDefaultAsync(Ct);
            if (body is not null)
            {
                return body;
            }
            await Task.Delay(250, Ct);
        }
        throw new InvalidOperationException($"no {kind} SMS for {party}");
    }

    private async Task<long> LastNoticeAsync()
    {
        await using var db = server.Database.Context();
        return await db.Notices.MaxAsync(n => (long?)n.Id, Ct) ?? 0;
    }

    private async Task JoinAndSignAsync(IPage phone, Guid mediation, string party, string link, bool tryWrongCode)
    {
        await phone.GotoAsync(server.BaseUrl + link);
        await Assertions.Expect(phone.Locator("[data-testid=join-party]")).ToContainTextAsync(party);
        await Assertions.Expect(phone.Locator("[data-testid=join-no-video]")).ToBeVisibleAsync();
        var before = await LastNoticeAsync();
        await phone.ClickAsync("[data-testid=join-send-code]");
        await Assertions.Expect(phone.Locator("[data-testid=join-ok]")).ToBeVisibleAsync();
        var code = SmsCode().Match(await SmsAsync(mediation, party, "mediation.code", (int)before)).Groups[1].Value;
        if (tryWrongCode)
        {
            await phone.FillAsync("[data-testid=join-code]", code == "000000" ? "111111" : "000000");
            await phone.ClickAsync("[data-testid=join-enter]");
            await Assertions.Expect(phone.Locator("[data-testid=join-error]")).ToContainTextAsync("验证码不正确");
            await Assertions.Expect(phone.Locator("[data-testid=join-agreement-text]")).ToHaveCountAsync(0);
            await server.ScreenshotAsync(phone, "mediation-join-wrong-code-phone");
        }
        await phone.FillAsync("[data-testid=join-code]", code);
        await phone.ClickAsync("[data-testid=join-enter]");
        await Assertions.Expect(phone.Locator("[data-testid=join-agreement-text]")).ToContainTextAsync("协议内容：");
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the session page scrolls sideways at 390 px");

        await server.ScreenshotAsync(phone, "mediation-join-agreement-phone");
        before = await LastNoticeAsync();
        await phone.ClickAsync("[data-testid=join-send-sign-code]");
        await Assertions.Expect(phone.Locator("[data-testid=join-ok]")).ToBeVisibleAsync();
        var signCode = SmsCode().Match(await SmsAsync(mediation, party, "mediation.code", (int)before)).Groups[1].Value;
        await phone.CheckAsync("[data-testid=join-confirm]");
        await phone.FillAsync("[data-testid=join-sign-code]", signCode);
        await server.ScreenshotAsync(phone, "mediation-join-sign-phone");
        await phone.ClickAsync("[data-testid=join-sign]");
        await Assertions.Expect(phone.Locator("[data-testid=join-ok]")).ToContainTextAsync("签署成功");
    }

    [Fact]
    public async Task The_mediator_schedules_an_online_session_and_two_parties_sign_from_their_phones()
    {
        try
        {
            await JourneyAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The server's own account of what went wrong, for a failure inside the interactive page.
            var log = File.Exists(server.ServerLog) ? await File.ReadAllTextAsync(server.ServerLog, Ct) : "";
            throw new InvalidOperationException(ex.Message + "\n--- server log (tail) ---\n" + log[Math.Max(0, log.Length - 6000)..], ex);
        }
    }

    private async Task JourneyAsync()
    {
        Guid id;
        string applicant, respondent;
        await using (var db = server.Database.Context())
        {
            // The demo's drafted agreement in 老杨调解室 (赵永利 and 钱富贵), guided by 垦利街道司法所.
            var drafted = await db.Mediations.IgnoreQueryFilters().SingleAsync(m => m.State == MediationState.AgreementDrafted && m.Parties.Contains("赵永利"), Ct);
            id = drafted.Id;
            (applicant, respondent) = ("赵永利", "钱富贵");
        }
        var staff = await server.SignedInPageAsync("judicial");
        await server.OpenAsync(staff, $"/mediation/{id}");
        await staff.ClickAsync("[data-testid=offer-SignAsMediator]");
        await Assertions.Expect(staff.Locator("[data-testid=step-sign-note]")).ToBeVisibleAsync();
        await staff.ClickAsync("[data-testid=step-submit]");
        await Assertions.Expect(staff.Locator("[data-testid=mediation-signature]")).ToHaveCountAsync(1);

        await staff.ClickAsync("[data-testid=offer-ScheduleRemoteSession]");
        var startsAt = TestTime.Now.InZone(Shanghai).Date.PlusDays(1).At(new LocalTime(10, 0));
        await Field(staff, "step-starts-at").EnterAsync(startsAt.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await Field(staff, "step-mobile-0").EnterAsync("13905460001");
        await Field(staff, "step-mobile-1").EnterAsync("13905460002");
        await staff.ClickAsync("[data-testid=step-submit]");
        await Assertions.Expect(staff.Locator("[data-testid=mediation-invitation], [data-testid=mediation-error]").First).ToBeVisibleAsync();
        if (await staff.Locator("[data-testid=mediation-error]").CountAsync() > 0)
        {
            await server.ScreenshotAsync(staff, "mediation-remote-refused");
            Assert.Fail("scheduling was refused: " + await staff.Locator("[data-testid=mediation-error]").InnerTextAsync());
        }
        await Assertions.Expect(staff.Locator("[data-testid=mediation-invitation]")).ToHaveCountAsync(2);
        await Assertions.Expect(staff.Locator("[data-testid=mediation-remote]")).ToContainTextAsync(applicant);
        await server.ScreenshotAsync(staff, "mediation-remote-scheduled");

        var links = new Dictionary<string, string>();
        foreach (var party in new[] { applicant, respondent })
        {
            var sms = await SmsAsync(id, party, "mediation.invitation", 0);
            Assert.Contains(party, sms, StringComparison.Ordinal);
            links[party] = JoinLink().Match(sms).Value;
        }

        var first = await PhoneAsync();
        var second = await PhoneAsync();
        await JoinAndSignAsync(first, id, applicant, links[applicant], tryWrongCode: true);
        await Assertions.Expect(first.Locator("[data-testid=join-signed]")).ToBeVisibleAsync();
        await JoinAndSignAsync(second, id, respondent, links[respondent], tryWrongCode: false);
        await Assertions.Expect(second.Locator("[data-testid=join-effective]")).ToBeVisibleAsync();
        await server.ScreenshotAsync(second, "mediation-join-effective-phone");

        // The signed party's own copy: a Word file with the law's contents and both signatures.
        var download = await second.RunAndWaitForDownloadAsync(() => second.ClickAsync("[data-testid=join-docx]"));
        var path = Path.Combine(Path.GetTempPath(), $"fq-agreement-{Guid.NewGuid():N}.docx");
        await download.SaveAsAsync(path);
        try
        {
            using var word = WordprocessingDocument.Open(path, false);
            var text = word.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.Contains("人民调解协议书", text, StringComparison.Ordinal);
            Assert.Contains("纠纷的主要事实", text, StringComparison.Ordinal);
            Assert.Contains($"当事人（签名）：{applicant}　签署时间：", text, StringComparison.Ordinal);
            Assert.Contains($"当事人（签名）：{respondent}　签署时间：", text, StringComparison.Ordinal);
            Assert.Contains("（印章）", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }

        // The case page: effective, with the last day to apply for judicial confirmation.
        await server.OpenAsync(staff, $"/mediation/{id}");
        await Assertions.Expect(staff.Locator("[data-testid=mediation-state]")).ToContainTextAsync("协议已生效");
        await Assertions.Expect(staff.Locator("[data-testid=mediation-signature]")).ToHaveCountAsync(3);
        await using (var db = server.Database.Context())
        {
            var effective = await db.Mediations.IgnoreQueryFilters().Where(m => m.Id == id).Select(m => m.AgreementEffectiveAt).SingleAsync(Ct);
            var due = effective!.Value.InZone(Shanghai).Date.PlusDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await Assertions.Expect(staff.Locator("[data-testid=mediation-confirm-by]")).ToContainTextAsync(due);
        }
        await Assertions.Expect(staff.Locator("[data-testid=agreement-docx]")).ToBeVisibleAsync();
        await server.ScreenshotAsync(staff, "mediation-remote-effective");
    }
}
