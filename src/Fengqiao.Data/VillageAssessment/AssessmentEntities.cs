using Fengqiao.Core.VillageAssessment;
using NodaTime;

namespace Fengqiao.Data.VillageAssessment;

/// <summary>
/// One indicator's value for one village and month ("双十" 考评), computed from Fengqiao's data or entered by hand,
/// with the evidence that backs it. The month's score is the scheme applied to a village's twenty entries.
/// </summary>
public sealed class VillageIndicatorEntryRecord : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string VillageCode { get; set; }
    /// <summary>year × 100 + month.</summary>
    public int Month { get; set; }
    public required string IndicatorCode { get; set; }
    /// <summary>"count", "rate" or "flag".</summary>
    public required string ValueKind { get; set; }
    /// <summary>The count, the rate's numerator, or 1/0 for a flag.</summary>
    public int Value { get; set; }
    /// <summary>The rate's denominator; 0 otherwise.</summary>
    public int Denominator { get; set; }
    public ValueSource Source { get; set; }
    /// <summary>What the value rests on: the case codes counted, or the hand-entered evidence.</summary>
    public string? Evidence { get; set; }
    public string? EnteredBy { get; set; }
    /// <summary>Signed points as last scored, so the ranking is one query.</summary>
    public decimal Points { get; set; }
    public Instant UpdatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>A published monthly notice (月度通报) for a town or district.</summary>
public sealed class AssessmentNoticeRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The town or district the notice ranks; the area scope tests this.</summary>
    public required string AreaCode { get; set; }
    public int Month { get; set; }
    public required string Issuer { get; set; }
    public DateOnly PublishedOn { get; set; }
    public required string Text { get; set; }
}
