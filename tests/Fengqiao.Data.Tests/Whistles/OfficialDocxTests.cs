using System.Collections.Immutable;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Fengqiao.Core.Letters;
using Fengqiao.Data.Letters;
using NodaTime;

namespace Fengqiao.Data.Tests.Whistles;

/// <summary>The generated Word letters are opened as packages and read back, and must be schema-valid.</summary>
public class OfficialDocxTests
{
    private static readonly LetterDocument Issued = new(LetterType.Supervision, DocumentNumber.Create("垦信", LetterType.Supervision, 2026, 15),
        "关于幸福小区积水的督办函", "区住建局", "区住建局：",
        ["KL-2026-000123号信访事项（幸福小区积水）已于2026年1月5日登记并交由你单位办理，现已超过办理期限。", "逾期未报送的，将按规定予以通报。"],
        "垦利区信访局", new LocalDate(2026, 3, 11), null);

    [Fact]
    public void An_issued_letter_reads_back_in_official_order_with_its_number_and_fonts()
    {
        var bytes = OfficialDocx.Letter(Issued, "垦利区信访局");

        var lines = OfficialDocx.ReadParagraphs(bytes).Where(l => l.Length > 0).ToList();
        Assert.Equal(["垦利区信访局", "垦信督〔2026〕15号", "关于幸福小区积水的督办函", "区住建局：",
            Issued.Paragraphs[0], Issued.Paragraphs[1], "垦利区信访局", "2026年3月11日"], lines);

        using var stream = new MemoryStream(bytes);
        using var document = WordprocessingDocument.Open(stream, false);
        var problems = string.Join("; ", new OpenXmlValidator().Validate(document, TestContext.Current.CancellationToken).Select(e => e.Description + " at " + e.Path?.XPath));
        Assert.True(problems.Length == 0, problems);
        var runs = document.MainDocumentPart!.Document!.Body!.Descendants<Run>().ToList();
        var header = runs.First();
        Assert.Equal("FF0000", header.RunProperties!.Color!.Val!.Value);
        Assert.Equal(OfficialDocx.TitleFont, header.RunProperties.RunFonts!.EastAsia!.Value);
        var body = runs.Single(r => r.InnerText == Issued.Paragraphs[0]);
        Assert.Equal(OfficialDocx.BodyFont, body.RunProperties!.RunFonts!.EastAsia!.Value);
        Assert.Equal("32", body.RunProperties.FontSize!.Val!.Value);
    }

    [Fact]
    public void A_draft_is_marked_as_such_and_a_correction_names_the_letter_it_corrects()
    {
        var draft = Issued with { Number = null, Date = null, Corrects = DocumentNumber.Create("垦信", LetterType.Supervision, 2026, 14) };
        var lines = OfficialDocx.ReadParagraphs(OfficialDocx.Letter(draft, "垦利区信访局"));
        Assert.Contains("征求意见稿", lines);
        Assert.Contains("（本函更正 垦信督〔2026〕14号）", lines);
        Assert.DoesNotContain(lines, l => l.Contains("15号", StringComparison.Ordinal));
    }
}
