using System.Net;
using System.Text;
using Fengqiao.Core.Mediation;
using Fengqiao.Data.Letters;

namespace Fengqiao.Data.Mediation;

/// <summary>The agreement (人民调解协议书) as a Word file in the official layout (<see cref="OfficialDocx"/>) and as an A4 print view.</summary>
public static class MediationAgreementFiles
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static byte[] Docx(AgreementDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return OfficialDocx.Document(document.Committee, null, document.Title, null,
            document.Parts.Select(p => (p.Heading, (IEnumerable<string>)p.Paragraphs)), document.SealLine, document.DateText);
    }

    public static string FileName(AgreementDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return $"{document.Title}-{document.DateText}.docx";
    }

    /// <summary>A self-contained HTML page laid out like the Word file on A4, for printing; Chinese whatever the UI language but the button.</summary>
    public static string PrintHtml(AgreementDocument document, string printLabel)
    {
        ArgumentNullException.ThrowIfNull(document);
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(document.Title)).Append("</title><style>")
            .Append("@page{size:A4;margin:37mm 26mm 35mm 28mm}")
            .Append("body{margin:0;background:#eee;font-family:'仿宋_GB2312','FangSong','STFangsong',serif;font-size:16pt;line-height:28pt;color:#000}")
            .Append(".sheet{box-sizing:border-box;width:210mm;min-height:297mm;margin:8mm auto;padding:37mm 26mm 35mm 28mm;background:#fff}")
            .Append(".issuer{color:#d00;text-align:center;font-family:'方正小标宋简体','SimSun',serif;font-size:30pt;line-height:1.4}")
            .Append(".rule{border:0;border-top:2px solid #d00;margin:6pt 0 12pt}")
            .Append("h1{text-align:center;font-family:'方正小标宋简体','SimSun',serif;font-size:22pt;font-weight:normal;margin:12pt 0}")
            .Append("h2{font-family:'黑体','SimHei',sans-serif;font-size:16pt;font-weight:normal;margin:0;text-indent:2em}")
            .Append("p{margin:0;text-indent:2em;text-align:justify;overflow-wrap:anywhere}.sign{text-align:right;padding-right:4em;text-indent:0}")
            .Append(".tools{text-align:center;margin:8mm}@media print{body{background:#fff}.sheet{margin:0;padding:0;width:auto;min-height:0}.tools{display:none}}")
            .Append("@media (max-width:220mm){.sheet{width:auto;padding:8mm}}")
            .Append("</style></head><body><main class=\"sheet\">");
        html.Append("<div class=\"issuer\">").Append(E(document.Committee)).Append("</div><hr class=\"rule\">")
            .Append("<h1>").Append(E(document.Title)).Append("</h1>");
        foreach (var part in document.Parts)
        {
            if (part.Heading is not null)
            {
                html.Append("<h2>").Append(E(part.Heading)).Append("</h2>");
            }
            foreach (var p in part.Paragraphs)
            {
                html.Append("<p>").Append(E(p)).Append("</p>");
            }
        }
        html.Append("<p class=\"sign\" style=\"margin-top:28pt\">").Append(E(document.SealLine)).Append("</p>")
            .Append("<p class=\"sign\">").Append(E(document.DateText)).Append("</p></main>")
            .Append("<div class=\"tools\"><button type=\"button\" onclick=\"window.print()\">").Append(E(printLabel)).Append("</button></div></body></html>");
        return html.ToString();
    }
}
