using System.Collections.Frozen;
using System.Collections.Immutable;
using Fengqiao.Core.Organisations;
using Fengqiao.Core.People;
using NodaTime;

namespace Fengqiao.Core.JudicialAid;

/// <summary>What the procuratorate does to an application. <see cref="JudicialAidCase.Offers"/> says which of them it may take now.</summary>
public enum JudicialAidAction
{
    Review = 1,        // 审查
    Decide = 2,        // 作出救助决定
    SignAgreement = 3, // 签订三方监管协议
    Disburse = 4,      // 发放救助金
    FollowUp = 5,      // 回访监督
    Close = 6,         // 结案
}

public enum JudicialAidState
{
    Applied = 1,    // 已申请
    Eligible = 2,   // 审查符合条件
    Ineligible = 3, // 审查不符合条件（不予救助）
    Decided = 4,    // 已决定救助
    Closed = 5,     // 已结案
}

/// <summary>A person the aid is for. A minor's money goes through a guardian, which is why the agreement exists.</summary>
public sealed record Beneficiary(string Name, string Relationship, ResidentIdNumber? IdNumber, bool IsMinor, string? Guardian)
{
    internal void Check()
    {
        if (string.IsNullOrWhiteSpace(Name) || string.IsNullOrWhiteSpace(Relationship))
        {
            throw new JudicialAidRuleException("受助人需有姓名和与被害人的关系 (a beneficiary needs a name and a relationship)");
        }
        if (IsMinor && string.IsNullOrWhiteSpace(Guardian))
        {
            throw new JudicialAidRuleException($"未成年受助人 {Name} 须有监护人 (a minor beneficiary needs a guardian)");
        }
    }
}

/// <summary>The decision to grant aid (救助决定): the amount, who receives it, and whether the use of the money is supervised.</summary>
public sealed record AidDecision(decimal Amount, ImmutableArray<Beneficiary> Beneficiaries, bool SupervisedFunds, string DecidedBy, Instant At, string PolicyBasis);

/// <summary>One payment (救助金发放).</summary>
public sealed record Disbursement(decimal Amount, string Beneficiary, Instant At, string Reference);

/// <summary>A party to the fund-supervision agreement and who signed for it.</summary>
public sealed record AgreementParty(string Organisation, string Signatory);

/// <summary>
/// The three-party fund-supervision agreement (救助资金监管三方协议): the beneficiary's guardian, the village
/// committee where the family lives and the procuratorate. The village is there because it sees day to day
/// whether the money goes to the child's schooling and living costs; without any one party there is no supervision.
/// </summary>
public sealed record FundSupervisionAgreement
{
    private FundSupervisionAgreement(string guardian, AgreementParty villageCommittee, DivisionCode village, AgreementParty procuratorate,
        string terms, LocalDate signedOn)
    {
        Guardian = guardian;
        VillageCommittee = villageCommittee;
        Village = village;
        Procuratorate = procuratorate;
        Terms = terms;
        SignedOn = signedOn;
    }

    public string Guardian { get; }

    public AgreementParty VillageCommittee { get; }

    public DivisionCode Village { get; }

    public AgreementParty Procuratorate { get; }

    public string Terms { get; }

    public LocalDate SignedOn { get; }

    public static FundSupervisionAgreement Create(string guardian, AgreementParty? villageCommittee, DivisionCode village,
        AgreementParty? procuratorate, string terms, LocalDate signedOn)
    {
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(guardian))
        {
            missing.Add("受助人监护人 (guardian)");
        }
        if (villageCommittee is null || string.IsNullOrWhiteSpace(villageCommittee.Organisation) || string.IsNullOrWhiteSpace(villageCommittee.Signatory))
        {
            missing.Add("村（居）委会 (village committee)");
        }
        if (procuratorate is null || string.IsNullOrWhiteSpace(procuratorate.Organisation) || string.IsNullOrWhiteSpace(procuratorate.Signatory))
        {
            missing.Add("检察院 (procuratorate)");
        }
        if (missing.Count > 0)
        {
            throw new JudicialAidRuleException($"三方协议缺少签约方：{string.Join("、", missing)} (the agreement needs all three parties)");
        }
        if (village.Level != DivisionLevel.Village)
        {
            throw new JudicialAidRuleException("监管村委会须对应村（社区）代码 (the village committee needs a village code)");
        }
        if (string.IsNullOrWhiteSpace(terms))
        {
            throw new JudicialAidRuleException("协议需写明资金用途和监管方式 (the agreement states how the money is used and watched)");
        }
        return new FundSupervisionAgreement(guardian.Trim(), villageCommittee!, village, procuratorate!, terms.Trim(), signedOn);
    }
}

/// <summary>
/// One step of a judicial-aid case, for its event log: money decisions and payments must be traceable to the
/// step, the time and the figures. Data values are invariant-culture strings in key order.
/// </summary>
public sealed record JudicialAidEvent(string Kind, JudicialAidState Before, JudicialAidState After, Instant At,
    ImmutableSortedDictionary<string, string> Data);

/// <summary>A follow-up check of how the money was used (回访监督).</summary>
public sealed record FollowUpCheck(Instant At, string Checker, string Findings, bool UsedAsAgreed);

/// <summary>
/// A judicial-aid case (司法救助): application → eligibility review → decision → disbursements → supervision
/// follow-ups → closed. With supervised funds, no money moves before the three-party agreement is signed, and the
/// case does not close before the money is fully paid and checked at least once. Disbursements never add up to
/// more than the decision. Immutable: each step returns the case after it.
/// </summary>
public sealed record JudicialAidCase
{
    private JudicialAidCase(Guid id, string applicant, string caseReference, string circumstances, Instant appliedAt)
    {
        Id = id;
        Applicant = applicant;
        CaseReference = caseReference;
        Circumstances = circumstances;
        AppliedAt = appliedAt;
    }

    public Guid Id { get; }

    public string Applicant { get; }

    /// <summary>The criminal or civil case the hardship comes from.</summary>
    public string CaseReference { get; }

    public string Circumstances { get; }

    public Instant AppliedAt { get; }

    public JudicialAidState State { get; private init; } = JudicialAidState.Applied;

    public EligibilityReview? Review { get; private init; }

    public AidDecision? Decision { get; private init; }

    public FundSupervisionAgreement? Agreement { get; private init; }

    public ImmutableArray<Disbursement> Disbursements { get; private init; } = [];

    public ImmutableArray<FollowUpCheck> FollowUps { get; private init; } = [];

    public Instant? ClosedAt { get; private init; }

    /// <summary>Every step so far, oldest first, starting with the application.</summary>
    public ImmutableArray<JudicialAidEvent> History { get; private init; } = [];

    public decimal Disbursed => Disbursements.Sum(d => d.Amount);

    public decimal Remaining => (Decision?.Amount ?? 0) - Disbursed;

    public static JudicialAidCase Apply(Guid id, string applicant, string caseReference, string circumstances, Instant at)
    {
        if (id == Guid.Empty || string.IsNullOrWhiteSpace(applicant) || string.IsNullOrWhiteSpace(caseReference) || string.IsNullOrWhiteSpace(circumstances))
        {
            throw new JudicialAidRuleException("申请需有编号、申请人、关联案件和困难情况 (an application needs an id, an applicant, the case and the circumstances)");
        }
        var applied = new JudicialAidCase(id, applicant.Trim(), caseReference.Trim(), circumstances.Trim(), at);
        return applied.Logged(applied, "aid.applied", at, ("applicant", applied.Applicant), ("case", applied.CaseReference));
    }

    /// <summary>Reviews eligibility against the criteria; the case becomes eligible or is refused with the reasons.</summary>
    public JudicialAidCase ReviewEligibility(EligibilityCriteria criteria, IReadOnlyDictionary<string, CriterionFinding> findings, Instant at)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        Begin(JudicialAidAction.Review, at);
        var review = criteria.Review(findings);
        return Logged(this with { State = review.Eligible ? JudicialAidState.Eligible : JudicialAidState.Ineligible, Review = review },
            "aid.reviewed", at, ("eligible", review.Eligible ? "true" : "false"), ("reasons", string.Join("；", review.Reasons)));
    }

    /// <summary>Decides the amount and the beneficiaries; the amount may not exceed the policy's cap.</summary>
    public JudicialAidCase Decide(decimal amount, IEnumerable<Beneficiary> beneficiaries, JudicialAidPolicy policy, string decidedBy, Instant at,
        bool supervisedFunds = true)
    {
        ArgumentNullException.ThrowIfNull(beneficiaries);
        ArgumentNullException.ThrowIfNull(policy);
        Begin(JudicialAidAction.Decide, at);
        JudicialAidPolicy.CheckAmount(amount, "救助金额");
        if (amount > policy.Cap)
        {
            throw new JudicialAidRuleException(State, $"救助金额 {amount:0.00} 元超过上限 {policy.Cap:0.00} 元 (the amount exceeds the cap; basis: {policy.Basis})");
        }
        if (string.IsNullOrWhiteSpace(decidedBy))
        {
            throw new JudicialAidRuleException(State, "须记录决定人 (record who decided)");
        }
        var list = beneficiaries.ToImmutableArray();
        if (list.IsEmpty)
        {
            throw new JudicialAidRuleException(State, "救助决定至少需要一名受助人 (a decision names at least one beneficiary)");
        }
        foreach (var b in list)
        {
            b.Check();
        }
        if (list.Select(b => b.Name).Distinct(StringComparer.Ordinal).Count() != list.Length)
        {
            throw new JudicialAidRuleException(State, "受助人重复 (a beneficiary is listed twice)");
        }
        if (list.Any(b => b.IsMinor) && !supervisedFunds)
        {
            throw new JudicialAidRuleException(State, "受助人中有未成年人，救助金须监管使用 (aid for a minor must be supervised)");
        }
        var decided = this with
        {
            State = JudicialAidState.Decided,
            Decision = new AidDecision(amount, list, supervisedFunds, decidedBy.Trim(), at, policy.Basis),
        };
        return Logged(decided, "aid.decided", at, ("amount", Yuan(amount)), ("beneficiaries", string.Join("、", list.Select(b => b.Name))),
            ("decidedBy", decidedBy.Trim()), ("supervised", supervisedFunds ? "true" : "false"), ("cap", Yuan(policy.Cap)));
    }

    /// <summary>Signs the three-party agreement; its guardian must be the guardian of a minor beneficiary when there is one.</summary>
    public JudicialAidCase SignAgreement(FundSupervisionAgreement agreement, Instant at)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        Begin(JudicialAidAction.SignAgreement, at);
        var guardians = Decision!.Beneficiaries.Where(b => b.IsMinor).Select(b => b.Guardian!.Trim()).ToList();
        if (guardians.Count > 0 && !guardians.Contains(agreement.Guardian))
        {
            throw new JudicialAidRuleException(State, $"协议监护人 {agreement.Guardian} 不是未成年受助人的监护人 (the signing guardian is not a minor beneficiary's guardian)");
        }
        return Logged(this with { Agreement = agreement }, "aid.agreement-signed", at, ("guardian", agreement.Guardian),
            ("villageCommittee", agreement.VillageCommittee.Organisation), ("procuratorate", agreement.Procuratorate.Organisation));
    }

    /// <summary>Pays part or all of the aid to a beneficiary named in the decision.</summary>
    public JudicialAidCase Disburse(decimal amount, string beneficiary, Instant at, string reference)
    {
        Begin(JudicialAidAction.Disburse, at);
        JudicialAidPolicy.CheckAmount(amount, "发放金额");
        if (Decision!.Beneficiaries.All(b => b.Name != beneficiary))
        {
            throw new JudicialAidRuleException(State, $"{beneficiary} 不是决定中的受助人 (not a beneficiary of the decision)");
        }
        if (string.IsNullOrWhiteSpace(reference))
        {
            throw new JudicialAidRuleException(State, "发放须有凭证号 (a payment needs its voucher reference)");
        }
        if (amount > Remaining)
        {
            throw new JudicialAidRuleException(State, $"发放 {amount:0.00} 元将超过决定金额，尚可发放 {Remaining:0.00} 元 (payments would exceed the decided amount)");
        }
        return Logged(this with { Disbursements = Disbursements.Add(new Disbursement(amount, beneficiary, at, reference.Trim())) },
            "aid.disbursed", at, ("amount", Yuan(amount)), ("beneficiary", beneficiary), ("reference", reference.Trim()), ("remaining", Yuan(Remaining - amount)));
    }

    /// <summary>A supervision visit: how the money was used so far.</summary>
    public JudicialAidCase RecordFollowUp(Instant at, string checker, string findings, bool usedAsAgreed)
    {
        Begin(JudicialAidAction.FollowUp, at);
        if (string.IsNullOrWhiteSpace(checker) || string.IsNullOrWhiteSpace(findings))
        {
            throw new JudicialAidRuleException(State, "回访需记录回访人和情况 (a follow-up records who checked and what was found)");
        }
        return Logged(this with { FollowUps = FollowUps.Add(new FollowUpCheck(at, checker.Trim(), findings.Trim(), usedAsAgreed)) },
            "aid.followed-up", at, ("checker", checker.Trim()), ("usedAsAgreed", usedAsAgreed ? "true" : "false"));
    }

    /// <summary>Closes the case: refused aid at once; granted aid once fully paid and, when supervised, checked at least once.</summary>
    public JudicialAidCase Close(Instant at)
    {
        Begin(JudicialAidAction.Close, at);
        if (State == JudicialAidState.Ineligible)
        {
            return Logged(this with { State = JudicialAidState.Closed, ClosedAt = at }, "aid.closed", at);
        }
        return Logged(this with { State = JudicialAidState.Closed, ClosedAt = at }, "aid.closed", at, ("disbursed", Yuan(Disbursed)));
    }

    /// <summary>The actions the case accepts at <paramref name="at"/> (given the findings, figures or names each asks for).</summary>
    public IReadOnlySet<JudicialAidAction> Offers(Instant at) =>
        Enum.GetValues<JudicialAidAction>().Where(a => Refusal(a, at) is null).ToFrozenSet();

    /// <summary>
    /// Why the case does not accept <paramref name="action"/> at <paramref name="at"/>, or null when it does: its state,
    /// the decision, the agreement, what was paid and checked, and the time of its last step; the same rules each step
    /// applies before it looks at what was entered.
    /// </summary>
    public JudicialAidRuleException? Refusal(JudicialAidAction action, Instant at) =>
        OwnRefusal(action, at) is { } message ? new JudicialAidRuleException(State, message) : null;

    private string? OwnRefusal(JudicialAidAction action, Instant at) => action switch
    {
        JudicialAidAction.Review => StateRefusal(JudicialAidState.Applied, "审查", "review") ?? NotBefore(at, AppliedAt),
        JudicialAidAction.Decide => (State == JudicialAidState.Ineligible ? "审查不符合救助条件，不能作出救助决定 (cannot grant aid to an ineligible case)" : null)
            ?? StateRefusal(JudicialAidState.Eligible, "作出救助决定", "decide") ?? NotBefore(at, AppliedAt),
        JudicialAidAction.SignAgreement => StateRefusal(JudicialAidState.Decided, "签订监管协议", "sign the supervision agreement")
            ?? (Agreement is not null ? "已签订三方监管协议 (the agreement is already signed)"
                : !Decision!.SupervisedFunds ? "救助金不监管使用，无需签订三方监管协议 (the aid is not supervised; there is no agreement to sign)"
                : null)
            ?? NotBefore(at, Decision!.At),
        JudicialAidAction.Disburse => StateRefusal(JudicialAidState.Decided, "发放救助金", "disburse")
            ?? NotBefore(at, Decision!.At)
            ?? (Decision.SupervisedFunds && Agreement is null ? "须先签订三方资金监管协议再发放 (sign the three-party agreement before paying supervised aid)"
                : Remaining <= 0 ? "救助金已全部发放 (the aid is fully paid)"
                : null),
        JudicialAidAction.FollowUp => StateRefusal(JudicialAidState.Decided, "回访", "follow up")
            ?? (Agreement is null ? "未签订三方监管协议，无从回访监督 (there is no agreement to check against)"
                : Disbursements.IsEmpty ? "尚未发放救助金，无需回访资金使用 (nothing has been paid yet)"
                : null)
            ?? NotBefore(at, Disbursements[0].At),
        JudicialAidAction.Close => State == JudicialAidState.Ineligible ? null
            : StateRefusal(JudicialAidState.Decided, "结案", "close")
                ?? (Remaining != 0 ? $"尚有 {Remaining:0.00} 元未发放，不能结案 (cannot close before the aid is fully paid)"
                    : Decision!.SupervisedFunds && FollowUps.IsEmpty ? "监管资金至少回访一次方可结案 (supervised aid needs at least one follow-up before closing)"
                    : null),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "未知的司法救助操作 (unknown judicial-aid action)"),
    } ?? LateRefusal(at);

    private void Begin(JudicialAidAction action, Instant at)
    {
        if (OwnRefusal(action, at) is { } refusal)
        {
            throw new JudicialAidRuleException(State, refusal);
        }
    }

    private string? StateRefusal(JudicialAidState expected, string chinese, string english) =>
        State != expected ? $"案件处于“{State}”状态，不能{chinese} (cannot {english} a case that is {State})" : null;

    private string? LateRefusal(Instant at) =>
        !History.IsEmpty && at < History[^1].At ? "操作时间早于上一步骤 (the step is dated before the previous one)" : null;

    private JudicialAidCase Logged(JudicialAidCase after, string kind, Instant at, params (string Key, string Value)[] data)
    {
        if (LateRefusal(at) is { } late)
        {
            throw new JudicialAidRuleException(State, late);
        }
        var before = History.IsEmpty ? after.State : State;
        var entry = new JudicialAidEvent(kind, before, after.State, at, data.ToImmutableSortedDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal));
        return after with { History = History.Add(entry) };
    }

    private static string Yuan(decimal amount) => amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    private static string? NotBefore(Instant at, Instant earlier) =>
        at < earlier ? "操作时间早于前一步骤 (the step is dated before the previous one)" : null;
}
