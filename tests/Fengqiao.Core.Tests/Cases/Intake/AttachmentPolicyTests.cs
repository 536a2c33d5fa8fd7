using Fengqiao.Core.Cases.Intake;

namespace Fengqiao.Core.Tests.Cases.Intake;

public class AttachmentPolicyTests
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10];
    private static readonly byte[] Pdf = "%PDF-1.7"u8.ToArray();
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04, 0x14, 0];
    private static readonly byte[] Exe = [0x4D, 0x5A, 0x90, 0x00];

    [Theory]
    [InlineData("现场照片.jpg", AttachmentKind.Jpeg)]
    [InlineData("答复意见书.pdf", AttachmentKind.Pdf)]
    [InlineData("协议.docx", AttachmentKind.OfficeDocument)]
    public void Photos_PDFs_and_Office_documents_are_accepted_by_their_signature(string name, AttachmentKind expected)
    {
        var head = expected switch { AttachmentKind.Jpeg => Jpeg, AttachmentKind.Pdf => Pdf, _ => Zip };
        Assert.True(AttachmentPolicy.Default.TryAccept(name, head, 1000, 0, out var kind, out var error), error);
        Assert.Equal(expected, kind);
    }

    [Fact]
    public void A_renamed_executable_is_refused_whatever_its_name()
    {
        Assert.False(AttachmentPolicy.Default.TryAccept("photo.jpg", Exe, 1000, 0, out _, out var error));
        Assert.Contains("only JPEG", error, StringComparison.Ordinal);
        Assert.False(AttachmentPolicy.Default.TryAccept("archive.zip", Zip, 1000, 0, out _, out _));
    }

    [Fact]
    public void A_photos_only_policy_refuses_a_PDF_and_names_only_the_photo_types()
    {
        var photos = new AttachmentPolicy(2 * 1024 * 1024, 3, PhotosOnly: true);
        Assert.True(photos.TryAccept("现场照片.jpg", Jpeg, 1000, 0, out _, out _));
        Assert.False(photos.TryAccept("答复意见书.pdf", Pdf, 1000, 0, out _, out var error));
        Assert.Equal("只接受 JPEG、PNG 照片 (only JPEG and PNG photos are accepted)", error);
    }

    [Fact]
    public void Size_emptiness_and_the_per_case_limit_are_enforced()
    {
        var policy = new AttachmentPolicy(1024, 2);
        Assert.False(policy.TryAccept("a.pdf", Pdf, 2048, 0, out _, out var tooBig));
        Assert.Contains("larger", tooBig, StringComparison.Ordinal);
        Assert.False(policy.TryAccept("a.pdf", Pdf, 0, 0, out _, out _));
        Assert.False(policy.TryAccept("a.pdf", Pdf, 100, 2, out _, out var full));
        Assert.Contains("at most 2", full, StringComparison.Ordinal);
        Assert.False(policy.TryAccept("", Pdf, 100, 0, out _, out _));
    }
}
