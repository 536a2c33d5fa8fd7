using NodaTime;

namespace Fengqiao.Core.Cases;

/// <summary>One mediation session of a dispute (调解记录).</summary>
public sealed record MediationSession(Instant At, string Mediator, string Summary);

/// <summary>A mediation agreement (调解协议) and, once visited, whether the parties honoured it (履行情况).</summary>
public sealed record MediationAgreement(Instant At, string Terms, bool? Honoured = null, Instant? FollowedUpAt = null, string? FollowUpNote = null);
