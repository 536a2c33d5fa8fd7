using Fengqiao.Core.Cases;

namespace Fengqiao.Core.Mediation;

/// <summary>
/// 访调对接: a petition or 12345 case turned into a people's mediation, and a mediation that failed turned back into its
/// case. Both records keep the link in their own chained log, so each timeline names the other. These are the rules of
/// when either turn fits; the pages offer a turn exactly when its refusal is null.
/// </summary>
public static class PetitionMediationLinks
{
    /// <summary>The kind of the case-log event naming the mediation it was referred to.</summary>
    public const string CaseReferredKind = "link.mediation-referred";

    /// <summary>The kind of the case-log event naming the failed mediation that came back.</summary>
    public const string CaseReturnedKind = "link.mediation-returned";

    /// <summary>The kind of the mediation-log event naming the case it came from.</summary>
    public const string MediationFromCaseKind = "mediation.from-case";

    /// <summary>The kind of the mediation-log event naming the case it went back to.</summary>
    public const string MediationBackToCaseKind = "mediation.back-to-case";

    /// <summary>
    /// Why the case may not be referred to mediation now, or null. A case still being handled may be referred (not one
    /// refused, transferred away, answered or closed), and only while no mediation it was referred to is still open.
    /// </summary>
    public static string? ReferralRefusal(CaseState state, bool hasOpenMediation) => state switch
    {
        CaseState.NotAccepted or CaseState.Transferred or CaseState.Replied or CaseState.Rated or CaseState.Closed
            => "该件已不在办理中，不能转人民调解 (the case is no longer being handled)",
        _ when hasOpenMediation => "该件已转人民调解，调解尚未结束 (the case is already in a mediation that has not ended)",
        _ => null,
    };

    /// <summary>
    /// Why the mediation may not go back to a case now, or null: only a mediation that failed (调解不成) or that a party
    /// declined, that came from a case, and that has not gone back already.
    /// </summary>
    public static string? ReturnRefusal(MediationState state, bool cameFromCase, bool alreadyReturned) =>
        state is not (MediationState.Failed or MediationState.Declined)
            ? "只有调解不成或当事人拒绝调解的，才能转回信访件办理 (only a failed or declined mediation goes back to the case)"
            : !cameFromCase ? "该调解不是由信访件转来的，请在登记页登记为新件 (this mediation did not come from a case; register it at intake)"
            : alreadyReturned ? "该调解已转回信访件 (the mediation already went back to its case)"
            : null;

    /// <summary>Whether a mediation counts as still open for a referral: anything before an outcome.</summary>
    public static bool IsOpen(MediationState state) =>
        state is MediationState.Applied or MediationState.AwaitingConsent or MediationState.InMediation or MediationState.AgreementDrafted;
}
