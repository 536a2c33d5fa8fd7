using System.Collections.Immutable;

namespace Fengqiao.Core.JudicialAid;

/// <summary>How a criterion bears on eligibility.</summary>
public enum CriterionKind
{
    Ground = 1,    // 救助情形：至少符合一项
    Condition = 2, // 必备条件：全部符合
    Exclusion = 3, // 不予救助情形：均不存在
}

public sealed record EligibilityCriterion(string Code, string Description, CriterionKind Kind);

/// <summary>The reviewer's finding on one criterion, with the reason (审查意见).</summary>
public sealed record CriterionFinding(bool Applies, string Reason);

/// <summary>The result of an eligibility review: the verdict and the reasons behind it, criterion by criterion.</summary>
public sealed record EligibilityReview(bool Eligible, ImmutableArray<string> Reasons, ImmutableSortedDictionary<string, CriterionFinding> Findings);

/// <summary>
/// Eligibility criteria as data. A case is eligible when at least one ground applies, every condition is met and
/// no exclusion applies. The defaults paraphrase the procuratorate's judicial-aid rules (人民检察院国家司法救助工作细则);
/// a procuratorate edits them when the rules change, without a new release.
/// </summary>
public sealed record EligibilityCriteria
{
    private EligibilityCriteria(ImmutableArray<EligibilityCriterion> criteria) => Criteria = criteria;

    public ImmutableArray<EligibilityCriterion> Criteria { get; }

    public static EligibilityCriteria Create(IEnumerable<EligibilityCriterion> criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        var list = criteria.ToImmutableArray();
        if (list.Any(c => string.IsNullOrWhiteSpace(c.Code) || string.IsNullOrWhiteSpace(c.Description) || !Enum.IsDefined(c.Kind)))
        {
            throw new JudicialAidRuleException("救助条件需有代码、说明和类别 (each criterion needs a code, a description and a kind)");
        }
        if (list.Select(c => c.Code).Distinct(StringComparer.Ordinal).Count() != list.Length)
        {
            throw new JudicialAidRuleException("救助条件代码重复 (two criteria share a code)");
        }
        if (!list.Any(c => c.Kind == CriterionKind.Ground))
        {
            throw new JudicialAidRuleException("至少需要一项救助情形 (at least one ground is needed)");
        }
        return new EligibilityCriteria(list);
    }

    public static EligibilityCriteria Default { get; } = Create(
    [
        new("G1", "被害人受犯罪侵害致重伤或严重残疾，无法通过诉讼获得赔偿，生活困难", CriterionKind.Ground),
        new("G2", "被害人受犯罪侵害危及生命，急需救治，无力承担医疗费用", CriterionKind.Ground),
        new("G3", "被害人受犯罪侵害死亡，依靠其收入生活的近亲属无法通过诉讼获得赔偿，生活困难", CriterionKind.Ground),
        new("G4", "被害人受犯罪侵害致财产重大损失，无法通过诉讼获得赔偿，生活困难", CriterionKind.Ground),
        new("G5", "举报人、证人、鉴定人因举报、作证、鉴定受打击报复致伤或重大损失，生活困难", CriterionKind.Ground),
        new("G6", "因道路交通事故等民事侵权受人身伤害，无法通过诉讼获得赔偿，生活困难", CriterionKind.Ground),
        new("C1", "与检察机关办理的案件相关，在办案环节提出申请", CriterionKind.Condition),
        new("C2", "申请人生活困难确由案件所致", CriterionKind.Condition),
        new("E1", "对案件发生有重大过错", CriterionKind.Exclusion),
        new("E2", "无正当理由拒绝配合查明案件事实", CriterionKind.Exclusion),
        new("E3", "故意作虚假陈述或伪造证据", CriterionKind.Exclusion),
        new("E4", "在诉讼中主动放弃民事赔偿请求或拒绝加害方赔偿", CriterionKind.Exclusion),
        new("E5", "已通过社会救助等措施得到合理补偿", CriterionKind.Exclusion),
    ]);

    /// <summary>
    /// Reviews findings: every criterion needs a finding with a reason, so the decision can be explained to the
    /// applicant line by line.
    /// </summary>
    public EligibilityReview Review(IReadOnlyDictionary<string, CriterionFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var unknown = findings.Keys.Where(k => Criteria.All(c => c.Code != k)).ToList();
        if (unknown.Count > 0)
        {
            throw new JudicialAidRuleException($"未知的审查项：{string.Join("、", unknown)} (unknown criteria: {string.Join(", ", unknown)})");
        }
        var missing = Criteria.Where(c => !findings.TryGetValue(c.Code, out var f) || string.IsNullOrWhiteSpace(f.Reason)).Select(c => c.Code).ToList();
        if (missing.Count > 0)
        {
            throw new JudicialAidRuleException($"以下审查项缺少结论或理由：{string.Join("、", missing)} (each criterion needs a finding with a reason: {string.Join(", ", missing)})");
        }
        var reasons = new List<string>();
        var grounds = Criteria.Where(c => c.Kind == CriterionKind.Ground && findings[c.Code].Applies).ToList();
        if (grounds.Count == 0)
        {
            reasons.Add("不符合任何救助情形 (no ground for aid applies)");
        }
        else
        {
            reasons.AddRange(grounds.Select(c => $"符合 {c.Code}：{c.Description} (ground applies)"));
        }
        reasons.AddRange(Criteria.Where(c => c.Kind == CriterionKind.Condition && !findings[c.Code].Applies)
            .Select(c => $"不满足 {c.Code}：{c.Description}——{findings[c.Code].Reason} (condition not met)"));
        reasons.AddRange(Criteria.Where(c => c.Kind == CriterionKind.Exclusion && findings[c.Code].Applies)
            .Select(c => $"存在 {c.Code}：{c.Description}——{findings[c.Code].Reason} (exclusion applies)"));
        var eligible = grounds.Count > 0
            && Criteria.Where(c => c.Kind == CriterionKind.Condition).All(c => findings[c.Code].Applies)
            && !Criteria.Where(c => c.Kind == CriterionKind.Exclusion).Any(c => findings[c.Code].Applies);
        return new EligibilityReview(eligible, [.. reasons],
            findings.ToImmutableSortedDictionary(kv => kv.Key, kv => kv.Value with { Reason = kv.Value.Reason.Trim() }, StringComparer.Ordinal));
    }
}
