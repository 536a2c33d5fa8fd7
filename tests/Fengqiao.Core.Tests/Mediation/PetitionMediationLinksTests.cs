using Fengqiao.Core.Cases;
using Fengqiao.Core.Mediation;

namespace Fengqiao.Core.Tests.Mediation;

public sealed class PetitionMediationLinksTests
{
    [Theory]
    [InlineData(CaseState.Registered, true)]
    [InlineData(CaseState.Accepted, true)]
    [InlineData(CaseState.Assigned, true)]
    [InlineData(CaseState.InProgress, true)]
    [InlineData(CaseState.NotAccepted, false)]
    [InlineData(CaseState.Transferred, false)]
    [InlineData(CaseState.Replied, false)]
    [InlineData(CaseState.Closed, false)]
    public void A_case_being_handled_may_be_referred_once_at_a_time(CaseState state, bool referable)
    {
        Assert.Equal(referable, PetitionMediationLinks.ReferralRefusal(state, hasOpenMediation: false) is null);
        Assert.NotNull(PetitionMediationLinks.ReferralRefusal(state, hasOpenMediation: true));
    }

    [Fact]
    public void Only_a_failed_or_declined_mediation_from_a_case_goes_back_once()
    {
        Assert.Null(PetitionMediationLinks.ReturnRefusal(MediationState.Failed, cameFromCase: true, alreadyReturned: false));
        Assert.Null(PetitionMediationLinks.ReturnRefusal(MediationState.Declined, cameFromCase: true, alreadyReturned: false));
        Assert.NotNull(PetitionMediationLinks.ReturnRefusal(MediationState.Failed, cameFromCase: false, alreadyReturned: false));
        Assert.NotNull(PetitionMediationLinks.ReturnRefusal(MediationState.Failed, cameFromCase: true, alreadyReturned: true));
        foreach (var state in Enum.GetValues<MediationState>().Where(s => s is not (MediationState.Failed or MediationState.Declined)))
        {
            Assert.NotNull(PetitionMediationLinks.ReturnRefusal(state, cameFromCase: true, alreadyReturned: false));
        }
        Assert.True(PetitionMediationLinks.IsOpen(MediationState.InMediation));
        Assert.False(PetitionMediationLinks.IsOpen(MediationState.Failed));
    }
}
