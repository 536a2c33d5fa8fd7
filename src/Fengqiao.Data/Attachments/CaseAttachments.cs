using Fengqiao.Core.Cases.Intake;
using Fengqiao.Data.Cases;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Attachments;

public sealed class AttachmentRefusedException(string message) : Exception(message);

/// <summary>
/// Adds and reads a case's files. The case is looked up through the scope filter, so a file is reachable exactly
/// when its case is; each upload is also an entry in the case's hash chain, with the file's SHA-256.
/// </summary>
public sealed class CaseAttachments(FengqiaoDbContext db, IFileStore store, IClock clock)
{
    public AttachmentPolicy Policy { get; init; } = AttachmentPolicy.Default;

    /// <summary>Returns null when the case is not in scope; throws <see cref="AttachmentRefusedException"/> for a refused file.</summary>
    public async Task<CaseAttachment?> AddAsync(string trackingCode, string? fileName, Stream seekableContent, string actor, CancellationToken cancellationToken = default)
    {
        var record = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.TrackingCode == trackingCode, cancellationToken);
        if (record is null)
        {
            return null;
        }
        var count = await db.CaseAttachments.CountAsync(a => a.CaseId == record.Id, cancellationToken);
        var head = new byte[8];
        var read = await seekableContent.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        if (!Policy.TryAccept(fileName, head.AsSpan(0, read), seekableContent.Length, count, out var kind, out var error))
        {
            throw new AttachmentRefusedException(error);
        }
        seekableContent.Position = 0;
        var hash = await store.SaveAsync(seekableContent, cancellationToken);
        var name = Path.GetFileName(fileName!);
        var attachment = new CaseAttachment
        {
            CaseId = record.Id,
            FileName = name,
            ContentType = AttachmentPolicy.ContentTypeOf(kind, name),
            Size = seekableContent.Length,
            Sha256 = hash,
            UploadedBy = actor,
            UploadedAt = clock.GetCurrentInstant(),
        };
        db.CaseAttachments.Add(attachment);
        await CaseEventLog.AppendAsync(db, record.Id, "note.attachment-added", actor, attachment.UploadedAt, new { attachment.FileName, attachment.Sha256, attachment.Size }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return attachment;
    }

    public async Task<IReadOnlyList<CaseAttachment>> ListAsync(string trackingCode, CancellationToken cancellationToken = default) =>
        await (from a in db.CaseAttachments.AsNoTracking()
               join c in db.Cases on a.CaseId equals c.Id
               where c.TrackingCode == trackingCode
               orderby a.UploadedAt
               select a).ToListAsync(cancellationToken);

    public async Task<(CaseAttachment Attachment, Stream Content)?> OpenAsync(string trackingCode, Guid id, CancellationToken cancellationToken = default)
    {
        var attachment = (await ListAsync(trackingCode, cancellationToken)).FirstOrDefault(a => a.Id == id);
        if (attachment is null || store.OpenRead(attachment.Sha256) is not { } content)
        {
            return null;
        }
        return (attachment, content);
    }
}
