using Fengqiao.Core.Calendar;
using Fengqiao.Core.Contracting;
using Fengqiao.Core.Whistles;
using NodaTime;

namespace Fengqiao.Data.Contracting;

/// <summary>A leader contracting of a case (包案 / 双包案) as stored; the rules are Core's <see cref="CaseContract"/>.</summary>
public sealed class CaseContractRecord : IVersioned
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public ContractKind Kind { get; set; }
    public ContractState State { get; set; }
    public Instant AssignedAt { get; set; }
    public required string AssignedBy { get; set; }
    public Instant? ReleasedAt { get; set; }
    public string? ReleaseSummary { get; set; }
    public Instant LastActionAt { get; set; }
    /// <summary>The leaders' account ids, comma-separated: a contracted leader sees the contract even outside the case's scope.</summary>
    public required string LeaderStaffIds { get; set; }
    public int Version { get; set; }
}

/// <summary>One leader of a contract; a dual contract has two. Looked up by account for "my contracted cases".</summary>
public sealed class CaseContractLeaderRecord
{
    public long Id { get; set; }
    public Guid ContractId { get; set; }
    /// <summary>The contract's case, copied so the scope filter need not go through the contract.</summary>
    public Guid CaseId { get; set; }
    /// <summary>The leader's account id.</summary>
    public required string StaffId { get; set; }
    public required string Name { get; set; }
    public LeaderRole Role { get; set; }
    public Guid UnitId { get; set; }
    /// <summary>All the contract's leaders' account ids, so each leader also sees the partner of a dual contract.</summary>
    public required string ContractLeaderStaffIds { get; set; }
}

/// <summary>A leader's weekly reception day (领导接访日), e.g. every Tuesday 9:00–11:30, as Core's <see cref="ReceptionDay"/>.</summary>
public sealed class ReceptionScheduleRecord : IVersioned
{
    public Guid Id { get; set; }
    public required string LeaderStaffId { get; set; }
    public required string LeaderName { get; set; }
    public Guid UnitId { get; set; }
    /// <summary>The leader's unit's division, for the area scope.</summary>
    public required string DivisionCode { get; set; }
    public IsoDayOfWeek Day { get; set; }
    public TimeOnly From { get; set; }
    public TimeOnly To { get; set; }
    public required string Place { get; set; }
    public bool Active { get; set; } = true;
    public Instant CreatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// A resident received on a reception day, registered as a case (channel visit). Linked to the grid's record of
/// the same leader's reception that day, when the grid rota has one, so the two modules count the same session.
/// </summary>
public sealed class ReceptionCaseRecord
{
    public long Id { get; set; }
    public Guid ScheduleId { get; set; }
    public Guid CaseId { get; set; }
    public DateOnly Date { get; set; }
    public required string LeaderStaffId { get; set; }
    public Guid UnitId { get; set; }
    public Guid? LeaderActivityId { get; set; }
}

/// <summary>A follow-up visit (回访) after closure, as Core's <see cref="FollowUpVisit"/>.</summary>
public sealed class FollowUpVisitRecord
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    /// <summary>The unit that handled the case (or registered it, when none did): what the visit is counted against.</summary>
    public Guid UnitId { get; set; }
    public Instant CaseClosedAt { get; set; }
    public Instant VisitedAt { get; set; }
    public required string VisitedBy { get; set; }
    public FollowUpMethod Method { get; set; }
    public FollowUpOutcome Outcome { get; set; }
    public bool? ResidentSatisfied { get; set; }
    public string? Notes { get; set; }
    public bool CallsForLookBack { get; set; }
}

/// <summary>A look-back review (回头看) of a closed case, as Core's <see cref="LookBackReview"/>.</summary>
public sealed class LookBackReviewRecord : IVersioned
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    /// <summary>The unit that handled the case when it was closed: what the review is counted against.</summary>
    public Guid UnitId { get; set; }
    public Guid? FollowUpVisitId { get; set; }
    public required string Reason { get; set; }
    public Instant StartedAt { get; set; }
    public required string StartedBy { get; set; }
    public LookBackDecision? Decision { get; set; }
    public string? Findings { get; set; }
    public Instant? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    public Guid? ReopenedTo { get; set; }
    public int Version { get; set; }
}

/// <summary>The stored time limits of one whistle level (吹哨报到时限); absent levels use <see cref="WhistlePolicy.DefaultLimits"/>.</summary>
public sealed class WhistleLimitRecord : IVersioned
{
    public WhistleLevel Level { get; set; }
    public int AcknowledgeAmount { get; set; }
    public SlaUnit AcknowledgeUnit { get; set; }
    public int ActAmount { get; set; }
    public SlaUnit ActUnit { get; set; }
    public int ReportAmount { get; set; }
    public SlaUnit ReportUnit { get; set; }
    public Instant UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// A published monthly notice (访情通报): who published it, when, its text and its figures frozen as JSON, and the
/// Word file as issued, so a later change of data or weights never alters what was published.
/// </summary>
public sealed class RankingNoticeRecord
{
    public Guid Id { get; set; }
    /// <summary>yyyy-MM.</summary>
    public required string Month { get; set; }
    public string? County { get; set; }
    public Guid IssuingUnitId { get; set; }
    public required string IssuerName { get; set; }
    public Instant PublishedAt { get; set; }
    public required string PublishedBy { get; set; }
    public required string Text { get; set; }
    public required string FiguresJson { get; set; }
    public required byte[] Docx { get; set; }
}
