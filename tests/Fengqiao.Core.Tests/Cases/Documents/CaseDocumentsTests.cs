using Fengqiao.Core.Calendar;
using Fengqiao.Core.Cases;
using Fengqiao.Core.Cases.Deadlines;
using Fengqiao.Core.Cases.Documents;
using Fengqiao.Core.Tests.Calendar;
using NodaTime;

namespace Fengqiao.Core.Tests.Cases.Documents;

public sealed class CaseDocumentsTests
{
    private static readonly Guid Government = new("00000000-0000-0000-0000-0000000000a1");
    private static readonly Guid Bureau = CaseFixture.Bureau;
    private static readonly Guid Housing = CaseFixture.Housing;
    private static readonly Guid Labour = CaseFixture.Labour;
    private static readonly Guid City = CaseFixture.CityBureau;
    private static readonly Guid Province = CaseFixture.ProvinceBureau;

    private static readonly Dictionary<Guid, CaseDocumentUnit> Units = new()
    {
        [Government] = new("垦利区人民政府", null),
        [Bureau] = new("垦利区信访局", Government),
        [Housing] = new("垦利区住房和城乡建设局", Government),
        [Labour] = new("垦利区人力资源和社会保障局", Government),
        [City] = new("东营市信访局", Province),
        [Province] = new("山东省信访局", null),
    };

    private static readonly CaseDocumentFacts Facts = new("KL-2026-000280", "小区电梯长期故障", "张三", "垦利信", Bureau, Units);

    private const string LabelledReply = "查明事实：经核查，该小区3号楼电梯自2026年1月起多次故障。\n处理依据：依据《特种设备安全法》第三十九条。\n处理意见：责令物业公司于3月底前完成维修。";

    /// <summary>Applies the commands one by one and keeps every event, as the data layer stores them.</summary>
    private sealed class Story
    {
        private CaseFile _file;

        public Story(Instant at, CaseKind kind = CaseKind.Petition)
        {
            var registration = CaseFixture.Registration(at, kind);
            var t = CaseFile.Register(registration, CasePolicy.For(SlaProfileCatalog.DefaultSelector, ChinaTime.Calculator, registration.Channel, kind, "0101"));
            _file = t.Case;
            Events.Add(t.Event);
        }

        public List<CaseEvent> Events { get; } = [];

        public Story Then(CaseCommand command)
        {
            var t = _file.Apply(command);
            _file = t.Case;
            Events.Add(t.Event);
            return this;
        }

        public Story Reply(Instant at, string text, Guid unit) =>
            Then(new SubmitReply(at - Duration.FromDays(1), "handler-1", text)).Then(new ReplyToCase(at, "director-1", "", unit));

        public IReadOnlyList<CaseDocument> Documents => CaseDocuments.Of(Facts, Events);
    }

    private static Story ThroughReReview() =>
        new Story(ChinaTime.At(2026, 3, 2))
            .Then(new AcceptCase(ChinaTime.At(2026, 3, 3), "clerk-1"))
            .Then(new AssignCase(ChinaTime.At(2026, 3, 3, 10), "clerk-1", Housing, [Labour]))
            .Then(new StartHandling(ChinaTime.At(2026, 3, 4), "handler-1"))
            .Then(new RequestExtension(ChinaTime.At(2026, 3, 10), "handler-1", 30, "需委托第三方检测电梯"))
            .Then(new ApproveExtension(ChinaTime.At(2026, 3, 11), "director-1", Housing))
            .Reply(ChinaTime.At(2026, 3, 20), LabelledReply, Housing)
            .Then(new RequestReview(ChinaTime.At(2026, 3, 25), "resident", City, "维修不彻底"))
            .Then(new AssignCase(ChinaTime.At(2026, 3, 26), "city-clerk", Housing))
            .Then(new StartHandling(ChinaTime.At(2026, 3, 27), "handler-1"))
            .Reply(ChinaTime.At(2026, 4, 10), "经复查，原处理意见认定事实清楚，予以维持。", Housing)
            .Then(new RequestReReview(ChinaTime.At(2026, 4, 15), "resident", Province, "仍不服"))
            .Then(new AssignCase(ChinaTime.At(2026, 4, 16), "province-clerk", Housing))
            .Then(new StartHandling(ChinaTime.At(2026, 4, 17), "handler-1"))
            .Reply(ChinaTime.At(2026, 5, 6), "经复核，维持复查意见。", Housing);

    [Fact]
    public void A_case_that_went_to_re_review_has_every_document_in_order()
    {
        var documents = ThroughReReview().Documents;

        Assert.Equal(
            [CaseDocumentKind.AcceptanceNotice, CaseDocumentKind.AssignmentSlip, CaseDocumentKind.ExtensionNotice, CaseDocumentKind.ReplyOpinion,
             CaseDocumentKind.AssignmentSlip, CaseDocumentKind.ReviewOpinion, CaseDocumentKind.AssignmentSlip, CaseDocumentKind.ReReviewOpinion],
            documents.Select(d => d.Kind));
        Assert.Equal([1, 1, 1, 1, 2, 1, 3, 1], documents.Select(d => d.Occurrence));
        // Unique per kind: a second and third 交办单 of the same case are marked 之二, 之三.
        Assert.Equal(documents.Count, documents.Select(d => d.Number.ToString()).Distinct().Count());
        Assert.Equal("垦利信交〔2026〕280号之三", documents[6].Number.ToString());
        Assert.Equal("交办单之三-KL-2026-000280", documents[6].FileStem);
    }

    [Fact]
    public void The_acceptance_notice_has_its_number_issuer_chinese_date_and_reply_date()
    {
        var notice = ThroughReReview().Documents[0];

        Assert.Equal("垦利信受〔2026〕280号", notice.Number.ToString());
        Assert.Equal("受理告知书", notice.Title);
        Assert.Equal("垦利区信访局", notice.IssuerName);
        Assert.Equal("二〇二六年三月三日", notice.DateText);
        Assert.Equal("张三：", notice.Addressee);
        Assert.Equal(new LocalDate(2026, 3, 17), notice.StatutoryBy);
        Assert.False(notice.Late);
        var text = string.Join("\n", notice.Lines());
        Assert.Contains("二〇二六年三月二日", text, StringComparison.Ordinal);
        Assert.Contains("“小区电梯长期故障”信访事项（编号：KL-2026-000280）", text, StringComparison.Ordinal);
        Assert.Contains("决定予以受理", text, StringComparison.Ordinal);
        Assert.Matches("并于二〇二六年.+前作出处理意见", text);
        Assert.Equal("受理告知书-KL-2026-000280", notice.FileStem);
        Assert.True(notice.ForResident);
    }

    [Fact]
    public void The_reply_opinion_states_facts_basis_decision_and_the_review_route_with_its_30_days()
    {
        var opinion = ThroughReReview().Documents.Single(d => d.Kind == CaseDocumentKind.ReplyOpinion);

        Assert.Equal("信访事项处理意见书", opinion.Title);
        Assert.Equal("垦利信处〔2026〕280号", opinion.Number.ToString());
        Assert.Equal("垦利区住房和城乡建设局", opinion.IssuerName);
        Assert.Equal("二〇二六年三月二十日", opinion.DateText);
        Assert.Equal(["一、查明的事实", "二、处理依据", "三、处理意见", "四、不服本意见的救济途径"], opinion.Sections.Select(s => s.Heading).OfType<string>());
        Assert.Equal("经核查，该小区3号楼电梯自2026年1月起多次故障。", opinion.Sections[1].Paragraphs.Single());
        Assert.Equal("依据《特种设备安全法》第三十九条。", opinion.Sections[2].Paragraphs.Single());
        Assert.Equal("责令物业公司于3月底前完成维修。", opinion.Sections[3].Paragraphs.Single());
        var route = opinion.Sections[4].Paragraphs[0];
        // The review goes to the body above the one that answered, within 30 days of receipt, with the date it ends.
        Assert.Contains("自收到本意见书之日起30日内（即二〇二六年四月", route, StringComparison.Ordinal);
        Assert.Contains("向垦利区人民政府书面提出复查请求", route, StringComparison.Ordinal);
    }

    [Fact]
    public void Review_and_re_review_opinions_name_the_next_step_and_the_final_one_says_it_is_final()
    {
        var documents = ThroughReReview().Documents;
        var review = documents.Single(d => d.Kind == CaseDocumentKind.ReviewOpinion);
        var final = documents.Single(d => d.Kind == CaseDocumentKind.ReReviewOpinion);

        Assert.Equal("东营市信访局", review.IssuerName);
        Assert.Equal("垦利信查〔2026〕280号", review.Number.ToString());
        var reviewText = string.Join("\n", review.Lines());
        Assert.Contains("于二〇二六年三月二十五日请求复查", reviewText, StringComparison.Ordinal);
        Assert.Contains("向山东省信访局书面提出复核请求", reviewText, StringComparison.Ordinal);
        // An unlabelled reply is kept whole under one heading rather than guessed apart.
        Assert.Equal("一、查明的事实、处理依据和复查意见", review.Sections[1].Heading);

        Assert.Equal("山东省信访局", final.IssuerName);
        Assert.Equal("垦利信核〔2026〕280号", final.Number.ToString());
        Assert.Contains("本复核意见为终局意见", string.Join("\n", final.Lines()), StringComparison.Ordinal);
        Assert.DoesNotContain("30日内", string.Join("\n", final.Lines()), StringComparison.Ordinal);
    }

    [Fact]
    public void Slips_and_the_extension_notice_say_to_whom_what_and_by_when()
    {
        var documents = ThroughReReview().Documents;
        var slip = documents.First(d => d.Kind == CaseDocumentKind.AssignmentSlip);
        var extension = documents.Single(d => d.Kind == CaseDocumentKind.ExtensionNotice);

        Assert.Equal("垦利区住房和城乡建设局：", slip.Addressee);
        Assert.Equal("垦利区信访局", slip.IssuerName);
        Assert.Contains("协办单位：垦利区人力资源和社会保障局。", slip.Lines());
        Assert.False(slip.ForResident);
        Assert.Equal("东营市信访局", documents[4].IssuerName);

        Assert.Equal("延期办理告知书", extension.Title);
        Assert.Equal("垦利区住房和城乡建设局", extension.IssuerName);
        var text = string.Join("\n", extension.Lines());
        Assert.Contains("因需委托第三方检测电梯", text, StringComparison.Ordinal);
        Assert.Contains("办理期限延长30日", text, StringComparison.Ordinal);
        Assert.True(extension.ForResident);
    }

    [Fact]
    public void A_refusal_gives_its_reason_and_a_late_decision_is_marked_late()
    {
        var documents = new Story(ChinaTime.At(2026, 3, 2))
            .Then(new NotAcceptCase(ChinaTime.At(2026, 3, 20), "clerk-1", "该事项已经人民法院判决"))
            .Documents;

        var notice = Assert.Single(documents);
        Assert.Equal(CaseDocumentKind.NonAcceptanceNotice, notice.Kind);
        Assert.Equal("垦利信不〔2026〕280号", notice.Number.ToString());
        Assert.Contains("理由如下：该事项已经人民法院判决。", string.Join("\n", notice.Lines()), StringComparison.Ordinal);
        Assert.Contains("诉讼、仲裁、行政复议", string.Join("\n", notice.Lines()), StringComparison.Ordinal);
        // Received 2 March; the written decision was due by 17 March.
        Assert.True(notice.Late);
    }

    [Fact]
    public void A_transfer_slip_goes_to_the_unit_with_jurisdiction_which_then_assigns()
    {
        var documents = new Story(ChinaTime.At(2026, 3, 2))
            .Then(new TransferCase(ChinaTime.At(2026, 3, 4), "clerk-1", Housing, "请核实物业维修资金使用情况"))
            .Then(new AssignCase(ChinaTime.At(2026, 3, 5), "housing-clerk", Labour))
            .Documents;

        Assert.Equal([CaseDocumentKind.TransferSlip, CaseDocumentKind.AssignmentSlip], documents.Select(d => d.Kind));
        Assert.Equal("信访事项转送单", documents[0].Title);
        Assert.Equal("垦利区住房和城乡建设局：", documents[0].Addressee);
        Assert.Contains("附言：请核实物业维修资金使用情况。", documents[0].Lines());
        Assert.Equal("垦利区住房和城乡建设局", documents[1].IssuerName);
    }

    [Fact]
    public void A_case_resolved_on_the_spot_or_only_registered_has_no_documents()
    {
        var spot = CaseFile.RegisterResolvedOnTheSpot(CaseFixture.Registration(ChinaTime.At(2026, 3, 2)),
            CaseFixture.Policy(SlaProfileCatalog.Petition), "当场解释政策");

        Assert.Empty(CaseDocuments.Of(Facts, [spot.Event]));
        Assert.Empty(new Story(ChinaTime.At(2026, 3, 2)).Documents);
    }

    [Fact]
    public void The_same_events_give_the_same_documents()
    {
        var story = ThroughReReview();

        Assert.Equal(story.Documents.SelectMany(d => d.Lines()), CaseDocuments.Of(Facts, story.Events).SelectMany(d => d.Lines()));
    }

    [Theory]
    [InlineData(2026, 12, 7, "二〇二六年十二月七日")]
    [InlineData(2020, 10, 20, "二〇二〇年十月二十日")]
    [InlineData(2027, 1, 31, "二〇二七年一月三十一日")]
    [InlineData(2026, 11, 15, "二〇二六年十一月十五日")]
    public void Dates_are_written_in_chinese_numerals(int year, int month, int day, string expected) =>
        Assert.Equal(expected, ChineseDate.Format(new LocalDate(year, month, day)));

    [Theory]
    [InlineData("KL-2026-000280", true)]
    [InlineData("370505-2026-001234", true)]
    [InlineData("KL-26-000280", false)]
    [InlineData("KL-2026-000000", false)]
    [InlineData("KL-2026", false)]
    [InlineData("", false)]
    public void Numbers_come_only_from_well_formed_tracking_codes(string code, bool ok)
    {
        Assert.Equal(ok, CaseDocumentNumber.TryFor("垦利信", CaseDocumentKind.AcceptanceNotice, code, 1, out _));
        Assert.False(CaseDocumentNumber.TryFor("KL", CaseDocumentKind.AcceptanceNotice, "KL-2026-000280", 1, out _));
    }

    [Fact]
    public void A_reply_missing_one_labelled_part_is_not_split()
    {
        Assert.False(ReplySections.TrySplit("查明事实：甲\n处理意见：乙", out _, out _, out _));
        Assert.True(ReplySections.TrySplit("一、查明事实：甲\n补充\n二、处理依据：丙\n三、处理意见：乙", out var facts, out _, out _));
        Assert.Equal(["甲", "补充"], facts);
        // The English UI's reply template labels the same parts.
        Assert.True(ReplySections.TrySplit("Facts: 甲\nBasis: 丙\nDecision: 乙", out var f, out var b, out var d));
        Assert.Equal(["甲", "丙", "乙"], [f.Single(), b.Single(), d.Single()]);
    }
}
