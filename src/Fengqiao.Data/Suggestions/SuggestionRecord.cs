using Fengqiao.Core.Suggestions;
using NodaTime;

namespace Fengqiao.Data.Suggestions;

/// <summary>A people's suggestion (人民建议) sent from the portal, and its public answer.</summary>
public sealed class SuggestionRecord : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The receipt code the sender keeps (回执码); unique.</summary>
    public required string ReceiptCode { get; set; }
    public SuggesterKind Kind { get; set; }
    public required string Title { get; set; }
    public required string Text { get; set; }
    /// <summary>The optional contact, encrypted; never shown on the public list.</summary>
    public string? ContactCipher { get; set; }
    /// <summary>The contact as staff lists show it (mobiles masked).</summary>
    public string? ContactMasked { get; set; }
    /// <summary>The town the suggestion concerns; the area scope tests this.</summary>
    public required string TownCode { get; set; }
    public SuggestionState State { get; set; }
    public Instant ReceivedAt { get; set; }
    /// <summary>The public reply (or, for a decline, the reason).</summary>
    public string? Reply { get; set; }
    public Instant? AnsweredAt { get; set; }
    public string? AnsweredBy { get; set; }
    /// <summary>What was done, once adopted.</summary>
    public string? Outcome { get; set; }
    public Instant? DecidedAt { get; set; }
    public int Version { get; set; }
}
