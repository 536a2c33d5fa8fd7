using System.Net;
using System.Text;
using Fengqiao.Core.Cases.Documents;
using Fengqiao.Data.Letters;

namespace Fengqiao.Data.CaseDocuments;

/// <summary>A case document as a Word file (the official layout of <see cref="OfficialDocx"/>) and as an A4 print view.</summary>
public static class CaseDocumentFiles
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static byte[] Docx(CaseDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return OfficialDocx.Document(document.IssuerName, document.Number.ToString(), document.Title, document.Addressee,
            document.Sections.Select(s => (s.Heading, (IEnumerable<string>)s.Paragraphs)), document.IssuerName, document.DateText);
    }

    /// <summary>
    /// A self-contained HTML page laid out like the Word file on A4 (margins of GB/T 9704), for printing from the
    /// browser. The document is Chinese whatever the UI language; only the print button's
    /// label follows it.
    /// </summary>
    public static string PrintHtml(CaseDocument document, string printLabel)
    {
        ArgumentNullException.ThrowIfNull(document);
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(document.Title)).Append(" · ").Append(E(document.TrackingCode)).Append("</title><style>")
            .Append("@page{size:A4;margin:37mm 26mm 35mm 28mm}")
            .Append("body{margin:0;background:#eee;font-family:'仿宋_GB2312','FangSong','STFangsong',serif;font-size:16pt;line-height:28pt;color:#000}")
            .Append(".sheet{box-sizing:border-box;width:210mm;min-height:297mm;margin:8mm auto;padding:37mm 26mm 35mm 28mm;background:#fff}")
            .Append(".issuer{color:#d00;text-align:center;font-family:'方正小标宋简体','SimSun',serif;font-size:36pt;line-height:1.4}")
            .Append(".number{text-align:center}.rule{border:0;border-top:2px solid #d00;margin:6pt 0 12pt}")
            .Append("h1{text-align:center;font-family:'方正小标宋简体','SimSun',serif;font-size:22pt;font-weight:normal;margin:12pt 0}")
            .Append("h2{font-family:'黑体','SimHei',sans-serif;font-size:16pt;font-weight:normal;margin:0;text-indent:2em}")
            .Append("p{margin:0;text-indent:2em;text-align:justify}p.to{text-indent:0}.sign{text-align:right;padding-right:4em;text-indent:0}")
            .Append(".tools{text-align:center;margin:8mm}@media print{body{background:#fff}.sheet{margin:0;padding:0;width:auto;min-height:0}.tools{display:none}}")
            .Append("@media (max-width:220mm){.sheet{width:auto;padding:8mm}}")
            .Append("</style></head><body><main class=\"sheet\">");
        html.Append("<div class=\"issuer\">").Append(E(document.IssuerName)).Append("</div>")
            .Append("<div class=\"number\">").Append(E(document.Number.ToString())).Append("</div><hr class=\"rule\">")
            .Append("<h1>").Append(E(document.Title)).Append("</h1>")
            .Append("<p class=\"to\">").Append(E(document.Addressee)).Append("</p>");
        foreach (var section in document.Sections)
        {
            if (section.Heading is not null)
            {
                html.Append("<h2>").Append(E(section.Heading)).Append("</h2>");
            }
            foreach (var p in section.Paragraphs)
            {
                html.Append("<p>").Append(E(p)).Append("</p>");
            }
        }
        html.Append("<p class=\"sign\" style=\"margin-top:28pt\">").Append(E(document.IssuerName)).Append("</p>")
            .Append("<p class=\"sign\">").Append(E(document.DateText)).Append("</p></main>")
            .Append("<div class=\"tools\"><button type=\"button\" onclick=\"window.print()\">").Append(E(printLabel)).Append("</button></div></body></html>");
        return html.ToString();
    }
}
