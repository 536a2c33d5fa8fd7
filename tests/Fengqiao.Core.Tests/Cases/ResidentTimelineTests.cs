using Fengqiao.Core.Cases;
using Fengqiao.Core.Contracting;
using Fengqiao.Core.Mediation;

namespace Fengqiao.Core.Tests.Cases;

public sealed class ResidentTimelineTests
{
    [Fact]
    public void The_resident_sees_the_steps_on_the_matter_and_never_the_units_internal_drafting()
    {
        Assert.Equal(ResidentStep.Submitted, ResidentTimeline.Of(CaseEventKinds.Registered));
        Assert.Equal(ResidentStep.Action, ResidentTimeline.Of(CaseEventKinds.For(CaseAction.Accept)));
        Assert.Equal(ResidentStep.Answered, ResidentTimeline.Of(CaseEventKinds.For(CaseAction.Reply)));
        Assert.Equal(ResidentStep.Attachment, ResidentTimeline.Of("note.attachment-added"));
        Assert.Equal(ResidentStep.ToMediation, ResidentTimeline.Of(PetitionMediationLinks.CaseReferredKind));
        Assert.Null(ResidentTimeline.Of(CaseEventKinds.For(CaseAction.SubmitReply)));
        Assert.Null(ResidentTimeline.Of(CaseEventKinds.For(CaseAction.ReturnReply)));
        Assert.Null(ResidentTimeline.Of(ContractingEvent.ContractAssigned));
    }

    [Fact]
    public void A_kind_the_rule_does_not_know_stays_hidden()
    {
        Assert.Null(ResidentTimeline.Of("case.something-new"));
        Assert.Null(ResidentTimeline.Of("note.internal"));
    }

    [Fact]
    public void Every_case_action_but_the_two_drafting_steps_is_shown()
    {
        var hidden = Enum.GetValues<CaseAction>().Where(a => ResidentTimeline.Of(CaseEventKinds.For(a)) is null).Order();
        Assert.Equal([CaseAction.SubmitReply, CaseAction.ReturnReply], hidden);
    }
}
