namespace Fengqiao.Data.Cases;

/// <summary>The last tracking number handed out per prefix and year (KL-2026-000123). Advanced in one atomic statement.</summary>
public sealed class CaseNumberSequence
{
    public required string Prefix { get; set; }
    public int Year { get; set; }
    public int Last { get; set; }
}
