using System.Collections.Immutable;
using Fengqiao.Core.Calendar;
using Fengqiao.Core.Cases.Deadlines;

namespace Fengqiao.Core.Cases;

// The written reply, the resident's rating, and review / re-review (答复、评价、复查、复核).
public sealed partial record CaseFile
{
    // The four-eyes rule of a written reply (起草、签发分离): one person drafts and submits, another of the handling unit
    // signs it off or returns it. The signer sees the draft (and the reply checks) before anything reaches the resident.
    private (CaseFile, ImmutableSortedDictionary<string, string>) Submit(SubmitReply command)
    {
        var text = Text(command.DraftText, "答复意见书草稿", "the draft reply", command.Action);
        return (this with { PendingReply = new ReplyDraft(text, command.Actor.Trim(), command.At) }, Data(("draftText", text)));
    }

    private (CaseFile, ImmutableSortedDictionary<string, string>) Return(ReturnReply command)
    {
        var reason = Text(command.Reason, "退回理由", "a reason for returning the draft", command.Action);
        return (this with { PendingReply = null }, Data(("reason", reason)));
    }

    private (CaseFile, ImmutableSortedDictionary<string, string>) Reply(ReplyToCase command)
    {
        var draft = PendingReply!;
        // The signer may correct the wording; an empty text signs the draft as submitted.
        var text = string.IsNullOrWhiteSpace(command.ReplyText) ? draft.Text : Text(command.ReplyText, "答复意见书", "the written reply", command.Action);
        var onTime = Deadline is not { } running || command.At < running.Deadline.Due;
        var requestStage = Stage switch
        {
            CaseStage.Original => SlaStage.ReviewRequest,
            CaseStage.Review => SlaStage.ReReviewRequest,
            _ => (SlaStage?)null, // 复核意见为终局
        };
        var reviewWindow = requestStage is { } s && Policy.Profile.TryGetRule(s, out var rule)
            ? Policy.Calculator.Compute(command.At, rule.Period, rule.RollsToWorkingDay)
            : null;
        var ratingWindow = Policy.Profile.TryGetRule(SlaStage.RatingWindow, out var ratingRule)
            ? Policy.Calculator.Compute(command.At, ratingRule.Period, ratingRule.RollsToWorkingDay)
            : null;
        var next = this with
        {
            PendingReply = null,
            ReplyText = text,
            RepliedAt = command.At,
            Deadline = null,
            ReviewRequestWindow = reviewWindow,
            RatingWindow = ratingWindow,
        };
        return (next, Data(
            ("replyText", text),
            ("draftedBy", draft.DraftedBy),
            ("signerUnit", command.SignerUnit?.ToString("D")),
            ("onTime", onTime ? "true" : "false"),
            ("reviewRequestDueAt", reviewWindow is null ? null : Format(reviewWindow.Due)),
            ("ratingDueAt", ratingWindow is null ? null : Format(ratingWindow.Due))));
    }

    private (CaseFile, ImmutableSortedDictionary<string, string>) Rate(RateCase command)
    {
        if (!Enum.IsDefined(command.Rating) || command.Rating == CaseRating.NotRated)
        {
            throw Refuse(command.Action, "评价应为满意、基本满意或不满意 (rating must be satisfied, basically satisfied or unsatisfied)");
        }
        return (this with { Rating = command.Rating }, Data(("rating", command.Rating.ToString())));
    }

    private (CaseFile, ImmutableSortedDictionary<string, string>) NoRating(RecordNoRating command)
    {
        return (this with { Rating = CaseRating.NotRated }, Data(("rating", nameof(CaseRating.NotRated))));
    }

    private static SlaStage OpinionStage(CaseStage stage) => stage == CaseStage.Review ? SlaStage.ReviewOpinion : SlaStage.ReReviewOpinion;

    private (CaseFile, ImmutableSortedDictionary<string, string>) OpenReview(CaseCommand command, Guid reviewingUnit, string grounds, CaseStage stage)
    {
        var action = command.Action;
        if (reviewingUnit == Guid.Empty)
        {
            throw Refuse(action, "请选择复查（复核）机关 (choose the reviewing body)");
        }
        var text = Text(grounds, "申请理由", "the grounds", action);
        var deadline = Policy.Start(OpinionStage(stage), command.At);
        var next = this with
        {
            Stage = stage,
            ReviewingUnit = reviewingUnit,
            HandlingUnit = null,
            CoHandlers = [],
            ReplyText = null,
            RepliedAt = null,
            Rating = null,
            RatingWindow = null,
            ReviewRequestWindow = null,
            Deadline = deadline,
        };
        return (next, Data([("reviewingUnit", reviewingUnit.ToString("D")), ("grounds", text), .. DeadlineData(deadline)]));
    }
}
