namespace Fengqiao.Data.Organisations;

/// <summary>A unit as a picker offers it: its id and name.</summary>
public sealed record UnitChoice(Guid Id, string Name);
