using System.Collections.Immutable;
using Fengqiao.Core.Organisations;
using NodaTime;

namespace Fengqiao.Core.Mediation;

/// <summary>Where a mediation stands.</summary>
public enum MediationState
{
    Applied = 1,          // 已申请，待受理
    AwaitingConsent = 2,  // 已受理，待当事人同意
    InMediation = 3,      // 调解中
    Refused = 4,          // 不予受理
    Declined = 5,         // 当事人拒绝调解
    AgreementDrafted = 6, // 协议书待签字盖章
    Agreed = 7,           // 达成协议（已生效）
    Failed = 8,           // 调解不成
    Performed = 9,        // 协议履行完毕
    Unperformed = 10,     // 协议未履行，已告知诉讼
}

/// <summary>Who started it: one party, both together, or the committee on its own initiative (主动调解, 人民调解法第十七条).</summary>
public enum MediationInitiation
{
    OneParty = 1,    // 一方当事人申请
    BothParties = 2, // 双方当事人共同申请
    Committee = 3,   // 调解委员会主动调解
}

/// <summary>What the dispute is about, as the mediation statistics count it.</summary>
public enum DisputeKind
{
    Neighbour = 1,   // 邻里纠纷
    Family = 2,      // 婚姻家庭纠纷
    Land = 3,        // 土地承包、宅基地纠纷
    Contract = 4,    // 合同纠纷
    Damages = 5,     // 损害赔偿纠纷
    Labour = 6,      // 劳动争议
    Property = 7,    // 物业纠纷
    Medical = 8,     // 医疗纠纷
    Traffic = 9,     // 道路交通事故纠纷
    Consumer = 10,   // 消费纠纷
    Other = 99,      // 其他
}

/// <summary>The side of a party: who applied (申请人) and the other party (被申请人).</summary>
public enum PartySide
{
    Applicant = 1,
    Respondent = 2,
}

public sealed record MediationParty(string Name, PartySide Side);

/// <summary>What staff do to a mediation. <see cref="Mediation.Offers"/> says which of them a person may take now.</summary>
public enum MediationAction
{
    Accept = 1,                   // 受理
    RefuseApplication = 2,        // 不予受理
    RecordConsent = 3,            // 记录对方同意调解
    RecordDeclined = 4,           // 记录当事人拒绝调解
    RecordSession = 5,            // 调解笔录
    Extend = 6,                   // 经双方同意延长调解期限
    DraftAgreement = 7,           // 制作调解协议书
    SignAgreement = 8,            // 各方签名、盖章，协议生效
    RecordOralAgreement = 9,      // 记录口头协议
    RecordFailure = 10,           // 调解不成，告知其他途径
    ApplyForConfirmation = 11,    // 申请司法确认
    RecordConfirmationRuling = 12, // 记录法院确认裁定
    RecordFollowUp = 13,          // 履行回访
    ScheduleRemoteSession = 14,   // 安排远程调解，短信邀请当事人
    SignAsMediator = 15,          // 调解员在协议书上签名
}

/// <summary>Who acts on a mediation: their name and roles. <see cref="StaffAction.Mediate"/> names the roles that may.</summary>
public sealed record MediationActor(string Name, IReadOnlyCollection<StaffRole> Roles);

/// <summary>One session (调解笔录): when, where or online, who took part, what each side said, the mediator; signed by those present.</summary>
public sealed record MediationSession(int Number, Instant At, string Place, bool Online, ImmutableArray<string> Participants, string Record, string Mediator);

/// <summary>An extension of the time limit, only with both parties' consent.</summary>
public sealed record LimitExtension(Instant At, int Days, LocalDate NewLimit, string ConsentNote);

/// <summary>
/// The contents of a written agreement (人民调解协议书) the law lists (人民调解法第二十九条): the parties; the facts, the
/// matters in dispute and each side's responsibility; the agreed terms; the manner and deadline of performance.
/// </summary>
public sealed record AgreementTerms(ImmutableArray<string> Parties, string Facts, string MattersInDispute, string Responsibility, string AgreedTerms,
    string PerformanceManner, LocalDate PerformanceDeadline)
{
    /// <summary>Every missing content, empty when the agreement carries all the law asks.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        var parties = Parties.IsDefault ? [] : Parties.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        if (parties.Count < 2)
        {
            problems.Add("协议须列明各方当事人 (the agreement names every party)");
        }
        void Need(string? text, string chinese, string english)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                problems.Add($"协议须写明{chinese} (the agreement states {english})");
            }
            else if (text.Trim().Length > TextLimits.Long)
            {
                problems.Add($"{chinese}超过 {TextLimits.Long} 字 ({english} is longer than {TextLimits.Long} characters)");
            }
        }
        Need(Facts, "纠纷的主要事实", "the main facts");
        Need(MattersInDispute, "争议事项", "the matters in dispute");
        Need(Responsibility, "各方当事人的责任", "each side's responsibility");
        Need(AgreedTerms, "达成协议的内容", "the agreed terms");
        Need(PerformanceManner, "履行方式", "the manner of performance");
        return problems;
    }

    internal AgreementTerms Trimmed() => this with
    {
        Parties = [.. Parties.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim())],
        Facts = Facts.Trim(), MattersInDispute = MattersInDispute.Trim(), Responsibility = Responsibility.Trim(),
        AgreedTerms = AgreedTerms.Trim(), PerformanceManner = PerformanceManner.Trim(),
    };
}

public enum AgreementForm
{
    Written = 1, // 书面协议（人民调解协议书）
    Oral = 2,    // 口头协议
}

/// <summary>
/// The outcome agreement. A written one takes effect once every party and the mediator have signed and the committee's
/// seal is applied (第二十九条); an oral one from the day the parties agree (第三十条).
/// </summary>
public sealed record MediationAgreement(AgreementForm Form, AgreementTerms? Terms, string? OralContent, Instant RecordedAt, Instant? EffectiveAt);

/// <summary>The parties' joint application for judicial confirmation (司法确认) and the court's ruling.</summary>
public sealed record JudicialConfirmation(Instant AppliedAt, string Court, Instant? RuledAt = null, bool? Confirmed = null, string? Ruling = null);

/// <summary>What a follow-up found (履行回访).</summary>
public enum PerformanceFinding
{
    Performed = 1,       // 已履行完毕
    PartlyPerformed = 2, // 部分履行
    Urged = 3,           // 未履行，已督促履行
    GuidedToSue = 4,     // 未履行，已告知可向法院起诉
}

public sealed record PerformanceFollowUp(Instant At, PerformanceFinding Finding, string Note, string By);

/// <summary>One step of a mediation, for its log.</summary>
public sealed record MediationEvent(MediationAction? Action, string Kind, MediationState Before, MediationState After, Instant At, string Actor);
