using NodaTime;

namespace Fengqiao.Core.Cases;

/// <summary>The state of an extension request (延期申请).</summary>
public enum ExtensionDecision
{
    Pending = 1,  // 待审批
    Approved = 2, // 已批准
    Rejected = 3, // 已驳回
}

/// <summary>An extension request and its decision. Made and decided only through <see cref="CaseFile"/>.</summary>
public sealed record ExtensionRequest
{
    internal ExtensionRequest(int days, string reason, string requestedBy, Instant requestedAt)
    {
        Days = days;
        Reason = reason;
        RequestedBy = requestedBy;
        RequestedAt = requestedAt;
        Decision = ExtensionDecision.Pending;
    }

    public int Days { get; }

    public string Reason { get; }

    public string RequestedBy { get; }

    public Instant RequestedAt { get; }

    public ExtensionDecision Decision { get; private init; }

    public string? DecidedBy { get; private init; }

    public Instant? DecidedAt { get; private init; }

    public string? RejectionReason { get; private init; }

    internal ExtensionRequest Approve(string by, Instant at) =>
        this with { Decision = ExtensionDecision.Approved, DecidedBy = by, DecidedAt = at };

    internal ExtensionRequest Reject(string by, Instant at, string reason) =>
        this with { Decision = ExtensionDecision.Rejected, DecidedBy = by, DecidedAt = at, RejectionReason = reason };
}
