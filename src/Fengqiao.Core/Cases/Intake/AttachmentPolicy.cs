using System.Diagnostics.CodeAnalysis;

namespace Fengqiao.Core.Cases.Intake;

/// <summary>What an uploaded file turned out to be, judged by its first bytes, not by the name or type the browser claimed.</summary>
public enum AttachmentKind
{
    Jpeg = 1,
    Png = 2,
    Pdf = 3,
    OfficeDocument = 4, // .docx / .xlsx (zip containers)
}

/// <summary>
/// Which files a case may carry (附件): photos, PDFs and Office documents up to a size, a few per case. The type is
/// read from the file's signature so a renamed executable is refused whatever its name says.
/// </summary>
/// <param name="PhotosOnly">Only JPEG and PNG (the portal's photos), and the refusal says so.</param>
public sealed record AttachmentPolicy(long MaxBytes, int MaxPerCase, bool PhotosOnly = false)
{
    public static AttachmentPolicy Default { get; } = new(10 * 1024 * 1024, 20);

    public static string ContentTypeOf(AttachmentKind kind, string fileName) => kind switch
    {
        AttachmentKind.Jpeg => "image/jpeg",
        AttachmentKind.Png => "image/png",
        AttachmentKind.Pdf => "application/pdf",
        _ => fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)
            ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            : "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    };

    public bool TryAccept(string? fileName, ReadOnlySpan<byte> head, long size, int alreadyOnCase, out AttachmentKind kind, [NotNullWhen(false)] out string? error)
    {
        kind = default;
        var name = Path.GetFileName(fileName ?? string.Empty);
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            error = "文件名无效 (the file name is missing or too long)";
            return false;
        }
        if (size <= 0)
        {
            error = "文件为空 (the file is empty)";
            return false;
        }
        if (size > MaxBytes)
        {
            error = $"文件超过 {MaxBytes / 1024 / 1024} MB (the file is larger than {MaxBytes / 1024 / 1024} MB)";
            return false;
        }
        if (alreadyOnCase >= MaxPerCase)
        {
            error = $"每件案件最多 {MaxPerCase} 个附件 (a case holds at most {MaxPerCase} attachments)";
            return false;
        }
        AttachmentKind? sniffed = head switch
        {
            [0xFF, 0xD8, 0xFF, ..] => AttachmentKind.Jpeg,
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => AttachmentKind.Png,
            [0x25, 0x50, 0x44, 0x46, 0x2D, ..] => AttachmentKind.Pdf,
            [0x50, 0x4B, 0x03, 0x04, ..] when name.EndsWith(".docx", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) => AttachmentKind.OfficeDocument,
            _ => null,
        };
        if (PhotosOnly && sniffed is not (AttachmentKind.Jpeg or AttachmentKind.Png))
        {
            error = "只接受 JPEG、PNG 照片 (only JPEG and PNG photos are accepted)";
            return false;
        }
        if (sniffed is null)
        {
            error = "只接受 JPEG、PNG、PDF、DOCX、XLSX 文件 (only JPEG, PNG, PDF, DOCX and XLSX files are accepted)";
            return false;
        }
        kind = sniffed.Value;
        error = null;
        return true;
    }
}
