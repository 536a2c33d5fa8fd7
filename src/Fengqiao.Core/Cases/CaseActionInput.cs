using NodaTime;

namespace Fengqiao.Core.Cases;

/// <summary>
/// What a person filled in for one lifecycle action, from a form or an API call. Only the fields the action needs are
/// read; <see cref="ToCommand"/> is the one place that turns an action and its fields into a command.
/// </summary>
public sealed record CaseActionInput(
    string? Reason = null,
    string? Note = null,
    Guid? UnitId = null,
    IReadOnlyList<Guid>? CoHandlers = null,
    string? Text = null,
    CaseRating? Rating = null,
    int? Days = null,
    string? Grounds = null,
    string? Mediator = null,
    string? Summary = null,
    string? Terms = null,
    bool? Honoured = null)
{
    /// <summary>The command for <paramref name="action"/>, or null when a field it needs is missing.</summary>
    /// <param name="myUnit">The actor's own unit: an extension is decided, and a reply signed off, by the handling unit.</param>
    public Func<Instant, CaseCommand>? ToCommand(CaseAction action, string actor, Guid? myUnit) => action switch
    {
        CaseAction.Accept => t => new AcceptCase(t, actor),
        CaseAction.NotAccept => t => new NotAcceptCase(t, actor, Reason ?? ""),
        CaseAction.Transfer when UnitId is { } unit => t => new TransferCase(t, actor, unit, Note),
        CaseAction.Assign when UnitId is { } unit => t => new AssignCase(t, actor, unit, CoHandlers),
        CaseAction.StartHandling => t => new StartHandling(t, actor),
        CaseAction.Reply => t => new ReplyToCase(t, actor, Text ?? "", myUnit),
        CaseAction.SubmitReply => t => new SubmitReply(t, actor, Text ?? ""),
        CaseAction.ReturnReply => t => new ReturnReply(t, actor, Reason ?? ""),
        CaseAction.Rate when Rating is { } rating => t => new RateCase(t, actor, rating),
        CaseAction.RecordNoRating => t => new RecordNoRating(t, actor),
        CaseAction.Close => t => new CloseCase(t, actor),
        CaseAction.RequestReview when UnitId is { } unit => t => new RequestReview(t, actor, unit, Grounds ?? Reason ?? ""),
        CaseAction.RequestReReview when UnitId is { } unit => t => new RequestReReview(t, actor, unit, Grounds ?? Reason ?? ""),
        CaseAction.RequestExtension when Days is { } days => t => new RequestExtension(t, actor, days, Reason ?? ""),
        CaseAction.ApproveExtension when myUnit is { } unit => t => new ApproveExtension(t, actor, unit),
        CaseAction.RejectExtension when myUnit is { } unit => t => new RejectExtension(t, actor, unit, Reason ?? ""),
        CaseAction.RecordMediationSession => t => new RecordMediationSession(t, actor, Mediator ?? "", Summary ?? ""),
        CaseAction.RecordMediationAgreement => t => new RecordMediationAgreement(t, actor, Terms ?? ""),
        CaseAction.RecordAgreementFollowUp when Honoured is { } honoured => t => new RecordAgreementFollowUp(t, actor, honoured, Note ?? ""),
        CaseAction.SuspendHandling => t => new SuspendHandling(t, actor, Reason ?? ""),
        CaseAction.ResumeHandling => t => new ResumeHandling(t, actor),
        CaseAction.Reopen when UnitId is { } unit => t => new ReopenCase(t, actor, unit, Reason ?? ""),
        _ => null,
    };
}
