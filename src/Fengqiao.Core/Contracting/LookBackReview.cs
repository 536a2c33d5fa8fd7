using NodaTime;

namespace Fengqiao.Core.Contracting;

public enum LookBackDecision
{
    TrulyResolved = 1,    // 真正化解（案结事了）
    NotTrulyResolved = 2, // 未真正化解，重新交办
}

/// <summary>
/// The outcome of a look-back review that found a closed case not truly resolved: the case layer reopens the case
/// and hands it to <see cref="HandlingUnit"/>. It is a request rather than a state change here because the case's
/// own lifecycle decides how a closed case is reopened.
/// </summary>
public sealed record ReopenRequest(Guid CaseId, Guid ReviewId, Guid HandlingUnit, string Reason, Instant At, string DecidedBy);

/// <summary>
/// A look-back review (回头看) of a closed case: started, then decided once. "Not truly resolved" is the finding
/// that the closure was on paper only (程序性办结); it produces a <see cref="ReopenRequest"/>.
/// </summary>
public sealed record LookBackReview
{
    private LookBackReview(Guid id, Guid caseId, Guid? followUpVisit, string reason, Instant startedAt, string startedBy)
    {
        Id = id;
        CaseId = caseId;
        FollowUpVisit = followUpVisit;
        Reason = reason;
        StartedAt = startedAt;
        StartedBy = startedBy;
    }

    public Guid Id { get; }

    public Guid CaseId { get; }

    /// <summary>The follow-up visit that prompted the review, if one did (it may also come from a periodic sweep, 专项回头看).</summary>
    public Guid? FollowUpVisit { get; }

    public string Reason { get; }

    public Instant StartedAt { get; }

    public string StartedBy { get; }

    public LookBackDecision? Decision { get; private init; }

    public string? Findings { get; private init; }

    public Instant? DecidedAt { get; private init; }

    public string? DecidedBy { get; private init; }

    public ReopenRequest? Reopen { get; private init; }

    public static (LookBackReview Review, ContractingEvent Event) Start(Guid id, Guid caseId, Guid? followUpVisit, string reason, Instant at, string actor)
    {
        if (id == Guid.Empty || caseId == Guid.Empty)
        {
            throw new ContractingRuleException("回头看须有编号和案件 (a review needs an id and a case)");
        }
        var who = ContractingEvent.Text(actor, "操作人", "actor", 200);
        var why = ContractingEvent.Text(reason, "回头看事由", "a reason");
        return (new LookBackReview(id, caseId, followUpVisit, why, at, who), new ContractingEvent(ContractingEvent.LookBackStarted, at, who, ContractingEvent.DataOf(
            ("review", id.ToString("D")), ("case", caseId.ToString("D")), ("visit", followUpVisit?.ToString("D")), ("reason", why))));
    }

    /// <summary>Records the finding, once. Reopening names the unit that will handle the case again.</summary>
    public (LookBackReview Review, ContractingEvent Event) Decide(LookBackDecision decision, string findings, Guid? reopenTo, Instant at, string actor)
    {
        if (Decision is not null)
        {
            throw new ContractingRuleException("回头看已有结论，不能更改 (the review has already been decided)");
        }
        if (!Enum.IsDefined(decision))
        {
            throw new ContractingRuleException("未知的回头看结论 (unknown decision)");
        }
        if (at < StartedAt)
        {
            throw new ContractingRuleException("结论时间早于回头看开始 (decided before the review started)");
        }
        var who = ContractingEvent.Text(actor, "操作人", "actor", 200);
        var text = ContractingEvent.Text(findings, "核查情况", "findings");
        ReopenRequest? reopen = null;
        if (decision == LookBackDecision.NotTrulyResolved)
        {
            if (reopenTo is not { } unit || unit == Guid.Empty)
            {
                throw new ContractingRuleException("未真正化解的案件须指定重新承办单位 (name the unit that will handle the reopened case)");
            }
            reopen = new ReopenRequest(CaseId, Id, unit, text, at, who);
        }
        else if (reopenTo is not null)
        {
            throw new ContractingRuleException("已真正化解的案件不重新交办 (a truly resolved case is not reopened)");
        }
        return (this with { Decision = decision, Findings = text, DecidedAt = at, DecidedBy = who, Reopen = reopen },
            new ContractingEvent(ContractingEvent.LookBackDecided, at, who, ContractingEvent.DataOf(
                ("review", Id.ToString("D")), ("case", CaseId.ToString("D")), ("decision", decision.ToString()),
                ("findings", text), ("reopenTo", reopen?.HandlingUnit.ToString("D")))));
    }
}
