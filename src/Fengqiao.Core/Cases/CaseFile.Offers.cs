using System.Collections.Frozen;
using System.Globalization;
using NodaTime;

namespace Fengqiao.Core.Cases;

// What may be done to the case now (可办事项). Every rule that depends on the case, the person and the hour rather than on
// what is typed into the form lives here, once: Apply refuses with it and Offers lists what it lets through, so a page
// that offers Offers never offers an action the case then refuses.
public sealed partial record CaseFile
{
    /// <summary>
    /// The actions the case accepts from <paramref name="actor"/> of <paramref name="actorUnit"/> at <paramref name="at"/>,
    /// given valid input (a reason where one is asked, a unit where one is chosen).
    /// </summary>
    public IReadOnlySet<CaseAction> Offers(string actor, Guid? actorUnit, Instant at) =>
        Enum.GetValues<CaseAction>().Where(a => Refusal(a, actor, actorUnit, at) is null).ToFrozenSet();

    /// <summary>
    /// Why the case refuses <paramref name="action"/> from this person at this instant whatever they fill in, or null
    /// when valid input would be accepted. <paramref name="actorUnit"/> is the unit that decides an extension or signs a
    /// reply; null where the command names none.
    /// </summary>
    public CaseRuleException? Refusal(CaseAction action, string actor, Guid? actorUnit, Instant at)
    {
        if (!CaseLifecycle.IsAllowed(State, action))
        {
            return CaseRuleException.NotAllowed(State, action);
        }
        var message = at < LastActionAt ? "操作时间早于上一次操作 (the action is dated before the case's previous action)"
            : SuspendedAt is not null && action != CaseAction.ResumeHandling ? "案件已中止办理，请先恢复办理 (the case is suspended; resume it first)"
            : action switch
            {
                CaseAction.RequestExtension => ExtensionRequestRefusal(at),
                CaseAction.ApproveExtension => ExtensionDecisionRefusal(actor, actorUnit) ?? RunningLimitRefusal("当前没有可延长的期限 (no time limit is running)"),
                CaseAction.RejectExtension => ExtensionDecisionRefusal(actor, actorUnit),
                CaseAction.SuspendHandling => RunningLimitRefusal("当前没有正在计算的期限 (no time limit is running)"),
                CaseAction.ResumeHandling => SuspendedAt is null || Deadline is null ? "案件未中止办理 (the case is not suspended)" : null,
                CaseAction.SubmitReply => PendingReply is { } pending
                    ? $"已有 {pending.DraftedBy} 报送的答复草稿待签发 (a draft by {pending.DraftedBy} is already waiting for sign-off)"
                    : null,
                // The drafter may take back their own draft; only signing it off needs a second person.
                CaseAction.ReturnReply => PendingReply is null ? "没有待签发的答复草稿 (there is no draft reply waiting for sign-off)" : null,
                CaseAction.Reply => SignOffRefusal(actor, actorUnit),
                CaseAction.Rate => RatingWindow is { } open && at >= open.Due ? $"评价期已于 {Format(open.Due)} 届满 (the rating window closed)" : null,
                CaseAction.RecordNoRating => RatingWindow is { } window && at < window.Due
                    ? $"评价期至 {Format(window.Due)} 才届满 (the resident may still rate until the window closes)"
                    : null,
                CaseAction.RequestReview => ReviewRefusal(action, CaseStage.Review, at),
                CaseAction.RequestReReview => ReviewRefusal(action, CaseStage.ReReview, at),
                CaseAction.RecordMediationSession => DisputeRefusal(),
                CaseAction.RecordMediationAgreement => DisputeRefusal()
                    ?? (MediationSessions.IsEmpty ? "达成调解协议前应有调解记录 (record a mediation session first)"
                        : Agreement is not null ? "已有调解协议 (a mediation agreement is already recorded)" : null),
                CaseAction.RecordAgreementFollowUp => DisputeRefusal()
                    ?? (Agreement is null ? "没有调解协议可回访 (there is no mediation agreement to follow up)" : null),
                _ => null,
            };
        return message is null ? null : Refuse(action, message);
    }

    // 延期只能一次, in the original stage, before the limit passes, under a profile that allows it.
    private string? ExtensionRequestRefusal(Instant at) =>
        Stage != CaseStage.Original ? "复查、复核期间不能延期 (no extension during review or re-review)"
        : Policy.Profile.MaxExtensionDays == 0 ? $"时限规则『{Policy.Profile.Name}』不允许延期 (profile {Policy.Profile.Code} allows no extension)"
        : Extension is not null ? "每件只能申请一次延期 (a case may ask for an extension only once)"
        : Deadline is not { } running ? "当前没有可延长的期限 (no time limit is running)"
        : at >= running.Deadline.Due ? "办理期限已过，不能再申请延期 (the time limit has already passed)"
        : null;

    // A pending request, decided by the handling unit, by someone other than the one who asked.
    private string? ExtensionDecisionRefusal(string actor, Guid? unit) =>
        Extension is not { Decision: ExtensionDecision.Pending } request ? "没有待审批的延期申请 (there is no pending extension request)"
        : unit is null || unit != HandlingUnit ? "只有承办单位负责人可以审批延期 (only the handling unit's leader may decide an extension)"
        : IsSamePerson(actor, request.RequestedBy) ? "不能审批自己的延期申请 (nobody may decide their own extension request)"
        : null;

    private string? RunningLimitRefusal(string message) => Deadline is null ? message : null;

    // 起草、签发分离: a submitted draft, signed off by someone else, of the handling (or reviewing) unit when a unit is named.
    private string? SignOffRefusal(string actor, Guid? signerUnit) =>
        PendingReply is null ? "答复意见书须先起草并报送签发 (the reply must be drafted and submitted for sign-off first)"
        : IsSamePerson(actor, PendingReply.DraftedBy) ? "不能签发自己起草的答复 (nobody may sign off their own draft)"
        : signerUnit is { } unit && unit != (HandlingUnit ?? ReviewingUnit) ? "只有承办单位可以签发答复 (only the handling unit may sign off the reply)"
        : null;

    // 复查 follows a written reply, 复核 follows 复查, and nothing follows 复核; each only within its window.
    private string? ReviewRefusal(CaseAction action, CaseStage stage, Instant at)
    {
        if (Stage == CaseStage.ReReview)
        {
            return "复核意见为终局意见，同一事实和理由不再受理 (after re-review the same facts and grounds are not accepted again)";
        }
        if (stage == CaseStage.Review && Stage != CaseStage.Original)
        {
            return "已经复查，请申请复核 (the case was already reviewed; request a re-review)";
        }
        if (stage == CaseStage.ReReview && Stage != CaseStage.Review)
        {
            return "尚未复查，不能申请复核 (a re-review needs a review first)";
        }
        if (RepliedAt is null || ResolvedOnTheSpot)
        {
            return "没有可复查的书面答复 (there is no written reply to review)";
        }
        if (ReviewRequestWindow is not { } window || !Policy.Profile.TryGetRule(OpinionStage(stage), out _))
        {
            return $"时限规则『{Policy.Profile.Name}』不设{CaseNames.Chinese(action)} (profile {Policy.Profile.Code} has no {stage} stage)";
        }
        return at >= window.Due
            ? string.Create(CultureInfo.InvariantCulture, $"申请{CaseNames.Chinese(action)}的期限已于 {Format(window.Due)} 届满 (the window to request {stage} has closed)")
            : null;
    }

    private string? DisputeRefusal() => Kind != CaseKind.Dispute ? "只有矛盾纠纷案件才有调解 (only disputes are mediated)" : null;

    private static bool IsSamePerson(string? actor, string other) => string.Equals(actor?.Trim(), other, StringComparison.Ordinal);
}
