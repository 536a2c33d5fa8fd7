using NodaTime;

namespace Fengqiao.Core.Contracting;

public enum FollowUpMethod
{
    Phone = 1,   // 电话回访
    OnSite = 2,  // 上门回访
    Video = 3,   // 视频回访
    Message = 4, // 短信 / 网上回访
}

public enum FollowUpOutcome
{
    Resolved = 1,       // 问题已解决
    PartlyResolved = 2, // 部分解决
    NotResolved = 3,    // 未解决
    Unreachable = 4,    // 联系不上
}

/// <summary>
/// A follow-up visit (回访) to the resident after a case is closed. A visit that finds the matter not resolved,
/// or the resident unsatisfied, marks the case for a look-back review (回头看); the visit itself reopens nothing.
/// </summary>
public sealed record FollowUpVisit
{
    private FollowUpVisit(Guid id, Guid caseId, Instant caseClosedAt, Instant visitedAt, string visitedBy, FollowUpMethod method,
        FollowUpOutcome outcome, bool? residentSatisfied, string? notes)
    {
        Id = id;
        CaseId = caseId;
        CaseClosedAt = caseClosedAt;
        VisitedAt = visitedAt;
        VisitedBy = visitedBy;
        Method = method;
        Outcome = outcome;
        ResidentSatisfied = residentSatisfied;
        Notes = notes;
    }

    public Guid Id { get; }

    public Guid CaseId { get; }

    public Instant CaseClosedAt { get; }

    public Instant VisitedAt { get; }

    public string VisitedBy { get; }

    public FollowUpMethod Method { get; }

    public FollowUpOutcome Outcome { get; }

    /// <summary>Null when the resident could not be reached or would not say.</summary>
    public bool? ResidentSatisfied { get; }

    public string? Notes { get; }

    /// <summary>True when the visit calls the closure into question and a look-back review should follow.</summary>
    public bool CallsForLookBack => Outcome is FollowUpOutcome.NotResolved or FollowUpOutcome.PartlyResolved || ResidentSatisfied == false;

    public static (FollowUpVisit Visit, ContractingEvent Event) Record(Guid id, Guid caseId, Instant caseClosedAt, Instant visitedAt, string actor,
        FollowUpMethod method, FollowUpOutcome outcome, bool? residentSatisfied, string? notes)
    {
        if (id == Guid.Empty || caseId == Guid.Empty)
        {
            throw new ContractingRuleException("回访须有编号和案件 (a visit needs an id and a case)");
        }
        if (!Enum.IsDefined(method) || !Enum.IsDefined(outcome))
        {
            throw new ContractingRuleException("未知的回访方式或结果 (unknown visit method or outcome)");
        }
        if (visitedAt < caseClosedAt)
        {
            throw new ContractingRuleException("回访只能在办结之后 (a follow-up visit comes after the case is closed)");
        }
        if (outcome == FollowUpOutcome.Unreachable && residentSatisfied is not null)
        {
            throw new ContractingRuleException("联系不上群众时不能记录满意与否 (an unreachable resident cannot have rated)");
        }
        var who = ContractingEvent.Text(actor, "回访人", "visitor", 200);
        var text = notes?.Trim();
        if (outcome != FollowUpOutcome.Resolved && string.IsNullOrEmpty(text))
        {
            throw new ContractingRuleException("未解决或联系不上时须写明情况 (notes are required unless the matter is resolved)");
        }
        var visit = new FollowUpVisit(id, caseId, caseClosedAt, visitedAt, who, method, outcome, residentSatisfied, string.IsNullOrEmpty(text) ? null : text);
        return (visit, new ContractingEvent(ContractingEvent.FollowUpRecorded, visitedAt, who, ContractingEvent.DataOf(
            ("visit", id.ToString("D")), ("case", caseId.ToString("D")), ("method", method.ToString()), ("outcome", outcome.ToString()),
            ("satisfied", residentSatisfied?.ToString()), ("notes", visit.Notes))));
    }
}
