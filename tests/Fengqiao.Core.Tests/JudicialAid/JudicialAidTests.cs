using CsCheck;
using Fengqiao.Core.JudicialAid;
using Fengqiao.Core.Organisations;
using Fengqiao.Core.Tests.Calendar;
using NodaTime;

namespace Fengqiao.Core.Tests.JudicialAid;

public class JudicialAidTests
{
    private static readonly DivisionCode Village = DivisionCode.Parse("370521100201");
    private static readonly JudicialAidPolicy Policy = JudicialAidPolicy.WithCap(60_000m, "测试上限");
    private static readonly Instant Applied = ChinaTime.At(2026, 4, 1);
    private static readonly Instant SignedAt = ChinaTime.At(2026, 4, 12);
    private static readonly Beneficiary Child = new("小明", "被害人之子", null, IsMinor: true, Guardian: "王某（祖母）");
    private static readonly Beneficiary Widow = new("李某", "被害人之妻", null, IsMinor: false, Guardian: null);

    private static Dictionary<string, CriterionFinding> Findings(string? ground = "G3", string? exclusion = null, string? unmetCondition = null) =>
        EligibilityCriteria.Default.Criteria.ToDictionary(c => c.Code, c => new CriterionFinding(
            c.Kind switch
            {
                CriterionKind.Ground => c.Code == ground,
                CriterionKind.Condition => c.Code != unmetCondition,
                _ => c.Code == exclusion,
            },
            $"经调查核实（{c.Code}）"));

    private static JudicialAidCase Application() =>
        JudicialAidCase.Apply(Guid.NewGuid(), "王某", "某检刑诉〔2026〕8号", "被害人死亡，加害人无赔偿能力，遗有未成年子女", Applied);

    private static JudicialAidCase Eligible() =>
        Application().ReviewEligibility(EligibilityCriteria.Default, Findings(), ChinaTime.At(2026, 4, 3));

    private static JudicialAidCase Decided(decimal amount = 50_000m) =>
        Eligible().Decide(amount, [Child, Widow], Policy, "检察长", ChinaTime.At(2026, 4, 10));

    private static FundSupervisionAgreement Agreement(string guardian = "王某（祖母）") =>
        FundSupervisionAgreement.Create(guardian, new AgreementParty("某村村委会", "村支书赵某"), Village,
            new AgreementParty("某区人民检察院", "检察官陈某"), "救助金专用于小明的生活和学业，每学期回访一次", new LocalDate(2026, 4, 12));

    private static JudicialAidCase Supervised() => Decided().SignAgreement(Agreement(), SignedAt);

    [Fact]
    public void A_case_goes_from_application_to_supervised_disbursement_and_closes_after_a_follow_up()
    {
        var closed = Supervised()
            .Disburse(30_000m, "小明", ChinaTime.At(2026, 4, 15), "付款凭证 001")
            .Disburse(20_000m, "李某", ChinaTime.At(2026, 4, 15), "付款凭证 002")
            .RecordFollowUp(ChinaTime.At(2026, 9, 1), "检察官陈某", "学费、生活费已按协议支出，有票据", usedAsAgreed: true)
            .Close(ChinaTime.At(2026, 9, 2));

        Assert.Equal(JudicialAidState.Closed, closed.State);
        Assert.Equal(50_000m, closed.Disbursed);
        Assert.Equal(0, closed.Remaining);
        Assert.Single(closed.FollowUps);
    }

    [Fact]
    public void Every_step_is_logged_with_its_figures()
    {
        var aid = Supervised().Disburse(30_000m, "小明", ChinaTime.At(2026, 4, 15), "付款凭证 001");

        Assert.Equal(["aid.applied", "aid.reviewed", "aid.decided", "aid.agreement-signed", "aid.disbursed"], aid.History.Select(e => e.Kind));
        var decided = aid.History[2];
        Assert.Equal(JudicialAidState.Eligible, decided.Before);
        Assert.Equal(JudicialAidState.Decided, decided.After);
        Assert.Equal("50000.00", decided.Data["amount"]);
        Assert.Equal("20000.00", aid.History[^1].Data["remaining"]);
    }

    [Fact]
    public void A_step_dated_before_the_previous_one_is_refused() =>
        Assert.Throws<JudicialAidRuleException>(() => Decided().SignAgreement(Agreement(), ChinaTime.At(2026, 4, 9)));

    [Fact]
    public void Eligibility_needs_a_ground_every_condition_and_no_exclusion_and_says_why()
    {
        Assert.Equal(JudicialAidState.Eligible, Eligible().State);
        Assert.Contains(Eligible().Review!.Reasons, r => r.StartsWith("符合救助情形：被害人死亡", StringComparison.Ordinal));

        var noGround = Application().ReviewEligibility(EligibilityCriteria.Default, Findings(ground: null), Applied);
        Assert.Equal(JudicialAidState.Ineligible, noGround.State);
        Assert.Contains(noGround.Review!.Reasons, r => r.Contains("no ground", StringComparison.Ordinal));

        var excluded = Application().ReviewEligibility(EligibilityCriteria.Default, Findings(exclusion: "E1"), Applied);
        Assert.Equal(JudicialAidState.Ineligible, excluded.State);
        Assert.Contains(excluded.Review!.Reasons, r => r.Contains("对案件发生有重大过错", StringComparison.Ordinal) && r.Contains("exclusion applies", StringComparison.Ordinal));

        var unmet = Application().ReviewEligibility(EligibilityCriteria.Default, Findings(unmetCondition: "C2"), Applied);
        Assert.Equal(JudicialAidState.Ineligible, unmet.State);
    }

    [Fact]
    public void A_review_without_a_reason_for_every_criterion_is_refused()
    {
        var findings = Findings();
        findings["E4"] = new CriterionFinding(false, " ");
        var e = Assert.Throws<JudicialAidRuleException>(() => Application().ReviewEligibility(EligibilityCriteria.Default, findings, Applied));
        Assert.Contains("放弃或拒绝民事赔偿", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("E4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_review_asks_only_the_applicants_ground_and_names_criteria_in_words_one_language_each()
    {
        var asked = EligibilityCriteria.Default.AskedFor("G3").ToList();
        Assert.Equal(8, asked.Count);
        Assert.DoesNotContain(asked, c => c.Kind == CriterionKind.Ground && c.Code != "G3");
        var findings = asked.ToDictionary(c => c.Code, c => new CriterionFinding(c.Kind != CriterionKind.Exclusion && c.Code != "C2", "经调阅卷宗核实"));

        var reviewed = Application().ReviewEligibility(EligibilityCriteria.Default, findings, Applied);

        Assert.Equal(JudicialAidState.Ineligible, reviewed.State);
        Assert.Contains(reviewed.Review!.Reasons, r => r.StartsWith("不满足必备条件：家庭经济困难由案件所致——经调阅卷宗核实", StringComparison.Ordinal));
        foreach (var reason in reviewed.Review.Reasons)
        {
            Assert.DoesNotMatch(@"[GCE][0-9]", reason);
            var english = reason[(reason.LastIndexOf(" (", StringComparison.Ordinal) + 2)..^1];
            Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", english);
        }

        var noGround = asked.Where(c => c.Kind != CriterionKind.Ground).ToDictionary(c => c.Code, c => new CriterionFinding(true, "核实"));
        var e = Assert.Throws<JudicialAidRuleException>(() => Application().ReviewEligibility(EligibilityCriteria.Default, noGround, Applied));
        Assert.StartsWith("请选择申请人所属的救助情形", e.Message, StringComparison.Ordinal);

        findings.Remove("C1");
        var missing = Assert.Throws<JudicialAidRuleException>(() => Application().ReviewEligibility(EligibilityCriteria.Default, findings, Applied));
        Assert.Contains("与检察机关办理的案件相关", missing.Message, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", missing.Message[missing.Message.LastIndexOf(" (", StringComparison.Ordinal)..]);
    }

    [Fact]
    public void Criteria_are_data_a_procuratorate_can_replace()
    {
        var criteria = EligibilityCriteria.Create([new("X1", "地方特别救助情形", CriterionKind.Ground)]);
        var reviewed = Application().ReviewEligibility(criteria, new Dictionary<string, CriterionFinding> { ["X1"] = new(true, "符合") }, Applied);
        Assert.Equal(JudicialAidState.Eligible, reviewed.State);
        Assert.Throws<JudicialAidRuleException>(() => EligibilityCriteria.Create([new("C", "只有条件", CriterionKind.Condition)]));
    }

    [Fact]
    public void An_ineligible_case_cannot_be_granted_aid()
    {
        var ineligible = Application().ReviewEligibility(EligibilityCriteria.Default, Findings(ground: null), Applied);
        var e = Assert.Throws<JudicialAidRuleException>(() => ineligible.Decide(1000m, [Widow], Policy, "检察长", ChinaTime.At(2026, 4, 10)));
        Assert.Contains("ineligible", e.Message, StringComparison.Ordinal);
        Assert.Equal(JudicialAidState.Closed, ineligible.Close(ChinaTime.At(2026, 4, 11)).State);
    }

    [Fact]
    public void A_decision_before_review_is_refused() =>
        Assert.Throws<JudicialAidRuleException>(() => Application().Decide(1000m, [Widow], Policy, "检察长", ChinaTime.At(2026, 4, 10)));

    [Fact]
    public void An_amount_above_the_cap_or_not_in_whole_fen_is_refused()
    {
        var e = Assert.Throws<JudicialAidRuleException>(() => Decided(60_000.01m));
        Assert.Contains("exceeds the cap", e.Message, StringComparison.Ordinal);
        Assert.Throws<JudicialAidRuleException>(() => Decided(100.001m));
        Assert.Throws<JudicialAidRuleException>(() => Decided(0m));
        Assert.Equal(60_000m, Decided(60_000m).Decision!.Amount);
    }

    [Fact]
    public void The_cap_can_be_set_as_thirty_six_months_of_the_average_wage()
    {
        var policy = JudicialAidPolicy.FromMonthlyAverageWage(7_500m);
        Assert.Equal(270_000m, policy.Cap);
        Assert.Contains("36", policy.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void A_decision_needs_a_beneficiary_and_a_minor_needs_a_guardian_and_supervised_funds()
    {
        Assert.Throws<JudicialAidRuleException>(() => Eligible().Decide(1000m, [], Policy, "检察长", ChinaTime.At(2026, 4, 10)));
        Assert.Throws<JudicialAidRuleException>(() =>
            Eligible().Decide(1000m, [Child with { Guardian = null }], Policy, "检察长", ChinaTime.At(2026, 4, 10)));
        Assert.Throws<JudicialAidRuleException>(() =>
            Eligible().Decide(1000m, [Child], Policy, "检察长", ChinaTime.At(2026, 4, 10), supervisedFunds: false));
    }

    [Fact]
    public void The_agreement_needs_all_three_parties()
    {
        var committee = new AgreementParty("某村村委会", "村支书赵某");
        var procuratorate = new AgreementParty("某区人民检察院", "检察官陈某");
        var date = new LocalDate(2026, 4, 12);

        Assert.Throws<JudicialAidRuleException>(() => FundSupervisionAgreement.Create("", committee, Village, procuratorate, "条款", date));
        Assert.Throws<JudicialAidRuleException>(() => FundSupervisionAgreement.Create("王某", null, Village, procuratorate, "条款", date));
        var e = Assert.Throws<JudicialAidRuleException>(() =>
            FundSupervisionAgreement.Create("王某", committee, Village, new AgreementParty("某区人民检察院", " "), "条款", date));
        Assert.Contains("all three parties", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_signing_guardian_must_be_the_minors_guardian_and_signs_once()
    {
        Assert.Throws<JudicialAidRuleException>(() => Decided().SignAgreement(Agreement("隔壁邻居"), SignedAt));
        Assert.Throws<JudicialAidRuleException>(() => Supervised().SignAgreement(Agreement(), SignedAt));
    }

    [Fact]
    public void Supervised_aid_is_not_paid_before_the_agreement_is_signed()
    {
        var e = Assert.Throws<JudicialAidRuleException>(() => Decided().Disburse(1000m, "小明", ChinaTime.At(2026, 4, 15), "凭证"));
        Assert.Contains("agreement", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupervised_aid_to_adults_can_be_paid_straight_away()
    {
        var paid = Eligible().Decide(5_000m, [Widow], Policy, "检察长", ChinaTime.At(2026, 4, 10), supervisedFunds: false)
            .Disburse(5_000m, "李某", ChinaTime.At(2026, 4, 11), "凭证 9")
            .Close(ChinaTime.At(2026, 4, 12));
        Assert.Equal(JudicialAidState.Closed, paid.State);
    }

    [Fact]
    public void Payments_beyond_the_decided_amount_or_to_someone_not_named_are_refused()
    {
        var partly = Supervised().Disburse(45_000m, "小明", ChinaTime.At(2026, 4, 15), "凭证 1");
        var e = Assert.Throws<JudicialAidRuleException>(() => partly.Disburse(5_000.01m, "李某", ChinaTime.At(2026, 4, 16), "凭证 2"));
        Assert.Contains("exceed the decided amount", e.Message, StringComparison.Ordinal);
        Assert.Throws<JudicialAidRuleException>(() => partly.Disburse(100m, "张三", ChinaTime.At(2026, 4, 16), "凭证 3"));
        Assert.Throws<JudicialAidRuleException>(() => partly.Disburse(100m, "李某", ChinaTime.At(2026, 4, 1), "凭证 4"));
    }

    [Fact]
    public void Follow_ups_need_the_agreement_and_a_payment_and_closing_needs_both_full_payment_and_a_follow_up()
    {
        Assert.Throws<JudicialAidRuleException>(() => Supervised().RecordFollowUp(ChinaTime.At(2026, 5, 1), "陈某", "尚未发放", true));
        var paid = Supervised().Disburse(50_000m, "小明", ChinaTime.At(2026, 4, 15), "凭证");
        var e = Assert.Throws<JudicialAidRuleException>(() => paid.Close(ChinaTime.At(2026, 5, 1)));
        Assert.Contains("follow-up", e.Message, StringComparison.Ordinal);
        var partly = Supervised().Disburse(10_000m, "小明", ChinaTime.At(2026, 4, 15), "凭证")
            .RecordFollowUp(ChinaTime.At(2026, 5, 1), "陈某", "按协议使用", true);
        Assert.Throws<JudicialAidRuleException>(() => partly.Close(ChinaTime.At(2026, 5, 2)));
    }

    [Fact]
    public void A_closed_case_takes_no_more_payments()
    {
        var closed = Supervised().Disburse(50_000m, "小明", ChinaTime.At(2026, 4, 15), "凭证")
            .RecordFollowUp(ChinaTime.At(2026, 5, 1), "陈某", "按协议使用", true)
            .Close(ChinaTime.At(2026, 5, 2));
        Assert.Throws<JudicialAidRuleException>(() => closed.Disburse(1m, "小明", ChinaTime.At(2026, 5, 3), "凭证"));
    }

    [Fact]
    public void Disbursements_never_exceed_the_decision() =>
        Gen.Select(Gen.Int[1, 60_000], Gen.Int[1, 30_000].Array[1, 12]).Sample((decided, attempts) =>
        {
            var aid = Eligible().Decide(decided, [Child, Widow], Policy, "检察长", ChinaTime.At(2026, 4, 10)).SignAgreement(Agreement(), SignedAt);
            var at = ChinaTime.At(2026, 4, 15);
            foreach (var amount in attempts)
            {
                try
                {
                    aid = aid.Disburse(amount, "小明", at, "凭证");
                }
                catch (JudicialAidRuleException)
                {
                    // Refused: it would have gone over; the case is unchanged.
                }
                Assert.True(aid.Disbursed <= decided);
                Assert.Equal(decided - aid.Disbursed, aid.Remaining);
            }
        });
}
