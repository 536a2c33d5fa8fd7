using System.Collections.Immutable;
using Fengqiao.Core.Calendar;
using Fengqiao.Core.Cases.Sla;

namespace Fengqiao.Core.Cases;

// The written reply, the resident's rating, and review / re-review (答复、评价、复查、复核).
public sealed partial record CaseFile
{
    // The four-eyes rule of a written reply (起草、签发分离): one person drafts and submits, another of the handling unit
    // signs it off or returns it. The signer sees the draft (and the reply checks) before anything reaches the resident.
    private (CaseFile, ImmutableSortedDictionary<string, string>) Submit(SubmitReply command)
    {
        if (PendingReply is { } pending)
        {
            throw Refuse(command.Action, $"已有 {pending.DraftedBy} 报送的答复草稿待签发 (a draft by {pending.DraftedBy} is already waiting for sign-off)");
        }
        var text = Text(command.DraftText, "答复意见书草稿", "the draft reply", command.Action);
        return (this with { PendingReply = new ReplyDraft(text, command.Actor.Trim(), command.At) }, Data(("draftText", text)));
    }

    private (CaseFile, ImmutableSortedDictionary<string, string>) Return(ReturnReply command)
    {
        if (PendingReply is null)
        {
            throw Refuse(command.Action, "没有待签发的答复草稿 (there is no draft reply waiting for sign-off)");
        }
        var reason = Text(command.Reason, "退回理由", "a reason for returning the draft", command.Action);
        return (this with { PendingReply = null }, Data(("reason", reason)));
    }

    private (CaseFile, ImmutableSortedDictionary<string, string>) Reply(ReplyToCase command)
    {
        if (PendingReply is not { } draft)
        {
            throw Refuse(command.Action, "答复意见书须先起草并报送签发 (the reply must be drafted and submitted for sign-off first)");
        }
        if (string.Equals(command.Actor.Trim(), draft.DraftedBy, StringComparison.Ordinal))
        {
            throw Refuse(command.Action, "不能签发自己起草的答复 (nobody may sign off their own draft)");
        }
        if (command.SignerUnit is { } signerUnit && signerUnit != (HandlingUnit ?? ReviewingUnit))
        {
            throw Refuse(command.Action, "只有承办单位可以签发答复 (only the handling unit may sign off the reply)");
        }
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
        if (RatingWindow is { } window && command.At >= window.Due)
        {
            throw Refuse(command.Action, $"评价期已于 {Format(window.Due)} 届满 (the rating window closed)");
        }
        return (this with { Rating = command.Rating }, Data(("rating", command.Rating.ToString())));
    }

    private (CaseFile, ImmutableSortedDictionary<string, string>) NoRating(RecordNoRating command)
    {
        if (RatingWindow is { } window && command.At < window.Due)
        {
            throw Refuse(command.Action, $"评价期至 {Format(window.Due)} 才届满 (the resident may still rate until the window closes)");
        }
        return (this with { Rating = CaseRating.NotRated }, Data(("rating", nameof(CaseRating.NotRated))));
    }

    private (CaseFile, ImmutableSortedDictionary<string, string>) OpenReview(CaseCommand command, Guid reviewingUnit, string grounds, CaseStage stage)
    {
        var action = command.Action;
        if (Stage == CaseStage.ReReview)
        {
            throw Refuse(action, "复核意见为终局意见，同一事实和理由不再受理 (after re-review the same facts and grounds are not accepted again)");
        }
        if (stage == CaseStage.Review && Stage != CaseStage.Original)
        {
            throw Refuse(action, "已经复查，请申请复核 (the case was already reviewed; request a re-review)");
        }
        if (stage == CaseStage.ReReview && Stage != CaseStage.Review)
        {
            throw Refuse(action, "尚未复查，不能申请复核 (a re-review needs a review first)");
        }
        if (RepliedAt is null || ResolvedOnTheSpot)
        {
            throw Refuse(action, "没有可复查的书面答复 (there is no written reply to review)");
        }
        var opinionStage = stage == CaseStage.Review ? SlaStage.ReviewOpinion : SlaStage.ReReviewOpinion;
        if (ReviewRequestWindow is not { } window || !Policy.Profile.TryGetRule(opinionStage, out _))
        {
            throw Refuse(action, $"时限规则『{Policy.Profile.Name}』不设{CaseNames.Chinese(action)} (profile {Policy.Profile.Code} has no {stage} stage)");
        }
        if (command.At >= window.Due)
        {
            throw Refuse(action, $"申请{CaseNames.Chinese(action)}的期限已于 {Format(window.Due)} 届满 (the window to request {stage} has closed)");
        }
        if (reviewingUnit == Guid.Empty)
        {
            throw Refuse(action, "请选择复查（复核）机关 (choose the reviewing body)");
        }
        var text = Text(grounds, "申请理由", "the grounds", action);
        var deadline = Policy.Start(opinionStage, command.At);
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
