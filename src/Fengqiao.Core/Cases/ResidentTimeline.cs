using Fengqiao.Core.Mediation;

namespace Fengqiao.Core.Cases;

/// <summary>What the resident sees of a case's log on the tracking pages (办理进度): the steps taken on the matter.</summary>
public enum ResidentStep
{
    Submitted = 1,
    ResolvedOnTheSpot,
    Action,            // a case action, named as staff name it (受理, 交办 …)
    Answered,          // 答复意见 signed off: what the resident receives
    Attachment,
    ToMediation,       // 转人民调解
    BackFromMediation, // 调解未成，转回办理
}

/// <summary>
/// Which log entries a resident sees and as what. Drafting inside the handling unit (报送签发, 退回草稿) and who leads
/// a case (包案) are the administration's own work; an entry kind this rule does not know stays hidden, so a new
/// internal event is never shown by accident.
/// </summary>
public static class ResidentTimeline
{
    public static ResidentStep? Of(string kind)
    {
        if (kind == CaseEventKinds.Registered)
        {
            return ResidentStep.Submitted;
        }
        if (kind == CaseEventKinds.ResolvedOnTheSpot)
        {
            return ResidentStep.ResolvedOnTheSpot;
        }
        if (kind.StartsWith("note.attachment", StringComparison.Ordinal))
        {
            return ResidentStep.Attachment;
        }
        if (kind == PetitionMediationLinks.CaseReferredKind)
        {
            return ResidentStep.ToMediation;
        }
        if (kind == PetitionMediationLinks.CaseReturnedKind)
        {
            return ResidentStep.BackFromMediation;
        }
        if (!CaseEventKinds.TryGetAction(kind, out var action))
        {
            return null;
        }
        return action switch
        {
            CaseAction.SubmitReply or CaseAction.ReturnReply => null,
            CaseAction.Reply => ResidentStep.Answered,
            _ => ResidentStep.Action,
        };
    }
}
