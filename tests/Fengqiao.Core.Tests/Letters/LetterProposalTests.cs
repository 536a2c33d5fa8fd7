using System.Collections.Immutable;
using Fengqiao.Core.Letters;
using NodaTime;
using static Fengqiao.Core.Tests.Calendar.ChinaTime;

namespace Fengqiao.Core.Tests.Letters;

public class LetterProposalTests
{
    private static readonly Instant Now = At(2026, 6, 30);
    private static readonly HashSet<LetterProposalKey> None = [];

    private static LetterCaseFacts Quiet => new(LetterFixture.CaseId, "KL2026-000123", LetterFixture.Housing, false, false, 0, []);

    private static ImmutableArray<LetterProposal> Evaluate(LetterCaseFacts facts, IReadOnlySet<LetterProposalKey>? already = null) =>
        LetterProposals.Evaluate(LetterRule.Defaults, facts, Now, already ?? None);

    [Fact]
    public void A_quiet_case_draws_no_proposal() => Assert.Empty(Evaluate(Quiet));

    [Fact]
    public void An_overdue_case_draws_a_supervision_letter_naming_the_rule()
    {
        var p = Assert.Single(Evaluate(Quiet with { Overdue = true }));
        Assert.Equal((LetterType.Supervision, "overdue-supervision"), (p.Type, p.RuleCode));
        Assert.Equal(LetterFixture.Housing, p.Recipient);
    }

    [Fact]
    public void A_group_petition_draws_a_risk_alert() =>
        Assert.Equal("group-petition-risk", Assert.Single(Evaluate(Quiet with { GroupPetition = true })).RuleCode);

    [Fact]
    public void Two_unsatisfied_ratings_draw_a_risk_alert_but_one_does_not()
    {
        Assert.Empty(Evaluate(Quiet with { UnsatisfiedRatings = 1 }));
        var p = Assert.Single(Evaluate(Quiet with { UnsatisfiedRatings = 2 }));
        Assert.Equal((LetterType.RiskAlert, "unsatisfied-twice-risk"), (p.Type, p.RuleCode));
    }

    [Fact]
    public void Three_overdues_by_the_same_unit_within_90_days_draw_an_accountability_suggestion()
    {
        ImmutableArray<Instant> recent = [Now - Duration.FromDays(10), Now - Duration.FromDays(40), Now - Duration.FromDays(89)];
        var p = Assert.Single(Evaluate(Quiet with { HandlingUnitOverdues = recent }));
        Assert.Equal(LetterType.AccountabilitySuggestion, p.Type);
        ImmutableArray<Instant> spread = [Now - Duration.FromDays(10), Now - Duration.FromDays(40), Now - Duration.FromDays(91)];
        Assert.Empty(Evaluate(Quiet with { HandlingUnitOverdues = spread }));
    }

    [Fact]
    public void A_rule_never_proposes_twice_for_the_same_case()
    {
        var facts = Quiet with { Overdue = true, GroupPetition = true };
        var first = Evaluate(facts);
        Assert.Equal(2, first.Length);
        var already = first.Select(p => p.Key).ToHashSet();
        Assert.Empty(Evaluate(facts, already));
        Assert.Single(Evaluate(facts with { CaseId = Guid.NewGuid() }, already).Where(p => p.RuleCode == "overdue-supervision"));
    }

    [Fact]
    public void A_disabled_rule_does_not_fire()
    {
        var rules = new[] { new LetterRule("x", "超期", LetterTrigger.CaseOverdue, LetterType.Supervision, enabled: false) };
        Assert.Empty(LetterProposals.Evaluate(rules, Quiet with { Overdue = true }, Now, None));
    }

    [Fact]
    public void Rules_with_a_repeated_code_or_invalid_settings_are_refused()
    {
        var dup = new[] { LetterRule.Defaults[0], LetterRule.Defaults[0] };
        Assert.Throws<LetterRuleException>(() => LetterProposals.Evaluate(dup, Quiet, Now, None));
        Assert.Throws<LetterRuleException>(() => new LetterRule("x", "n", LetterTrigger.UnitRepeatedlyOverdue, LetterType.AccountabilitySuggestion, 3, periodDays: 0));
        Assert.Throws<LetterRuleException>(() => new LetterRule("x", "n", LetterTrigger.CaseOverdue, LetterType.Supervision, 1, periodDays: 30));
        Assert.Throws<LetterRuleException>(() => new LetterRule("x", "n", LetterTrigger.RepeatedUnsatisfied, LetterType.RiskAlert, 0));
        Assert.Throws<LetterRuleException>(() => new LetterRule(" ", "n", LetterTrigger.CaseOverdue, LetterType.Supervision));
    }
}
