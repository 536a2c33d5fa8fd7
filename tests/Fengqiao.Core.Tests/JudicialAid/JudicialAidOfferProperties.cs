using CsCheck;
using Fengqiao.Core.JudicialAid;
using Fengqiao.Core.Organisations;
using Fengqiao.Core.Tests.Calendar;
using NodaTime;

namespace Fengqiao.Core.Tests.JudicialAid;

/// <summary>
/// Offered = allowed for judicial aid (司法救助): through random walks from application to closing, with eligible and
/// refused reviews, supervised and unsupervised aid, part and full payments, every action the case offers succeeds when
/// taken with valid input, and every other action is refused.
/// </summary>
public class JudicialAidOfferProperties
{
    private static readonly JudicialAidAction[] Actions = Enum.GetValues<JudicialAidAction>();
    private static readonly JudicialAidPolicy Policy = JudicialAidPolicy.WithCap(60_000m, "测试上限");
    private static readonly Beneficiary Child = new("小明", "被害人之子", null, IsMinor: true, Guardian: "王某（祖母）");
    private static readonly Beneficiary Widow = new("李某", "被害人之妻", null, IsMinor: false, Guardian: null);

    // Minutes after the last step (a negative one dates the step before it), and choices for what is entered.
    private readonly record struct Step(int Minutes, int Pick, int Choice);

    private static readonly Gen<Step[]> Runs = Gen.Select(Gen.Int[-60, 60 * 24 * 30], Gen.Int[0, 99], Gen.Int[0, 99])
        .Select((minutes, pick, choice) => new Step(minutes, pick, choice)).Array[1, 12];

    [Fact]
    public void Every_offered_action_succeeds_and_every_other_action_is_refused()
    {
        var offered = new HashSet<JudicialAidAction>();
        var refused = new HashSet<JudicialAidAction>();
        Runs.Sample(steps =>
        {
            var aid = JudicialAidCase.Apply(Guid.NewGuid(), "王某", "某检刑诉〔2026〕8号", "被害人死亡，加害人无赔偿能力", ChinaTime.At(2026, 4, 1));
            foreach (var step in steps)
            {
                var at = aid.History[^1].At + Duration.FromMinutes(step.Minutes);
                var offers = aid.Offers(at);
                var taken = offers.Count == 0 ? (JudicialAidAction?)null : offers.Order().ElementAt(step.Pick % offers.Count);
                JudicialAidCase? next = null;
                foreach (var action in Actions)
                {
                    var ok = TryTake(aid, action, at, step.Choice, out var after);
                    Assert.True(ok == offers.Contains(action), $"{action} on a {aid.State} case was {(ok ? "accepted but not offered" : "offered but refused")}");
                    if (action == taken)
                    {
                        next = after;
                    }
                    lock (offered)
                    {
                        (ok ? offered : refused).Add(action);
                    }
                }
                if (next is null)
                {
                    return;
                }
                aid = next;
            }
        }, iter: 2000, threads: 1);
        Assert.Equal(Actions.ToHashSet(), offered);
        Assert.Equal(Actions.ToHashSet(), refused);
    }

    [Fact]
    public void A_partly_paid_supervised_case_offers_payment_and_follow_up_but_not_closing()
    {
        var at = ChinaTime.At(2026, 4, 20);
        var paid = JudicialAidCase.Apply(Guid.NewGuid(), "王某", "某检刑诉〔2026〕8号", "被害人死亡", ChinaTime.At(2026, 4, 1))
            .ReviewEligibility(EligibilityCriteria.Default, Findings(eligible: true), ChinaTime.At(2026, 4, 3))
            .Decide(50_000m, [Child, Widow], Policy, "检察长", ChinaTime.At(2026, 4, 10))
            .SignAgreement(Agreement(), ChinaTime.At(2026, 4, 12))
            .Disburse(30_000m, "小明", ChinaTime.At(2026, 4, 15), "凭证 001");
        Assert.Equal(new HashSet<JudicialAidAction> { JudicialAidAction.Disburse, JudicialAidAction.FollowUp }, paid.Offers(at).ToHashSet());
    }

    // Valid input for each step; the choice picks eligible or refused, supervised or not, part or full payment.
    private static bool TryTake(JudicialAidCase aid, JudicialAidAction action, Instant at, int choice, out JudicialAidCase? after)
    {
        after = null;
        try
        {
            after = action switch
            {
                JudicialAidAction.Review => aid.ReviewEligibility(EligibilityCriteria.Default, Findings(eligible: choice % 4 != 0), at),
                JudicialAidAction.Decide => choice % 3 == 0
                    ? aid.Decide(20_000m, [Widow], Policy, "检察长", at, supervisedFunds: false)
                    : aid.Decide(50_000m, [Child, Widow], Policy, "检察长", at),
                JudicialAidAction.SignAgreement => aid.SignAgreement(Agreement(), at),
                JudicialAidAction.Disburse => aid.Disburse(choice % 2 == 0 ? aid.Remaining : Math.Max(0.01m, decimal.Round(aid.Remaining / 2, 2)),
                    aid.Decision?.Beneficiaries[^1].Name ?? "李某", at, "付款凭证"),
                JudicialAidAction.FollowUp => aid.RecordFollowUp(at, "检察官陈某", "学费、生活费已按协议支出", usedAsAgreed: true),
                _ => aid.Close(at),
            };
            return true;
        }
        catch (JudicialAidRuleException)
        {
            return false;
        }
    }

    private static Dictionary<string, CriterionFinding> Findings(bool eligible) =>
        EligibilityCriteria.Default.Criteria.ToDictionary(c => c.Code, c => new CriterionFinding(
            c.Kind switch
            {
                CriterionKind.Ground => c.Code == "G3",
                CriterionKind.Condition => eligible,
                _ => false,
            },
            $"经调查核实（{c.Code}）"));

    private static FundSupervisionAgreement Agreement() =>
        FundSupervisionAgreement.Create("王某（祖母）", new AgreementParty("某村村委会", "村支书赵某"), DivisionCode.Parse("370521100201"),
            new AgreementParty("某区人民检察院", "检察官陈某"), "救助金专用于小明的生活和学业", new LocalDate(2026, 4, 12));
}
