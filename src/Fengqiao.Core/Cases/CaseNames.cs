namespace Fengqiao.Core.Cases;

/// <summary>Chinese and English names of states and actions, for messages staff read.</summary>
public static class CaseNames
{
    public static string Chinese(CaseState state) => state switch
    {
        CaseState.Registered => "已登记",
        CaseState.Accepted => "已受理",
        CaseState.NotAccepted => "不予受理",
        CaseState.Transferred => "已转送",
        CaseState.Assigned => "已交办",
        CaseState.InProgress => "办理中",
        CaseState.Replied => "已答复",
        CaseState.Rated => "已评价",
        CaseState.Closed => "已办结",
        _ => state.ToString(),
    };

    public static string English(CaseState state) => state switch
    {
        CaseState.NotAccepted => "not-accepted",
        CaseState.InProgress => "in-progress",
        _ => state.ToString().ToLowerInvariant(),
    };

    public static string Chinese(CaseAction action) => action switch
    {
        CaseAction.Accept => "受理",
        CaseAction.NotAccept => "不予受理",
        CaseAction.Transfer => "转送",
        CaseAction.Assign => "交办",
        CaseAction.StartHandling => "办理中",
        CaseAction.Reply => "答复",
        CaseAction.Rate => "评价",
        CaseAction.RecordNoRating => "逾期未评价",
        CaseAction.Close => "办结",
        CaseAction.RequestReview => "复查",
        CaseAction.RequestReReview => "复核",
        CaseAction.RequestExtension => "申请延期",
        CaseAction.ApproveExtension => "批准延期",
        CaseAction.RejectExtension => "驳回延期",
        CaseAction.RecordMediationSession => "记录调解",
        CaseAction.RecordMediationAgreement => "达成调解协议",
        CaseAction.RecordAgreementFollowUp => "回访协议履行",
        CaseAction.SuspendHandling => "中止办理",
        CaseAction.ResumeHandling => "恢复办理",
        CaseAction.SubmitReply => "报送签发",
        CaseAction.ReturnReply => "退回答复草稿",
        CaseAction.Reopen => "重新交办",
        _ => action.ToString(),
    };

    /// <summary>The English verb phrase, to read "cannot {verb} a {state} case".</summary>
    public static string EnglishVerb(CaseAction action) => action switch
    {
        CaseAction.Accept => "accept",
        CaseAction.NotAccept => "refuse",
        CaseAction.Transfer => "transfer",
        CaseAction.Assign => "assign",
        CaseAction.StartHandling => "start handling",
        CaseAction.Reply => "reply to",
        CaseAction.Rate => "rate",
        CaseAction.RecordNoRating => "record no rating for",
        CaseAction.Close => "close",
        CaseAction.RequestReview => "request review of",
        CaseAction.RequestReReview => "request re-review of",
        CaseAction.RequestExtension => "request an extension for",
        CaseAction.ApproveExtension => "approve an extension for",
        CaseAction.RejectExtension => "reject an extension for",
        CaseAction.RecordMediationSession => "record a mediation session for",
        CaseAction.RecordMediationAgreement => "record a mediation agreement for",
        CaseAction.RecordAgreementFollowUp => "follow up the agreement of",
        CaseAction.SuspendHandling => "suspend",
        CaseAction.ResumeHandling => "resume",
        CaseAction.SubmitReply => "submit a reply for",
        CaseAction.ReturnReply => "return the reply draft of",
        CaseAction.Reopen => "reopen",
        _ => action.ToString(),
    };
}
