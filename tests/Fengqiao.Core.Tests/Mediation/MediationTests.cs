using Fengqiao.Core.Mediation;
using Fengqiao.Core.Tests.Calendar;
using NodaTime;
using static Fengqiao.Core.Tests.Mediation.MediationFixture;

namespace Fengqiao.Core.Tests.Mediation;

public sealed class MediationTests
{
    [Fact]
    public void One_partys_application_waits_for_acceptance_then_for_the_other_partys_consent()
    {
        var applied = Open();
        Assert.Equal(MediationState.Applied, applied.State);
        var accepted = applied.Accept(Staff, Day(1));
        Assert.Equal(MediationState.AwaitingConsent, accepted.State);
        Assert.Null(accepted.LimitDate);
        var started = accepted.RecordConsent(Staff, Day(2));
        Assert.Equal(MediationState.InMediation, started.State);
        // Started 4 March (Beijing): the usual one-month limit ends 4 April.
        Assert.Equal(new LocalDate(2026, 4, 4), started.LimitDate);
        Assert.Equal(["mediation.applied", "mediation.accepted", "mediation.consented"], started.History.Select(e => e.Kind));
    }

    [Fact]
    public void A_joint_application_starts_on_acceptance_and_the_committees_own_start_asks_the_parties()
    {
        Assert.Equal(MediationState.InMediation, Open(MediationInitiation.BothParties).Accept(Staff, Day(1)).State);
        var started = Open(MediationInitiation.Committee);
        Assert.Equal(MediationState.AwaitingConsent, started.State);
        Assert.Equal(Applied, started.AcceptedAt);
        Assert.DoesNotContain(MediationAction.Accept, started.Offers(Staff, Day(1)));
    }

    [Fact]
    public void Refusal_and_a_partys_refusal_end_it_with_the_reason()
    {
        var refused = Open().RefuseApplication(Staff, Day(1), "该纠纷已起诉至人民法院。");
        Assert.Equal(MediationState.Refused, refused.State);
        Assert.Equal("该纠纷已起诉至人民法院。", refused.Reason);
        Assert.Empty(refused.Offers(Staff, Day(2)));
        var declined = Open().Accept(Staff, Day(1)).RecordDeclined(Staff, Day(2), "李小河明确表示不同意调解。");
        Assert.Equal(MediationState.Declined, declined.State);
        Assert.True(declined.IsClosed);
        Assert.Throws<MediationRuleException>(() => Open().Accept(Staff, Day(1)).RecordDeclined(Staff, Day(2), " "));
    }

    [Fact]
    public void A_session_after_the_limit_is_refused_until_both_parties_consent_to_an_extension()
    {
        var started = InMediation();
        var late = Day(40);
        var ex = Assert.Throws<MediationRuleException>(() => started.RecordSession(Staff, late, "村调解室", false, ["张大山"], "……"));
        Assert.Contains("2026-04-04", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(MediationAction.RecordSession, started.Offers(Staff, late));
        Assert.Throws<MediationRuleException>(() => started.Extend(Staff, late, 10, bothPartiesConsent: false, "只有张大山同意"));
        var extended = started.Extend(Staff, late, 10, bothPartiesConsent: true, "双方当场签字同意延长十日");
        // Counted from the day it was agreed, since the old limit had passed.
        Assert.Equal(late.InZone(Core.Mediation.Mediation.Zone).Date.PlusDays(10), extended.LimitDate);
        Assert.Single(extended.RecordSession(Staff, late, "村调解室", true, ["张大山", "李小河"], "……").Sessions);
    }

    [Fact]
    public void The_last_day_of_the_limit_is_still_inside_it()
    {
        var started = InMediation();
        Assert.False(started.IsLapsedAt(ChinaTime.At(2026, 4, 4, 23, 59)));
        Assert.True(started.IsLapsedAt(ChinaTime.At(2026, 4, 5, 0, 1)));
    }

    [Fact]
    public void A_written_agreement_needs_the_laws_contents_and_takes_effect_when_signed()
    {
        var withSession = WithSession();
        Assert.Throws<MediationRuleException>(() => InMediation().DraftAgreement(Staff, Day(4), Terms()));
        var ex = Assert.Throws<MediationRuleException>(() => withSession.DraftAgreement(Staff, Day(4), Terms() with { Responsibility = " ", PerformanceManner = "" }));
        Assert.Contains("各方当事人的责任", ex.Message, StringComparison.Ordinal);
        Assert.Contains("履行方式", ex.Message, StringComparison.Ordinal);
        Assert.Throws<MediationRuleException>(() => withSession.DraftAgreement(Staff, Day(4), Terms() with { Parties = ["张大山", "王五"] }));
        var drafted = withSession.DraftAgreement(Staff, Day(4), Terms());
        Assert.Equal(MediationState.AgreementDrafted, drafted.State);
        Assert.Null(drafted.ConfirmationDueDate);
        var agreed = drafted.SignAgreement(Staff, Day(5));
        Assert.Equal(MediationState.Agreed, agreed.State);
        Assert.Equal(Day(5), agreed.Agreement!.EffectiveAt);
        Assert.Equal(new LocalDate(2026, 4, 6), agreed.ConfirmationDueDate);
    }

    [Fact]
    public void Judicial_confirmation_is_applied_for_within_thirty_days_of_effect()
    {
        var agreed = Agreed();
        var lastDay = ChinaTime.At(2026, 4, 6, 17);
        Assert.Contains(MediationAction.ApplyForConfirmation, agreed.Offers(Staff, lastDay));
        var ex = Assert.Throws<MediationRuleException>(() => agreed.ApplyForConfirmation(Staff, ChinaTime.At(2026, 4, 7), "垦利区人民法院"));
        Assert.Contains("第三十三条", ex.Message, StringComparison.Ordinal);
        var applied = agreed.ApplyForConfirmation(Staff, lastDay, "垦利区人民法院");
        Assert.DoesNotContain(MediationAction.ApplyForConfirmation, applied.Offers(Staff, lastDay));
        var ruled = applied.RecordConfirmationRuling(Staff, lastDay + Duration.FromDays(3), true, "（2026）鲁0505民特12号");
        Assert.True(ruled.Confirmation!.Confirmed);
        Assert.DoesNotContain(MediationAction.RecordConfirmationRuling, ruled.Offers(Staff, lastDay + Duration.FromDays(4)));
    }

    [Fact]
    public void An_oral_agreement_takes_effect_at_once_and_cannot_be_confirmed_by_a_court()
    {
        var oral = WithSession().RecordOralAgreement(Staff, Day(4), "李小河当场道歉，双方握手言和。");
        Assert.Equal(MediationState.Agreed, oral.State);
        Assert.Equal(Day(4), oral.Agreement!.EffectiveAt);
        Assert.NotNull(oral.Refusal(MediationAction.ApplyForConfirmation, Staff, Day(5)));
    }

    [Fact]
    public void Failure_is_recorded_with_the_other_routes_explained()
    {
        Assert.Throws<MediationRuleException>(() => WithSession().RecordFailure(Staff, Day(4), "双方分歧过大", " "));
        var failed = WithSession().DraftAgreement(Staff, Day(4), Terms()).RecordFailure(Staff, Day(5), "李小河拒绝在协议上签字", "告知双方可向人民法院起诉");
        Assert.Equal(MediationState.Failed, failed.State);
        Assert.Equal("告知双方可向人民法院起诉", failed.RoutesExplained);
        // A mediation whose limit ran out can still be ended as failed.
        Assert.Contains(MediationAction.RecordFailure, InMediation().Offers(Staff, Day(60)));
    }

    [Fact]
    public void Follow_ups_end_it_performed_or_unperformed_after_urging()
    {
        var urged = Agreed().RecordFollowUp(Staff, Day(30), PerformanceFinding.Urged, "李小河尚未雇人疏通，已督促。");
        Assert.Equal(MediationState.Agreed, urged.State);
        Assert.Equal(MediationState.Performed, urged.RecordFollowUp(Staff, Day(35), PerformanceFinding.Performed, "已疏通，费用已结清。").State);
        Assert.Equal(MediationState.Unperformed, urged.RecordFollowUp(Staff, Day(35), PerformanceFinding.GuidedToSue, "仍未履行，告知可起诉。").State);
    }

    [Fact]
    public void Only_mediation_staff_act_and_never_before_the_previous_step()
    {
        var applied = Open();
        Assert.Empty(applied.Offers(Resident, Day(1)));
        Assert.Empty(applied.Offers(Handler, Day(1)));
        Assert.Contains("mediation staff", applied.Refusal(MediationAction.Accept, Handler, Day(1))!.Message, StringComparison.Ordinal);
        Assert.Empty(applied.Offers(Staff, Applied - Duration.FromMinutes(1)));
        Assert.Equal(new HashSet<MediationAction> { MediationAction.Accept, MediationAction.RefuseApplication }, applied.Offers(Staff, Day(1)).ToHashSet());
    }

    [Fact]
    public void An_application_needs_both_sides_and_a_matter()
    {
        Assert.Throws<MediationRuleException>(() => Core.Mediation.Mediation.Open(new NewMediation(Guid.NewGuid(), Committee, null, null, MediationInitiation.OneParty,
            DisputeKind.Neighbour, "排水沟纠纷", [new MediationParty("张大山", PartySide.Applicant)], Applied, "x")));
        Assert.Throws<MediationRuleException>(() => Core.Mediation.Mediation.Open(new NewMediation(Guid.NewGuid(), Committee, null, null, MediationInitiation.OneParty,
            DisputeKind.Neighbour, " ", Parties, Applied, "x")));
    }
}
