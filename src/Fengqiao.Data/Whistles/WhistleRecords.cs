using Fengqiao.Core.Whistles;
using NodaTime;

namespace Fengqiao.Data.Whistles;

/// <summary>
/// A whistle (吹哨) as stored: the row lists and the escalation timer read. The rules live in Core's
/// <see cref="Whistle"/>, rebuilt from <see cref="WhistleLogEntry"/> rows; this row is their projection.
/// </summary>
public sealed class WhistleRecord : IVersioned
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid BlowingUnitId { get; set; }
    public WhistleSource Source { get; set; }
    public WhistleLevel InitialLevel { get; set; }
    public WhistleLevel Level { get; set; }
    public WhistleState State { get; set; }
    public required string Reason { get; set; }
    public Instant BlownAt { get; set; }
    public required string BlownBy { get; set; }
    /// <summary>The earliest time an open step becomes late at the current level: what the escalation timer looks at.</summary>
    public Instant? NextDueAt { get; set; }
    public Instant? ClosedAt { get; set; }
    /// <summary>Number of logged events; clients send it back as the version they acted on.</summary>
    public int EventCount { get; set; }
    /// <summary>Departments flagged (拒不报到 / 严重超时) as last projected.</summary>
    public int FlaggedCount { get; set; }
    public int Version { get; set; }
}

/// <summary>One summoned department on a whistle (报到), projected for the department's queue and the monthly ranking.</summary>
public sealed class WhistleSummonsRecord
{
    public long Id { get; set; }
    public Guid WhistleId { get; set; }
    /// <summary>The whistle's case, copied so the scope filter need not go through the whistle.</summary>
    public Guid CaseId { get; set; }
    public Guid DepartmentId { get; set; }
    public required string DepartmentName { get; set; }
    public required string Task { get; set; }
    public SummonsStatus Status { get; set; }
    public Instant SummonedAt { get; set; }
    public Instant? DueAt { get; set; }
    public Instant? ReportedAt { get; set; }
    public string? Result { get; set; }
    public bool Flagged { get; set; }
    public int? Timeliness { get; set; }
    public int? Attitude { get; set; }
    public int? ResultScore { get; set; }
    public string? RatingComment { get; set; }
    public Instant? RatedAt { get; set; }
}

/// <summary>One entry of a whistle's append-only, hash-chained log.</summary>
public sealed class WhistleLogEntry : Audit.IChainedLogEntry
{
    public long Id { get; set; }
    public Guid WhistleId { get; set; }
    public int Sequence { get; set; }
    public required string Kind { get; set; }
    public required string Actor { get; set; }
    public Instant At { get; set; }
    public required string Data { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }

    Guid Audit.IChainedLogEntry.OwnerId => WhistleId;

    Core.Audit.EventChain.Link Audit.IChainedLogEntry.Link => new(WhistleId, Sequence, Kind, Actor, At.ToUnixTimeMilliseconds(), Data);
}

/// <summary>
/// A referral to the discipline commission (移交纪委监委) and the letters its evidence pack cites, frozen when made.
/// The pack itself is rebuilt from the whistle's log, which is append-only, so it cannot drift.
/// </summary>
public sealed class WhistleReferralRecord
{
    public Guid Id { get; set; }
    public Guid WhistleId { get; set; }
    public Guid CaseId { get; set; }
    public Guid DepartmentId { get; set; }
    public Instant IssuedAt { get; set; }
    public required string IssuedBy { get; set; }
    public Guid? Supersedes { get; set; }
    /// <summary>The cited letters' ids, comma-separated, in the order the pack lists them.</summary>
    public required string LetterIds { get; set; }
}
