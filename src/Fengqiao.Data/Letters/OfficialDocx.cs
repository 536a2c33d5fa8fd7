using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Fengqiao.Core.Letters;
using WordText = DocumentFormat.OpenXml.Wordprocessing.Text;
using NodaTime;

namespace Fengqiao.Data.Letters;

/// <summary>
/// Word documents in the official layout of GB/T 9704 (党政机关公文格式): a red issuing-unit header over a red rule,
/// the document number, a 方正小标宋 title at 22 pt, a 仿宋_GB2312 body at 16 pt (三号) with two-character first-line
/// indents and a fixed 28 pt line, and the signature unit and date on the right. A4 with the standard margins.
/// </summary>
public static class OfficialDocx
{
    public const string TitleFont = "方正小标宋简体";
    public const string BodyFont = "仿宋_GB2312";
    public const string HeadingFont = "黑体";
    private const string Red = "FF0000";

    /// <summary>A letter; a draft (no number yet) is marked 征求意见稿 where the number would be.</summary>
    public static byte[] Letter(LetterDocument letter, string issuingUnitName)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return Build(body =>
        {
            body.Append(Header(issuingUnitName));
            body.Append(Paragraph(letter.Number?.ToString() ?? "征求意见稿", BodyFont, 32, JustificationValues.Center));
            body.Append(Rule());
            if (letter.Corrects is { } old)
            {
                body.Append(Paragraph($"（本函更正 {old}）", BodyFont, 32, JustificationValues.Center));
            }
            body.Append(Paragraph(letter.Title, TitleFont, 44, JustificationValues.Center, spaceBefore: 240, spaceAfter: 240));
            if (!string.IsNullOrEmpty(letter.Salutation))
            {
                body.Append(Paragraph(letter.Salutation, BodyFont, 32, JustificationValues.Left));
            }
            foreach (var p in letter.Paragraphs)
            {
                body.Append(Paragraph(p, BodyFont, 32, JustificationValues.Both, indentChars: 2));
            }
            body.Append(Paragraph("", BodyFont, 32, JustificationValues.Left));
            body.Append(Paragraph(letter.SignatureUnit, BodyFont, 32, JustificationValues.Right, rightIndentChars: 4));
            body.Append(Paragraph(letter.Date is { } d ? LetterFacts.FormatDate(d) : "（成文日期）", BodyFont, 32, JustificationValues.Right, rightIndentChars: 4));
        });
    }

    /// <summary>A plain official document: header, title, optional sections with headings, and signature.</summary>
    public static byte[] Report(string issuingUnitName, string? number, string title, IEnumerable<(string? Heading, IEnumerable<string> Paragraphs)> sections, string signature, LocalDate date) =>
        Document(issuingUnitName, number, title, null, sections, signature, LetterFacts.FormatDate(date));

    /// <summary>
    /// Any official document: the issuer's red header, the number (or none) over the red rule, the title, the addressee
    /// (主送, flush left) when there is one, sections with 黑体 headings, and the signature unit and date on the right.
    /// </summary>
    public static byte[] Document(string issuingUnitName, string? number, string title, string? addressee,
        IEnumerable<(string? Heading, IEnumerable<string> Paragraphs)> sections, string signature, string dateText)
    {
        ArgumentNullException.ThrowIfNull(sections);
        return Build(body =>
        {
            body.Append(Header(issuingUnitName));
            if (number is not null)
            {
                body.Append(Paragraph(number, BodyFont, 32, JustificationValues.Center));
            }
            body.Append(Rule());
            body.Append(Paragraph(title, TitleFont, 44, JustificationValues.Center, spaceBefore: 240, spaceAfter: 240));
            if (!string.IsNullOrEmpty(addressee))
            {
                body.Append(Paragraph(addressee, BodyFont, 32, JustificationValues.Left));
            }
            foreach (var (heading, paragraphs) in sections)
            {
                if (heading is not null)
                {
                    body.Append(Paragraph(heading, HeadingFont, 32, JustificationValues.Left, indentChars: 2));
                }
                foreach (var p in paragraphs)
                {
                    body.Append(Paragraph(p, BodyFont, 32, JustificationValues.Both, indentChars: 2));
                }
            }
            body.Append(Paragraph("", BodyFont, 32, JustificationValues.Left));
            body.Append(Paragraph(signature, BodyFont, 32, JustificationValues.Right, rightIndentChars: 4));
            body.Append(Paragraph(dateText, BodyFont, 32, JustificationValues.Right, rightIndentChars: 4));
        });
    }

    /// <summary>All the text of a .docx, one line per paragraph: what tests and an archive index read back.</summary>
    public static IReadOnlyList<string> ReadParagraphs(byte[] docx)
    {
        using var stream = new MemoryStream(docx, writable: false);
        using var document = WordprocessingDocument.Open(stream, false);
        return [.. document.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().Select(p => string.Concat(p.Descendants<WordText>().Select(t => t.Text)))];
    }

    private static byte[] Build(Action<Body> fill)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            fill(body);
            // A4, margins 37 mm top, 35 mm bottom, 28 mm left, 26 mm right (GB/T 9704 §5.2.1).
            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 2098, Bottom = 1984, Left = 1588, Right = 1474, Header = 851, Footer = 992 }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static Paragraph Header(string unit) =>
        Paragraph(unit, TitleFont, 72, JustificationValues.Center, color: Red, spaceBefore: 0, spaceAfter: 240, fixedLine: false);

    /// <summary>The red separating line under the header (版头中的分隔线).</summary>
    private static Paragraph Rule() => new(new ParagraphProperties(
        new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Color = Red, Size = 12, Space = 1 }),
        new SpacingBetweenLines { After = "240" }));

    private static Paragraph Paragraph(string text, string font, int halfPoints, JustificationValues justification, int indentChars = 0, int rightIndentChars = 0,
        string? color = null, int spaceBefore = 0, int spaceAfter = 0, bool fixedLine = true)
    {
        // Children in schema order (spacing, ind, jc; rFonts, color, sz), or Word calls the file damaged.
        var spacing = new SpacingBetweenLines { Before = spaceBefore.ToString(CultureInfo.InvariantCulture), After = spaceAfter.ToString(CultureInfo.InvariantCulture) };
        if (fixedLine)
        {
            // A fixed 28 pt line: 22 lines to the page, as the standard asks.
            spacing.Line = "560";
            spacing.LineRule = LineSpacingRuleValues.Exact;
        }
        var properties = new ParagraphProperties(spacing);
        if (indentChars > 0 || rightIndentChars > 0)
        {
            properties.Append(new Indentation
            {
                FirstLineChars = indentChars > 0 ? indentChars * 100 : null,
                RightChars = rightIndentChars > 0 ? rightIndentChars * 100 : null,
            });
        }
        properties.Append(new Justification { Val = justification });
        var runProperties = new RunProperties(new RunFonts { Ascii = font, HighAnsi = font, EastAsia = font, ComplexScript = font });
        if (color is not null)
        {
            runProperties.Append(new Color { Val = color });
        }
        runProperties.Append(new FontSize { Val = halfPoints.ToString(CultureInfo.InvariantCulture) });
        runProperties.Append(new FontSizeComplexScript { Val = halfPoints.ToString(CultureInfo.InvariantCulture) });
        return new Paragraph(properties, new Run(runProperties, new WordText(text) { Space = SpaceProcessingModeValues.Preserve }));
    }
}
