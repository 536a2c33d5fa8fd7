using Fengqiao.Core.Outreach;

namespace Fengqiao.Data.Outreach;

/// <summary>An outreach event (普法宣传、交通安全宣讲…) with its place, topic, audience and photos.</summary>
public sealed class OutreachEventRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public OutreachKind Kind { get; set; }
    public OutreachAudience Audience { get; set; }
    public required string Topic { get; set; }
    public required string Place { get; set; }
    /// <summary>The village, town or district where it was held; the area scope tests this.</summary>
    public required string DivisionCode { get; set; }
    public required string Organiser { get; set; }
    public DateOnly Date { get; set; }
    public int AudienceCount { get; set; }
    /// <summary>Photo references, one a line.</summary>
    public string? Photos { get; set; }
}
