using System.Collections.Immutable;
using System.Globalization;
using NodaTime;

namespace Fengqiao.Core.Letters;

/// <summary>What makes a rule fire.</summary>
public enum LetterTrigger
{
    CaseOverdue = 1,           // 案件超期
    GroupPetition = 2,         // 集体访
    RepeatedUnsatisfied = 3,   // 群众多次不满意（Threshold 次）
    UnitRepeatedlyOverdue = 4, // 同一单位在 PeriodDays 天内超期 Threshold 次
}

/// <summary>
/// A proposal rule as data an administrator edits: a trigger, its threshold and window where it has them, and the
/// letter type it proposes. Proposals still go to a person for approval; the rule only saves them the noticing.
/// </summary>
public sealed record LetterRule
{
    public LetterRule(string code, string name, LetterTrigger trigger, LetterType proposes, int threshold = 1, int periodDays = 0, bool enabled = true)
    {
        if (string.IsNullOrWhiteSpace(code) || string.IsNullOrWhiteSpace(name))
        {
            throw new LetterRuleException("规则须有编码和名称 (a rule needs a code and a name)");
        }
        if (!Enum.IsDefined(trigger) || !Enum.IsDefined(proposes))
        {
            throw new LetterRuleException("未知的触发条件或函件类型 (unknown trigger or letter type)");
        }
        if (threshold is < 1 or > 1000)
        {
            throw new LetterRuleException(string.Create(CultureInfo.InvariantCulture, $"规则 {code} 的次数阈值应在 1–1000 之间 (threshold must be 1–1000)"));
        }
        if (trigger == LetterTrigger.UnitRepeatedlyOverdue ? periodDays is < 1 or > 366 : periodDays != 0)
        {
            throw new LetterRuleException($"规则 {code}：只有『同一单位多次超期』需要统计周期 1–366 天 (only the repeated-overdue trigger takes a period of 1–366 days)");
        }
        Code = code.Trim();
        Name = name.Trim();
        Trigger = trigger;
        Proposes = proposes;
        Threshold = threshold;
        PeriodDays = periodDays;
        Enabled = enabled;
    }

    public string Code { get; }

    public string Name { get; }

    public LetterTrigger Trigger { get; }

    public LetterType Proposes { get; }

    public int Threshold { get; }

    public int PeriodDays { get; }

    public bool Enabled { get; }

    /// <summary>
    /// The rules of capability 4: an overdue case draws a supervision letter; a group petition, or a resident
    /// unsatisfied twice, a risk alert; a unit overdue 3 times within 90 days an accountability suggestion.
    /// </summary>
    public static ImmutableArray<LetterRule> Defaults { get; } =
    [
        new("overdue-supervision", "案件超期督办", LetterTrigger.CaseOverdue, LetterType.Supervision),
        new("group-petition-risk", "集体访风险提示", LetterTrigger.GroupPetition, LetterType.RiskAlert),
        new("unsatisfied-twice-risk", "群众两次不满意风险提示", LetterTrigger.RepeatedUnsatisfied, LetterType.RiskAlert, threshold: 2),
        new("unit-overdue-accountability", "同一单位 90 日内三次超期问责建议", LetterTrigger.UnitRepeatedlyOverdue, LetterType.AccountabilitySuggestion, threshold: 3, periodDays: 90),
    ];
}

/// <summary>
/// The facts about one case the rules look at. <see cref="HandlingUnitOverdues"/> lists when the handling unit's
/// cases (this one and others) went overdue, so the repeated-overdue rule can count them in its window.
/// </summary>
public sealed record LetterCaseFacts(
    Guid CaseId,
    string CaseCode,
    Guid? HandlingUnit,
    bool Overdue,
    bool GroupPetition,
    int UnsatisfiedRatings,
    ImmutableArray<Instant> HandlingUnitOverdues);

/// <summary>Which rule already proposed for which case: the evaluator's memory.</summary>
public readonly record struct LetterProposalKey(Guid CaseId, string RuleCode);

/// <summary>A letter a rule proposes, waiting for a person to draft and approve it.</summary>
public sealed record LetterProposal(Guid CaseId, string CaseCode, string RuleCode, string RuleName, LetterType Type, Guid? Recipient, string Why)
{
    public LetterProposalKey Key => new(CaseId, RuleCode);
}

/// <summary>Applies the rules to a case's facts. Pure: the caller stores the proposals and passes their keys back.</summary>
public static class LetterProposals
{
    public static ImmutableArray<LetterProposal> Evaluate(IEnumerable<LetterRule> rules, LetterCaseFacts facts, Instant now, IReadOnlySet<LetterProposalKey> alreadyProposed)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(alreadyProposed);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var proposals = ImmutableArray.CreateBuilder<LetterProposal>();
        foreach (var rule in rules)
        {
            if (!seen.Add(rule.Code))
            {
                throw new LetterRuleException($"规则编码重复：{rule.Code} (duplicate rule code)");
            }
            var key = new LetterProposalKey(facts.CaseId, rule.Code);
            if (!rule.Enabled || alreadyProposed.Contains(key) || Why(rule, facts, now) is not { } why)
            {
                continue;
            }
            proposals.Add(new LetterProposal(facts.CaseId, facts.CaseCode, rule.Code, rule.Name, rule.Proposes, facts.HandlingUnit, why));
        }
        return proposals.ToImmutable();
    }

    private static string? Why(LetterRule rule, LetterCaseFacts facts, Instant now)
    {
        switch (rule.Trigger)
        {
            case LetterTrigger.CaseOverdue:
                return facts.Overdue ? "案件已超过办理期限 (the case is overdue)" : null;
            case LetterTrigger.GroupPetition:
                return facts.GroupPetition ? "集体访 (a group petition)" : null;
            case LetterTrigger.RepeatedUnsatisfied:
                return facts.UnsatisfiedRatings >= rule.Threshold
                    ? string.Create(CultureInfo.InvariantCulture, $"群众 {facts.UnsatisfiedRatings} 次评价不满意 (rated unsatisfied {facts.UnsatisfiedRatings} times)")
                    : null;
            case LetterTrigger.UnitRepeatedlyOverdue:
                if (facts.HandlingUnit is null || facts.HandlingUnitOverdues.IsDefault)
                {
                    return null;
                }
                var since = now - Duration.FromDays(rule.PeriodDays);
                var count = facts.HandlingUnitOverdues.Count(t => t > since && t <= now);
                return count >= rule.Threshold
                    ? string.Create(CultureInfo.InvariantCulture, $"承办单位 {rule.PeriodDays} 日内超期 {count} 次 (the handling unit went overdue {count} times in {rule.PeriodDays} days)")
                    : null;
            default:
                return null;
        }
    }
}
