using NodaTime;

namespace Fengqiao.Core.Cases;

/// <summary>
/// An action on a registered case, by whom and when. Commands carry what the staff member entered; whether it is
/// allowed is decided by <see cref="CaseFile.Apply"/>.
/// </summary>
public abstract record CaseCommand(Instant At, string Actor)
{
    public abstract CaseAction Action { get; }
}

/// <summary>Opens a case (登记). Not a <see cref="CaseCommand"/>: there is no case yet.</summary>
public sealed record RegisterCase(Guid CaseId, CaseKind Kind, CaseChannel Channel, string? CategoryCode, bool Urgent, Instant At, string Actor);

/// <summary>受理.</summary>
public sealed record AcceptCase(Instant At, string Actor) : CaseCommand(At, Actor)
{
    public override CaseAction Action => CaseAction.Accept;
}

/// <summary>不予受理, with the reason the resident is told.</summary>
public sealed record NotAcceptCase(Instant At, string Actor, string Reason) : CaseCommand(At, Actor)
{
    public override CaseAction Action => CaseAction.NotAccept;
}

/// <summary>转送 to the unit with jurisdiction (有权处理的机关、单位).</summary>
public sealed record TransferCase(Instant At, string Actor, Guid ToUnit, string? Note = null) : CaseCommand(At, Actor)
{
    public override CaseAction Action => CaseAction.Transfer;
}

/// <summary>交办 to a handling unit, optionally with co-handling units (协办单位).</summary>
public sealed record AssignCase(Instant At, string Actor, Guid HandlingUnit, IReadOnlyList<Guid>? CoHandlers = null) : CaseCommand(At, Actor)
{
    public override CaseAction Action => CaseAction.Assign;
}

/// <summary>The handling unit signs for the case and starts work (签收办理).</summary>
public sealed record StartHandling(Instant At, string Actor) : CaseCommand(At, Actor)
{
    public override CaseAction Action => CaseAction.StartHandling;
}

/// <summary>
/// The written reply goes out (签发答复意见书; in review the 复查意见, in re-review the 复核意见): signed off by someone
/// other than its drafter, from the handling unit when <paramref name="SignerUnit"/> is given. The text is the
/// submitted draft, possibly corrected by the signer.
/// </summary>
public sealed record ReplyToCase(Instant At, string Actor, string ReplyText, Guid? SignerUnit = null) : CaseCommand(At, Actor)
{
    public override CaseAction Action => CaseAction.Reply;
}

/// <summary>The handler submits the drafted reply for sign-off (报送签发).</summary>
public sealed record SubmitReply(Instant At, string Actor, string DraftText) : CaseCommand(At, Actor)
{
    public override CaseAction Action => CaseAction.SubmitReply;
}

/// <summary>The signer returns the draft for rework, saying what to change (退回修改).</summary>
public sealed record ReturnReply(Instant At, string Actor, string Reason) : CaseCommand(At, Actor)
{
    public override CaseAction Action => CaseAction.ReturnReply;
}

/// <summary>The resident's rating of the reply.</summary>
public sealed record RateCase(Instant At, string Actor, CaseRating Rating) : CaseCommand(At, Actor)
{
    public override CaseAction Action => CaseAction.Rate;
}

/// <summary>Records that the resident did not rate within the rating window.</summary>
public sealed record RecordNoRating(Instant At, string Actor) : CaseCommand(At, Actor)
{
    public override CaseAction Action => CaseAction.RecordNoRating;
}

/// <summary>办结.</summary>
public sealed record CloseCase(Instant At, string Actor) : CaseCommand(At, Actor)
{
    public override CaseAction Action => CaseAction.Close;
}

/// <summary>The resident asks the next-higher body to review the reply (复查申请).</summary>
public sealed record RequestReview(Instant At, string Actor, Guid ReviewingUnit, string Grounds) : CaseCommand(At, Actor)
{
    public override CaseAction Action => CaseAction.RequestReview;
}

/// <summary>The resident asks the body above the reviewer to re-review the review opinion (复核申请).</summary>
public sealed record RequestReReview(Instant At, string Actor, Guid ReviewingUnit, string Grounds) : CaseCommand(At, Actor)
{
    public override CaseAction Action => CaseAction.RequestReReview;
}

/// <summary>The handler asks for more time (延期申请): at most the profile's limit, with a reason, once per case.</summary>
public sealed record RequestExtension(Instant At, string Actor, int Days, string Reason) : CaseCommand(At, Actor)
{
    public override CaseAction Action => CaseAction.RequestExtension;
}

/// <summary>
/// The handling unit's leader approves the pending extension. The caller vouches that <see cref="CaseCommand.Actor"/>
/// holds the leader role; the case checks the unit and that nobody approves their own request.
/// </summary>
public sealed record ApproveExtension(Instant At, string Actor, Guid ApproverUnit) : CaseCommand(At, Actor)
{
    public override CaseAction Action => CaseAction.ApproveExtension;
}

/// <summary>The leader refuses the pending extension; the original deadline stands.</summary>
public sealed record RejectExtension(Instant At, string Actor, Guid ApproverUnit, string Reason) : CaseCommand(At, Actor)
{
    public override CaseAction Action => CaseAction.RejectExtension;
}

/// <summary>
/// Stops the clock (中止办理), e.g. while waiting for an appraisal or a court; nothing else may happen until the
/// case is resumed.
/// </summary>
public sealed record SuspendHandling(Instant At, string Actor, string Reason) : CaseCommand(At, Actor)
{
    public override CaseAction Action => CaseAction.SuspendHandling;
}

/// <summary>Restarts the clock (恢复办理); the running limit moves later by the suspended time.</summary>
public sealed record ResumeHandling(Instant At, string Actor) : CaseCommand(At, Actor)
{
    public override CaseAction Action => CaseAction.ResumeHandling;
}

/// <summary>One mediation session of a dispute (调解).</summary>
public sealed record RecordMediationSession(Instant At, string Actor, string Mediator, string Summary) : CaseCommand(At, Actor)
{
    public override CaseAction Action => CaseAction.RecordMediationSession;
}

/// <summary>The parties' mediation agreement (调解协议).</summary>
public sealed record RecordMediationAgreement(Instant At, string Actor, string Terms) : CaseCommand(At, Actor)
{
    public override CaseAction Action => CaseAction.RecordMediationAgreement;
}

/// <summary>A follow-up visit on whether the agreement was honoured (履行情况回访).</summary>
public sealed record RecordAgreementFollowUp(Instant At, string Actor, bool Honoured, string Note) : CaseCommand(At, Actor)
{
    public override CaseAction Action => CaseAction.RecordAgreementFollowUp;
}

/// <summary>
/// Reopens a closed case that a look-back review (回头看) found not truly resolved and hands it to a unit again
/// (重新交办), with a fresh handling limit counted from the reopening.
/// </summary>
public sealed record ReopenCase(Instant At, string Actor, Guid HandlingUnit, string Reason) : CaseCommand(At, Actor)
{
    public override CaseAction Action => CaseAction.Reopen;
}
