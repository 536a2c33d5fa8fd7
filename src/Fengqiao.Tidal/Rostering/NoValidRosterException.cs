namespace Fengqiao.Tidal.Rostering;

/// <summary>
/// The planner found no roster that meets every rule (a key post nobody can stand lawfully, say): it says so rather
/// than hand out a roster that breaks one. The message is bilingual, "中文 (English)", like the other planner messages.
/// </summary>
public sealed class NoValidRosterException : InvalidOperationException
{
    public NoValidRosterException()
        : this([])
    {
    }

    public NoValidRosterException(string message)
        : base(message)
    {
        Violations = [];
    }

    public NoValidRosterException(string message, Exception innerException)
        : base(message, innerException)
    {
        Violations = [];
    }

    public NoValidRosterException(IReadOnlyList<RosterViolation> violations)
        : base("未找到符合全部规则的排班，请延长求解时限或检查重点岗位能否安排 (no roster meeting every rule was found: allow the solver more time or check that the key posts can be staffed)")
    {
        Violations = violations ?? [];
    }

    /// <summary>What the best roster found still broke.</summary>
    public IReadOnlyList<RosterViolation> Violations { get; }
}
