using System.Collections.Immutable;
using Fengqiao.Core.Cases.Deadlines;

namespace Fengqiao.Core.Cases;

// Reopening after a look-back review (回头看) found the closure was on paper only (程序性办结).
public sealed partial record CaseFile
{
    private (CaseFile, ImmutableSortedDictionary<string, string>) Reopen(ReopenCase command)
    {
        if (command.HandlingUnit == Guid.Empty)
        {
            throw Refuse(command.Action, "请选择重新承办单位 (choose the unit that will handle the reopened case)");
        }
        var reason = Text(command.Reason, "重新交办理由", "a reason for reopening", command.Action);
        // The stage stays (a reopened review is still a review); its limit starts again from the reopening,
        // because counting from registration would make every reopened case overdue at once.
        var stage = Stage switch
        {
            CaseStage.Review => SlaStage.ReviewOpinion,
            CaseStage.ReReview => SlaStage.ReReviewOpinion,
            _ => Policy.Profile.HandlingRule(Urgent).Stage,
        };
        var deadline = Policy.Start(stage, command.At);
        var next = this with
        {
            HandlingUnit = command.HandlingUnit,
            CoHandlers = [],
            ReplyText = null,
            RepliedAt = null,
            Rating = null,
            RatingWindow = null,
            ReviewRequestWindow = null,
            Deadline = deadline,
        };
        return (next, Data([("handlingUnit", command.HandlingUnit.ToString("D")), ("reason", reason), .. DeadlineData(deadline)]));
    }
}
