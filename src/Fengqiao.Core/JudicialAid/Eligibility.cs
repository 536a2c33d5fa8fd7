using System.Collections.Immutable;

namespace Fengqiao.Core.JudicialAid;

/// <summary>How a criterion bears on eligibility.</summary>
public enum CriterionKind
{
    Ground = 1,    // 救助情形：至少符合一项
    Condition = 2, // 必备条件：全部符合
    Exclusion = 3, // 不予救助情形：均不存在
}

/// <summary>
/// One criterion. <paramref name="Name"/> is the short Chinese name messages use (people read words, not codes such
/// as "G2"); <paramref name="EnglishName"/> is its English form. Both fall back to the description.
/// </summary>
public sealed record EligibilityCriterion(string Code, string Description, CriterionKind Kind, string? Name = null, string? EnglishName = null)
{
    public string ChineseLabel => string.IsNullOrWhiteSpace(Name) ? Description : Name;

    public string EnglishLabel => string.IsNullOrWhiteSpace(EnglishName) ? ChineseLabel : EnglishName;
}

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
        new("G1", "被害人受犯罪侵害致重伤或严重残疾，无法通过诉讼获得赔偿，生活困难", CriterionKind.Ground, "重伤或严重残疾", "serious injury or disability from a crime"),
        new("G2", "被害人受犯罪侵害危及生命，急需救治，无力承担医疗费用", CriterionKind.Ground, "危及生命、无力承担医疗费", "life in danger, cannot pay for treatment"),
        new("G3", "被害人受犯罪侵害死亡，依靠其收入生活的近亲属无法通过诉讼获得赔偿，生活困难", CriterionKind.Ground, "被害人死亡、近亲属生活困难", "victim died, dependants in hardship"),
        new("G4", "被害人受犯罪侵害致财产重大损失，无法通过诉讼获得赔偿，生活困难", CriterionKind.Ground, "财产重大损失", "major loss of property from a crime"),
        new("G5", "举报人、证人、鉴定人因举报、作证、鉴定受打击报复致伤或重大损失，生活困难", CriterionKind.Ground, "举报人、证人、鉴定人受打击报复", "retaliation against an informant, witness or expert"),
        new("G6", "因道路交通事故等民事侵权受人身伤害，无法通过诉讼获得赔偿，生活困难", CriterionKind.Ground, "民事侵权致人身伤害", "personal injury from a civil wrong"),
        new("C1", "与检察机关办理的案件相关，在办案环节提出申请", CriterionKind.Condition, "与检察机关办理的案件相关", "linked to a case the procuratorate handles"),
        new("C2", "申请人生活困难确由案件所致", CriterionKind.Condition, "家庭经济困难由案件所致", "hardship caused by the case"),
        new("E1", "对案件发生有重大过错", CriterionKind.Exclusion, "对案件发生有重大过错", "serious fault in causing the case"),
        new("E2", "无正当理由拒绝配合查明案件事实", CriterionKind.Exclusion, "拒绝配合查明案件事实", "refused to help establish the facts"),
        new("E3", "故意作虚假陈述或伪造证据", CriterionKind.Exclusion, "虚假陈述或伪造证据", "false statements or forged evidence"),
        new("E4", "在诉讼中主动放弃民事赔偿请求或拒绝加害方赔偿", CriterionKind.Exclusion, "放弃或拒绝民事赔偿", "gave up or refused civil compensation"),
        new("E5", "已通过社会救助等措施得到合理补偿", CriterionKind.Exclusion, "已获合理补偿", "already reasonably compensated"),
    ]);

    /// <summary>
    /// The criteria a review asks for an applicant of the given category (救助情形): that ground, every condition
    /// and every exclusion; the other grounds describe other applicants and are not asked.
    /// </summary>
    public IEnumerable<EligibilityCriterion> AskedFor(string groundCode) =>
        Criteria.Where(c => c.Kind != CriterionKind.Ground || c.Code == groundCode);

    /// <summary>
    /// Reviews findings: at least one ground (the applicant's category) and every condition and exclusion need a
    /// finding with a reason, so the decision can be explained to the applicant line by line. Grounds not asked count
    /// as not applying. Messages name criteria in words, Chinese first and English in brackets.
    /// </summary>
    public EligibilityReview Review(IReadOnlyDictionary<string, CriterionFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var unknown = findings.Keys.Where(k => Criteria.All(c => c.Code != k)).ToList();
        if (unknown.Count > 0)
        {
            // An unknown code has no name to show; the code is all there is.
            throw new JudicialAidRuleException($"未知的审查项：{string.Join("、", unknown)} (unknown criteria: {string.Join(", ", unknown)})");
        }
        if (!Criteria.Any(c => c.Kind == CriterionKind.Ground && findings.ContainsKey(c.Code)))
        {
            throw new JudicialAidRuleException("请选择申请人所属的救助情形 (choose the applicant's ground for aid)");
        }
        var missing = Criteria
            .Where(c => c.Kind != CriterionKind.Ground || findings.ContainsKey(c.Code))
            .Where(c => !findings.TryGetValue(c.Code, out var f) || string.IsNullOrWhiteSpace(f.Reason))
            .ToList();
        if (missing.Count > 0)
        {
            throw new JudicialAidRuleException(
                $"以下审查项缺少结论或理由：{string.Join("、", missing.Select(c => c.ChineseLabel))} (each criterion needs a finding with a reason: {string.Join("; ", missing.Select(c => c.EnglishLabel))})");
        }
        bool Applies(EligibilityCriterion c) => findings.TryGetValue(c.Code, out var f) && f.Applies;
        var reasons = new List<string>();
        var grounds = Criteria.Where(c => c.Kind == CriterionKind.Ground && Applies(c)).ToList();
        if (grounds.Count == 0)
        {
            reasons.Add("不符合任何救助情形 (no ground for aid applies)");
        }
        else
        {
            reasons.AddRange(grounds.Select(c => $"符合救助情形：{c.ChineseLabel} (ground applies: {c.EnglishLabel})"));
        }
        // The reviewer's typed reason is kept in the Chinese line only: it is written in Chinese, and the English line
        // must stay in one language.
        reasons.AddRange(Criteria.Where(c => c.Kind == CriterionKind.Condition && !Applies(c))
            .Select(c => $"不满足必备条件：{c.ChineseLabel}——{findings[c.Code].Reason.Trim()} (condition not met: {c.EnglishLabel})"));
        reasons.AddRange(Criteria.Where(c => c.Kind == CriterionKind.Exclusion && Applies(c))
            .Select(c => $"存在不予救助情形：{c.ChineseLabel}——{findings[c.Code].Reason.Trim()} (exclusion applies: {c.EnglishLabel})"));
        var eligible = grounds.Count > 0
            && Criteria.Where(c => c.Kind == CriterionKind.Condition).All(Applies)
            && !Criteria.Where(c => c.Kind == CriterionKind.Exclusion).Any(Applies);
        return new EligibilityReview(eligible, [.. reasons],
            findings.ToImmutableSortedDictionary(kv => kv.Key, kv => kv.Value with { Reason = kv.Value.Reason.Trim() }, StringComparer.Ordinal));
    }
}
