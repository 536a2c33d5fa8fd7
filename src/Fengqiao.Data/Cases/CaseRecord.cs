using Fengqiao.Core.Cases;
using NodaTime;

namespace Fengqiao.Data.Cases;

/// <summary>A petition or dispute (信访事项 / 矛盾纠纷) as stored. Lifecycle rules live in Core; this is the row.</summary>
public sealed class CaseRecord : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>Human tracking code, e.g. KL-2026-000123.</summary>
    public required string TrackingCode { get; set; }
    public CaseKind Kind { get; set; }
    public CaseChannel Channel { get; set; }
    public CaseState State { get; set; }
    public required string Title { get; set; }
    public string? Detail { get; set; }
    public string? CategoryCode { get; set; }
    /// <summary>Where the matter is (12-digit village code where known). The area scope tests this.</summary>
    public required string DivisionCode { get; set; }
    public Guid RegisteringUnitId { get; set; }
    public Guid? HandlingUnitId { get; set; }
    public Guid? ResidentId { get; set; }
    /// <summary>The resident's portal account, for the Own scope.</summary>
    public string? ResidentAccountId { get; set; }
    public Instant RegisteredAt { get; set; }

    /// <summary>The resident's secret for the public query page, beside the tracking code.</summary>
    public string QueryCode { get; set; } = "";
    public bool Urgent { get; set; }
    public CaseStage Stage { get; set; }
    /// <summary>The SLA profile chosen at registration (its code is in the registration event too).</summary>
    public string ProfileCode { get; set; } = "";
    /// <summary>When the running time limit falls due; null when nothing is due from staff. Drives the urgency queue.</summary>
    public Instant? DueAt { get; set; }
    /// <summary>Number of lifecycle events; clients send it back as the version they acted on.</summary>
    public int EventCount { get; set; }
    public string? Address { get; set; }
    /// <summary>Where the sender says it is, WGS-84 degrees (Open311's lat/long); both or neither.</summary>
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    /// <summary>The division was guessed from the point (位置待核实): the clerk should check the place before assigning.</summary>
    public bool PlaceIsEstimate { get; set; }
    /// <summary>A link to the sender's photo or video elsewhere (Open311's media_url); never fetched by the server.</summary>
    public string? MediaUrl { get; set; }
    public string RegisteredBy { get; set; } = "";
    /// <summary>The staff member who first met the resident (首见负责制).</summary>
    public string? FirstContact { get; set; }
    /// <summary>Collective petition (集体访): how many people came; representatives are the parties marked so.</summary>
    public int? GroupSize { get; set; }
    /// <summary>Raised before by the same person about the same matter (重复信访); the earlier codes are in <see cref="RepeatOf"/>.</summary>
    public bool IsRepeat { get; set; }
    public string? RepeatOf { get; set; }
    /// <summary>The client's key for a retried submission: one case per key, however often it is sent.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>Staff accounts ever contracted to the case (包案), comma-separated: they may open it outside their own scope.</summary>
    public string? ContractLeaderStaffIds { get; set; }

    // Ledger facts, projected from the lifecycle so KPIs are plain counts over indexed columns (docs/kpi-definitions.md).
    /// <summary>Closed at registration (现场办结).</summary>
    public bool ResolvedOnTheSpot { get; set; }
    /// <summary>When the acceptance decision (受理 / 不予受理 / 转送) was made.</summary>
    public Instant? DecidedAt { get; set; }
    /// <summary>The acceptance-notice limit set at registration, when the profile has one.</summary>
    public Instant? DecisionDueAt { get; set; }
    /// <summary>The first written reply (答复意见书) of the original stage.</summary>
    public Instant? RepliedAt { get; set; }

    /// <summary>When the drafted reply waiting for sign-off (待签发) was submitted; null when none waits.</summary>
    public Instant? ReplySubmittedAt { get; set; }
    /// <summary>The handling limit in force for that reply (extensions included); while unreplied, the running one.</summary>
    public Instant? ReplyDueAt { get; set; }
    public Instant? ClosedAt { get; set; }
    /// <summary>Whole days, rounded up, from registration to closure: 0 for on the spot.</summary>
    public int? ClosedWithinDays { get; set; }
    public CaseRating? Rating { get; set; }
    /// <summary>
    /// The deadline sweep's last warning for <see cref="DueAt"/>: 0 none (on track), else the <see cref="Core.Calendar.DeadlineStatus"/>
    /// it warned of, 2 due soon (yellow) or 3 overdue (red) (DeadlineSweep.LevelOf).
    /// </summary>
    public int DeadlineLevel { get; set; }
    public int Version { get; set; }
}
