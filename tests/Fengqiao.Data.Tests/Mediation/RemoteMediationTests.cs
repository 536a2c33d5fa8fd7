using System.Text.RegularExpressions;
using Fengqiao.Core.Mediation;
using Fengqiao.Core.Organisations;
using Fengqiao.Data.Audit;
using Fengqiao.Data.Infrastructure;
using Fengqiao.Data.Mediation;
using Fengqiao.Data.Notices;
using Fengqiao.Data.Security;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Fengqiao.Data.Tests.Mediation;

/// <summary>
/// Remote mediation over the database: the mediator invites the parties of a drafted agreement, each gets an SMS link,
/// opens it with a code, and signs with a fresh code; wrong codes and a changed text change nothing; the last signature
/// makes the agreement effective and every signature sits in the mediation's chain.
/// </summary>
public sealed partial class RemoteMediationTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    private static readonly MediationActor Mediator = new("人民调解员 杨德厚", [StaffRole.JudicialOfficer]);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex(@"/mediation/join/([A-Za-z0-9_\-]+)")]
    private static partial Regex Link();

    [GeneratedRegex(@"验证码为 (\d{6})")]
    private static partial Regex CodeText();

    private static async Task<string> LastSmsAsync(FengqiaoDbContext db, string kind, string cipherOf) =>
        await db.Notices.AsNoTracking().Where(n => n.Kind == kind && n.Address == cipherOf).OrderByDescending(n => n.Id).Select(n => n.Body).FirstAsync(Ct);

    [Fact]
    public async Task Two_parties_join_by_link_and_code_sign_the_exact_text_and_the_agreement_takes_effect()
    {
        var clock = new MovableClock(TestTime.Now);
        var protector = fixture.Services.GetRequiredService<PersonalDataProtector>();
        await protector.EnsureReadyAsync(Ct);
        var settings = fixture.Services.GetRequiredService<DatabaseSettings>();
        await using var db = fixture.Database.Context();
        var desk = new MediationDesk(db, clock, protector);
        var drafted = await db.Mediations.AsNoTracking().Where(m => m.State == MediationState.AgreementDrafted).OrderBy(m => m.AppliedAt).FirstAsync(Ct);
        var view = (await desk.MediationAsync(drafted.Id, Ct))!;
        var (a, b) = (view.Mediation.Parties[0].Name, view.Mediation.Parties[1].Name);

        // A landline cannot receive the SMS: refused, nothing stored.
        await Assert.ThrowsAsync<MediationRuleException>(() => desk.ScheduleRemoteSessionAsync(drafted.Id, null, Mediator, clock.GetCurrentInstant() + Duration.FromHours(1),
            [new RemoteInvitee(a, "0546-8221234")], "https://fq.example", Ct));
        Assert.False(await db.MediationInvitations.AnyAsync(i => i.MediationId == drafted.Id, Ct));

        await desk.ScheduleRemoteSessionAsync(drafted.Id, null, Mediator, clock.GetCurrentInstant() + Duration.FromHours(1),
            [new RemoteInvitee(a, "13912345601"), new RemoteInvitee(b, "13912345602")], "https://fq.example/", Ct);
        var invitations = await db.MediationInvitations.AsNoTracking().Where(i => i.MediationId == drafted.Id).ToListAsync(Ct);
        Assert.Equal(2, invitations.Count);
        Assert.All(invitations, i => Assert.DoesNotContain("1391234560", i.PhoneCipher, StringComparison.Ordinal));
        var tokens = new Dictionary<string, string>();
        foreach (var i in invitations)
        {
            var sms = await LastSmsAsync(db, "mediation.invitation", i.PhoneCipher);
            Assert.Contains("https://fq.example/mediation/join/", sms, StringComparison.Ordinal);
            tokens[i.PartyName] = Link().Match(sms).Groups[1].Value;
            Assert.Equal(i.TokenHash, MediationDesk.TokenHash(tokens[i.PartyName]));
        }

        var remote = new RemoteMediationDesk(settings, clock);
        Assert.Null(await remote.ViewAsync("not-a-token", Ct));
        var first = invitations.Single(i => i.PartyName == a);
        var page = (await remote.ViewAsync(tokens[a], Ct))!;
        Assert.Equal(a, page.Party);
        Assert.True(page.MaySign);
        Assert.Contains("协议内容：", page.AgreementText, StringComparison.Ordinal);

        // Join: a wrong code is refused and counted; the code from the SMS opens the session.
        Assert.Equal(CodeSending.Sent, await remote.SendCodeAsync(tokens[a], CodePurpose.Join, Ct));
        Assert.Equal(CodeSending.TooSoon, await remote.SendCodeAsync(tokens[a], CodePurpose.Join, Ct));
        var joinCode = CodeText().Match(await LastSmsAsync(db, "mediation.code", first.PhoneCipher)).Groups[1].Value;
        Assert.Equal(CodeOutcome.Wrong, (await remote.JoinAsync(tokens[a], joinCode == "000000" ? "111111" : "000000", Ct))!.Value.Answer.Outcome);
        Assert.Equal(CodeOutcome.Accepted, (await remote.JoinAsync(tokens[a], joinCode, Ct))!.Value.Answer.Outcome);

        // Sign: the join code cannot sign; a new signing code can, on the text as it stands only.
        var events = await db.MediationEvents.CountAsync(e => e.MediationId == drafted.Id, Ct);
        Assert.Equal(CodeOutcome.Expired, (await remote.SignAsync(tokens[a], joinCode, page.AgreementSha256, Ct))!.Outcome);
        clock.Advance(Duration.FromMinutes(2));
        Assert.Equal(CodeSending.Sent, await remote.SendCodeAsync(tokens[a], CodePurpose.Sign, Ct));
        var signCode = CodeText().Match(await LastSmsAsync(db, "mediation.code", first.PhoneCipher)).Groups[1].Value;
        Assert.NotNull((await remote.SignAsync(tokens[a], signCode, AgreementText.Sha256("另一个文本"), Ct))!.Refusal);
        Assert.Equal(CodeOutcome.Wrong, (await remote.SignAsync(tokens[a], signCode == "000000" ? "111111" : "000000", page.AgreementSha256, Ct))!.Outcome);
        Assert.Equal(events, await db.MediationEvents.CountAsync(e => e.MediationId == drafted.Id, Ct));
        clock.Advance(OneTimeCodes.Validity);
        Assert.Equal(CodeOutcome.Expired, (await remote.SignAsync(tokens[a], signCode, page.AgreementSha256, Ct))!.Outcome);
        Assert.Equal(events, await db.MediationEvents.CountAsync(e => e.MediationId == drafted.Id, Ct));
        Assert.Equal(CodeSending.Sent, await remote.SendCodeAsync(tokens[a], CodePurpose.Sign, Ct));
        signCode = CodeText().Match(await LastSmsAsync(db, "mediation.code", first.PhoneCipher)).Groups[1].Value;
        var signed = await remote.SignAsync(tokens[a], signCode, page.AgreementSha256, Ct);
        Assert.Equal(CodeOutcome.Accepted, signed!.Outcome);
        Assert.Null(signed.Refusal);
        Assert.True((await remote.ViewAsync(tokens[a], Ct))!.HasSigned);
        Assert.Equal(CodeSending.NotNeeded, await remote.SendCodeAsync(tokens[a], CodePurpose.Sign, Ct));

        // The mediator signs on the case page; the other party's signature completes it.
        await using (var staffDb = fixture.Database.Context())
        {
            // A fresh unit of work, as every page action is: this test's context still tracks the row the party's signature moved on.
            await new MediationDesk(staffDb, clock).TakeAsync(drafted.Id, null, Mediator, MediationAction.SignAsMediator, new MediationStep(TextSha256: page.AgreementSha256), Ct);
        }
        clock.Advance(Duration.FromMinutes(1));
        var second = invitations.Single(i => i.PartyName == b);
        Assert.Equal(CodeSending.Sent, await remote.SendCodeAsync(tokens[b], CodePurpose.Sign, Ct));
        var secondCode = CodeText().Match(await LastSmsAsync(db, "mediation.code", second.PhoneCipher)).Groups[1].Value;
        Assert.Equal(CodeOutcome.Accepted, (await remote.SignAsync(tokens[b], secondCode, page.AgreementSha256, Ct))!.Outcome);

        await using var fresh = fixture.Database.Context();
        var done = (await new MediationDesk(fresh, clock).MediationAsync(drafted.Id, Ct))!;
        Assert.Equal(MediationState.Agreed, done.Record.State);
        Assert.Equal(clock.GetCurrentInstant().ToUnixTimeMilliseconds(), done.Mediation.Agreement!.EffectiveAt!.Value.ToUnixTimeMilliseconds());
        Assert.NotNull(done.Record.ConfirmationDueDate);
        Assert.Equal([a, b], done.Events.Where(e => e.Kind == MediationDesk.PartySignedKind).Select(e => e.Actor));
        Assert.All(done.Events.Where(e => e.Kind.EndsWith("-signed", StringComparison.Ordinal)), e => Assert.Contains(page.AgreementSha256!, e.Data, StringComparison.Ordinal));
        var summaries = await new MediationDesk(fresh, clock).InvitationsAsync(drafted.Id, Ct);
        Assert.All(summaries, s => Assert.NotNull(s.SignedAt));
        Assert.Contains(summaries, s => s.JoinedAt is not null);
        Assert.Empty((await ChainAudit.VerifyAsync(fresh, cancellationToken: Ct)).Broken);
    }
}
