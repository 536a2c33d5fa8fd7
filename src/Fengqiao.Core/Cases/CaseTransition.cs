namespace Fengqiao.Core.Cases;

/// <summary>The result of an allowed action: the case after it and the event to append to its log.</summary>
public sealed record CaseTransition(CaseFile Case, CaseEvent Event);
