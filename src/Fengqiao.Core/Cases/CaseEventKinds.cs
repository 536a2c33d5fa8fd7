namespace Fengqiao.Core.Cases;

/// <summary>The event kinds stored in the case log. Stable strings: the hash chain covers them.</summary>
public static class CaseEventKinds
{
    public const string Registered = "case.registered";
    public const string ResolvedOnTheSpot = "case.resolved-on-the-spot";

    public static string For(CaseAction action) => action switch
    {
        CaseAction.Accept => "case.accepted",
        CaseAction.NotAccept => "case.not-accepted",
        CaseAction.Transfer => "case.transferred",
        CaseAction.Assign => "case.assigned",
        CaseAction.StartHandling => "case.handling-started",
        CaseAction.Reply => "case.replied",
        CaseAction.Rate => "case.rated",
        CaseAction.RecordNoRating => "case.not-rated",
        CaseAction.Close => "case.closed",
        CaseAction.RequestReview => "case.review-requested",
        CaseAction.RequestReReview => "case.re-review-requested",
        CaseAction.RequestExtension => "case.extension-requested",
        CaseAction.ApproveExtension => "case.extension-approved",
        CaseAction.RejectExtension => "case.extension-rejected",
        CaseAction.SubmitReply => "case.reply-submitted",
        CaseAction.ReturnReply => "case.reply-returned",
        CaseAction.RecordMediationSession => "case.mediation-session",
        CaseAction.RecordMediationAgreement => "case.mediation-agreement",
        CaseAction.RecordAgreementFollowUp => "case.agreement-follow-up",
        CaseAction.SuspendHandling => "case.suspended",
        CaseAction.ResumeHandling => "case.resumed",
        CaseAction.Reopen => "case.reopened",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "未知的操作 (unknown action)"),
    };

    private static readonly Dictionary<string, CaseAction> ByKind =
        Enum.GetValues<CaseAction>().ToDictionary(For, a => a, StringComparer.Ordinal);

    /// <summary>The action an event kind records; false for registration events and unknown kinds.</summary>
    public static bool TryGetAction(string kind, out CaseAction action) => ByKind.TryGetValue(kind, out action);
}
