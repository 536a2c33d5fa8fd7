using Fengqiao.Core.Mediation;
using NodaTime;
using static Fengqiao.Core.Tests.Mediation.MediationFixture;

namespace Fengqiao.Core.Tests.Mediation;

/// <summary>Remote mediation: who may sign, the SMS codes' validity, and the agreement taking effect once every party and the mediator signed its exact text.</summary>
public sealed class RemoteSigningTests
{
    private static readonly Guid Invitation = Guid.Parse("0192a000-0000-7000-8000-0000000000aa");

    private static Core.Mediation.Mediation Drafted() => WithSession().DraftAgreement(Staff, Day(4), Terms());

    private static string Sha(Core.Mediation.Mediation m) => AgreementText.Sha256(m.AgreementDocumentText!);

    [Fact]
    public void The_agreement_takes_effect_when_the_last_of_the_parties_and_the_mediator_signs_the_same_text()
    {
        var drafted = Drafted().ScheduleRemoteSession(Staff, Day(4, 11), Day(5), ["张大山", "李小河"]);
        var text = drafted.AgreementDocumentText!;
        Assert.Contains("协议内容：由李小河于本月内雇人疏通", text, StringComparison.Ordinal);
        Assert.Contains("履行期限：2026-03-31", text, StringComparison.Ordinal);

        var mediator = drafted.SignAsMediator(Staff, Day(5, 9), Sha(drafted));
        var first = mediator.SignAsParty("张大山", Day(5, 10), Sha(drafted));
        Assert.Equal(MediationState.AgreementDrafted, first.State);
        Assert.Null(first.Agreement!.EffectiveAt);
        Assert.False(first.AllSigned);

        var last = first.SignAsParty("李小河", Day(5, 11), Sha(drafted));
        Assert.True(last.AllSigned);
        Assert.Equal(MediationState.Agreed, last.State);
        Assert.Equal(Day(5, 11), last.Agreement!.EffectiveAt);
        Assert.Equal(Day(5, 11).InZone(Core.Mediation.Mediation.Zone).Date.PlusDays(30), last.ConfirmationDueDate);
        Assert.Equal(["mediation.remote-scheduled", "mediation.mediator-signed", "mediation.party-signed", "mediation.party-signed"],
            last.History.Skip(drafted.History.Length - 1).Select(h => h.Kind));
        Assert.All(last.Signatures, s => Assert.Equal(Sha(drafted), s.TextSha256));
        Assert.Equal(MediationState.Agreed, last.History[^1].After);
    }

    [Fact]
    public void Parties_may_sign_before_the_mediator_and_the_mediators_signature_completes_it()
    {
        var drafted = Drafted();
        var parties = drafted.SignAsParty("李小河", Day(5), Sha(drafted)).SignAsParty("张大山", Day(5, 11), Sha(drafted));
        Assert.Equal(MediationState.AgreementDrafted, parties.State);
        Assert.Contains(MediationAction.SignAsMediator, parties.Offers(Staff, Day(6)));
        var done = parties.SignAsMediator(Staff, Day(6), Sha(drafted));
        Assert.Equal(MediationState.Agreed, done.State);
        Assert.DoesNotContain(MediationAction.SignAsMediator, done.Offers(Staff, Day(6)));
    }

    [Fact]
    public void Only_a_named_party_signs_once_and_only_the_text_as_it_stands()
    {
        var drafted = Drafted();
        Assert.Contains("只有协议书列明的当事人", drafted.PartySigningRefusal("王五", Day(5), Sha(drafted)), StringComparison.Ordinal);
        Assert.Contains("内容已变化", drafted.PartySigningRefusal("张大山", Day(5), AgreementText.Sha256(drafted.AgreementDocumentText + "另：")), StringComparison.Ordinal);
        var once = drafted.SignAsParty("张大山", Day(5), Sha(drafted));
        var again = Assert.Throws<MediationRuleException>(() => once.SignAsParty("张大山", Day(5, 11), Sha(drafted)));
        Assert.Contains("已签署", again.Message, StringComparison.Ordinal);
        // No written agreement yet: nothing to sign.
        Assert.NotNull(WithSession().PartySigningRefusal("张大山", Day(5), Sha(drafted)));
        // Staff are never offered a party's signature, and only mediation staff sign as the mediator.
        Assert.DoesNotContain(MediationAction.SignAsMediator, drafted.Offers(Resident, Day(5)));
        Assert.Throws<MediationRuleException>(() => drafted.SignAsMediator(Staff, Day(5), "0"));
    }

    [Fact]
    public void A_session_invites_parties_of_the_mediation_only_and_not_after_the_limit()
    {
        var m = InMediation();
        Assert.Throws<MediationRuleException>(() => m.ScheduleRemoteSession(Staff, Day(3), Day(4), ["王五"]));
        Assert.Throws<MediationRuleException>(() => m.ScheduleRemoteSession(Staff, Day(3), Day(4), []));
        Assert.Throws<MediationRuleException>(() => m.ScheduleRemoteSession(Staff, Day(3), Day(1), ["张大山"]));
        var scheduled = m.ScheduleRemoteSession(Staff, Day(3), Day(4), ["张大山", "李小河"]);
        Assert.Equal(1, Assert.Single(scheduled.RemoteSessions).Number);
        Assert.DoesNotContain(MediationAction.ScheduleRemoteSession, m.Offers(Staff, Day(60)));
    }

    [Fact]
    public void A_code_is_valid_ten_minutes_five_tries_and_once()
    {
        var at = Day(5);
        var code = OneTimeCodes.Issue("123456", Invitation, CodePurpose.Sign, at);
        Assert.DoesNotContain("123456", code.Hash, StringComparison.Ordinal);
        Assert.False(OneTimeCodes.MaySend(code, at + Duration.FromSeconds(30)));
        Assert.True(OneTimeCodes.MaySend(code, at + Duration.FromSeconds(60)));

        var (wrong, afterWrong) = OneTimeCodes.Check(code, "654321", Invitation, CodePurpose.Sign, at + Duration.FromMinutes(1));
        Assert.Equal(CodeOutcome.Wrong, wrong);
        Assert.Equal(1, afterWrong.Attempts);
        // The same digits as a join code, or for another invitation, are wrong.
        Assert.Equal(CodeOutcome.Wrong, OneTimeCodes.Check(code, "123456", Invitation, CodePurpose.Join, at).Outcome);
        Assert.Equal(CodeOutcome.Wrong, OneTimeCodes.Check(code, "123456", Guid.NewGuid(), CodePurpose.Sign, at).Outcome);

        Assert.Equal(CodeOutcome.Expired, OneTimeCodes.Check(afterWrong, "123456", Invitation, CodePurpose.Sign, at + OneTimeCodes.Validity).Outcome);
        var (ok, used) = OneTimeCodes.Check(afterWrong, " 123456 ", Invitation, CodePurpose.Sign, at + Duration.FromMinutes(9));
        Assert.Equal(CodeOutcome.Accepted, ok);
        Assert.Equal(CodeOutcome.Used, OneTimeCodes.Check(used, "123456", Invitation, CodePurpose.Sign, at + Duration.FromMinutes(9)).Outcome);

        var tried = code;
        for (var i = 1; i <= OneTimeCodes.MaxAttempts; i++)
        {
            var (outcome, next) = OneTimeCodes.Check(tried, "000000", Invitation, CodePurpose.Sign, at);
            Assert.Equal(i < OneTimeCodes.MaxAttempts ? CodeOutcome.Wrong : CodeOutcome.Exhausted, outcome);
            tried = next;
        }
        // Exhausted: even the right code is refused now.
        Assert.Equal(CodeOutcome.Exhausted, OneTimeCodes.Check(tried, "123456", Invitation, CodePurpose.Sign, at).Outcome);
        Assert.Contains("过期", OneTimeCodes.Message(CodeOutcome.Expired), StringComparison.Ordinal);
    }
}
