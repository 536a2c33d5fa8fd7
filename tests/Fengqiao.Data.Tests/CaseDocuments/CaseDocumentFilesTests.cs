using System.Collections.Immutable;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Fengqiao.Core.Cases;
using Fengqiao.Core.Cases.Documents;
using Fengqiao.Data.CaseDocuments;
using Fengqiao.Data.Letters;
using NodaTime;

namespace Fengqiao.Data.Tests.CaseDocuments;

/// <summary>Every kind of case document as Word (opened, schema-validated, read back) and as a print view.</summary>
public sealed class CaseDocumentFilesTests
{
    private static readonly Guid Bureau = Guid.Parse("00000000-0000-0000-0000-0000000000b1");
    private static readonly Guid Housing = Guid.Parse("00000000-0000-0000-0000-0000000000c1");
    private static readonly Guid Government = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
    private static readonly Guid City = Guid.Parse("00000000-0000-0000-0000-0000000000d1");

    private static readonly CaseDocumentFacts Facts = new("KL-2026-000280", "小区电梯长期故障 <b>", "张三", "垦利信", Bureau, new Dictionary<Guid, CaseDocumentUnit>
    {
        [Government] = new("垦利区人民政府", null),
        [Bureau] = new("垦利区信访局", Government),
        [Housing] = new("垦利区住房和城乡建设局", Government),
        [City] = new("东营市信访局", null),
    });

    private static CaseEvent Event(string kind, int day, CaseStage stage = CaseStage.Original, params (string Key, string Value)[] data) =>
        new(kind, CaseState.Registered, CaseState.Registered, stage, Instant.FromUtc(2026, 3, day, 2, 0), "someone",
            data.ToImmutableSortedDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal));

    // Hand-written events in the shapes the lifecycle logs them, so every kind appears once (and 不予受理 on a second case).
    private static readonly CaseEvent[] Story =
    [
        Event(CaseEventKinds.Registered, 2),
        Event("case.accepted", 3, data: ("dueDate", "2026-05-01")),
        Event("case.assigned", 3, data: ("handlingUnit", Housing.ToString())),
        Event("case.extension-requested", 9, data: [("days", "30"), ("reason", "需委托检测")]),
        Event("case.extension-approved", 10, data: [("days", "30"), ("approverUnit", Housing.ToString()), ("dueDate", "2026-05-31")]),
        Event("case.replied", 20, data: [("replyText", "查明事实：电梯多次故障。\n处理依据：依据《特种设备安全法》。\n处理意见：责令维修。"), ("signerUnit", Housing.ToString()),
            ("reviewRequestDueAt", "2026-04-19T16:00:00Z")]),
        Event("case.review-requested", 25, CaseStage.Review, ("reviewingUnit", City.ToString())),
        Event("case.replied", 28, CaseStage.Review, ("replyText", "经复查，维持原处理意见。")),
        Event("case.re-review-requested", 29, CaseStage.ReReview, ("reviewingUnit", Government.ToString())),
        Event("case.replied", 31, CaseStage.ReReview, ("replyText", "经复核，维持复查意见。")),
    ];

    private static IReadOnlyList<CaseDocument> All() =>
        [.. Core.Cases.Documents.CaseDocuments.Of(Facts, Story),
         .. Core.Cases.Documents.CaseDocuments.Of(Facts, [Story[0], Event("case.not-accepted", 4, data: ("reason", "已经依法处理"))]),
         .. Core.Cases.Documents.CaseDocuments.Of(Facts, [Story[0], Event("case.transferred", 4, data: ("toUnit", Housing.ToString()))])];

    [Fact]
    public void Every_kind_opens_validates_and_reads_back_line_for_line()
    {
        var documents = All();
        Assert.Equal(Enum.GetValues<CaseDocumentKind>().Order(), documents.Select(d => d.Kind).Distinct().Order());
        foreach (var d in documents)
        {
            var bytes = CaseDocumentFiles.Docx(d);
            using (var stream = new MemoryStream(bytes))
            using (var word = WordprocessingDocument.Open(stream, false))
            {
                var problems = string.Join("; ", new OpenXmlValidator().Validate(word, TestContext.Current.CancellationToken).Select(e => e.Description));
                Assert.True(problems.Length == 0, $"{d.Kind}: {problems}");
            }
            Assert.Equal(d.Lines(), OfficialDocx.ReadParagraphs(bytes).Where(l => l.Length > 0));
        }
    }

    [Fact]
    public void The_reply_opinion_file_holds_number_issuer_chinese_date_and_the_four_parts()
    {
        var opinion = All().Single(d => d.Kind == CaseDocumentKind.ReplyOpinion);
        var lines = OfficialDocx.ReadParagraphs(CaseDocumentFiles.Docx(opinion)).Where(l => l.Length > 0).ToList();

        Assert.Equal("垦利区住房和城乡建设局", lines[0]);
        Assert.Equal("垦利信处〔2026〕280号", lines[1]);
        Assert.Equal("信访事项处理意见书", lines[2]);
        Assert.Equal("张三：", lines[3]);
        Assert.Contains("一、查明的事实", lines);
        Assert.Contains("二、处理依据", lines);
        Assert.Contains("三、处理意见", lines);
        Assert.Contains(lines, l => l.Contains("自收到本意见书之日起30日内（即二〇二六年四月二十日前），向垦利区人民政府书面提出复查请求", StringComparison.Ordinal));
        Assert.Equal("二〇二六年三月二十日", lines[^1]);
        Assert.Equal("处理意见书-KL-2026-000280", opinion.FileStem);
    }

    [Fact]
    public void The_print_view_is_an_a4_page_with_the_same_text_escaped()
    {
        var notice = All().First();
        var html = CaseDocumentFiles.PrintHtml(notice, "打印");

        Assert.Contains("@page{size:A4", html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        Assert.Contains("<title>受理告知书 · KL-2026-000280</title>", html, StringComparison.Ordinal);
        Assert.Contains("垦利信受〔2026〕280号", html, StringComparison.Ordinal);
        Assert.Contains("二〇二六年三月三日", html, StringComparison.Ordinal);
        // The matter is the petitioner's words: never markup.
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("垦利区", "垦利信")]
    [InlineData("克拉玛依区", "克拉玛依信")]
    [InlineData("富县", "富县信")]
    [InlineData(null, "信")]
    public void The_number_prefix_is_the_district_name_without_its_suffix(string? county, string expected) =>
        Assert.Equal(expected, CaseDocumentDesk.NumberPrefix(county));
}
