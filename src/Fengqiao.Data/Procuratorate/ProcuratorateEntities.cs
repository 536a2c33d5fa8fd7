using Fengqiao.Core.Procuratorate;
using NodaTime;

namespace Fengqiao.Data.Procuratorate;

/// <summary>
/// A public hearing (公开听证) held by a procuratorate. The 12309 petitions themselves are cases (channel 12309,
/// the procuratorate SLA profile), so they need no table of their own.
/// </summary>
public sealed class PublicHearingRecord : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The procuratorate holding it; the unit scope tests this.</summary>
    public Guid UnitId { get; set; }
    public required string DivisionCode { get; set; }
    public required string CaseReference { get; set; }
    public required string Subject { get; set; }
    public Instant ScheduledAt { get; set; }
    public required string Place { get; set; }
    /// <summary>Participants, one a line as "name|role|affiliation".</summary>
    public required string Participants { get; set; }
    public HearingState State { get; set; }
    public HearingOutcome? Outcome { get; set; }
    public Instant? HeldAt { get; set; }
    public string? Summary { get; set; }
    /// <summary>Each hearing officer's opinion (听证员意见), one a line as "name|1 or 0 (supports)|opinion".</summary>
    public string? Opinions { get; set; }
    public int Version { get; set; }
}

/// <summary>A procuratorial suggestion (检察建议) to a unit, tracked to its reply.</summary>
public sealed class ProcuratorialSuggestionRecord : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UnitId { get; set; }
    public required string DivisionCode { get; set; }
    public required string DocumentNumber { get; set; }
    public required string RecipientUnit { get; set; }
    public required string Subject { get; set; }
    public required string Content { get; set; }
    public DateOnly IssuedOn { get; set; }
    public DateOnly ReplyDueOn { get; set; }
    public DateOnly? RepliedOn { get; set; }
    public string? Reply { get; set; }
    public bool? Adopted { get; set; }
    public int Version { get; set; }
}
