using NodaTime;

namespace Fengqiao.Data.Attachments;

/// <summary>A file on a case. The bytes live in the file store under <see cref="Sha256"/>; the row says what and whose.</summary>
public sealed class CaseAttachment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public required string UploadedBy { get; set; }
    public Instant UploadedAt { get; set; }
}
