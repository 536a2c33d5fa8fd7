using System.Collections.Immutable;
using NodaTime;

namespace Fengqiao.Core.Procuratorate;

/// <summary>A participant's role at a public hearing.</summary>
public enum HearingRole
{
    Presiding = 1,        // 主持人（承办检察官）
    HearingOfficer = 2,   // 听证员
    Party = 3,            // 当事人
    Agent = 4,            // 代理人、辩护人
    Witness = 5,          // 证人
    PeopleSupervisor = 6, // 人民监督员
    Observer = 7,         // 旁听人员
}

public sealed record HearingParticipant(string Name, HearingRole Role, string? Affiliation = null);

/// <summary>How a hearing ended.</summary>
public enum HearingOutcome
{
    PetitionSettled = 1,  // 息诉罢访
    Reconciled = 2,       // 达成和解
    DecisionUpheld = 3,   // 维持原处理意见
    DecisionChanged = 4,  // 改变原处理意见
    FurtherReview = 5,    // 需进一步审查
}

public enum HearingState
{
    Scheduled = 1, // 已确定听证
    Held = 2,      // 已举行
}

/// <summary>One hearing officer's opinion (听证员意见): for or against the procuratorate's proposed handling.</summary>
public sealed record OfficerOpinion(string OfficerName, bool Supports, string Opinion);

/// <summary>
/// A public hearing (公开听证) on a procuratorial case or petition. The procuratorate's hearing rules call for a
/// presiding procurator and, as a rule, three to seven hearing officers; a hearing without the party it is about
/// would hear nobody, so at least one party is required. The outcome records every officer's opinion.
/// </summary>
public sealed record PublicHearing
{
    public const int MinimumOfficers = 3;
    public const int MaximumOfficers = 7;

    private PublicHearing(Guid id, string caseReference, string subject, Instant scheduledAt, string place, ImmutableArray<HearingParticipant> participants)
    {
        Id = id;
        CaseReference = caseReference;
        Subject = subject;
        ScheduledAt = scheduledAt;
        Place = place;
        Participants = participants;
    }

    public Guid Id { get; }

    public string CaseReference { get; }

    public string Subject { get; }

    public Instant ScheduledAt { get; }

    public string Place { get; }

    public ImmutableArray<HearingParticipant> Participants { get; }

    public HearingState State { get; private init; } = HearingState.Scheduled;

    public Instant? HeldAt { get; private init; }

    public HearingOutcome? Outcome { get; private init; }

    public ImmutableArray<OfficerOpinion> Opinions { get; private init; } = [];

    public string? Summary { get; private init; }

    public IEnumerable<HearingParticipant> Officers => Participants.Where(p => p.Role == HearingRole.HearingOfficer);

    /// <summary>True when more officers supported the proposed handling than opposed it.</summary>
    public bool? MajoritySupports => Opinions.IsEmpty ? null : Opinions.Count(o => o.Supports) * 2 > Opinions.Length;

    public static PublicHearing Schedule(Guid id, string caseReference, string subject, Instant scheduledAt, string place,
        IEnumerable<HearingParticipant> participants)
    {
        ArgumentNullException.ThrowIfNull(participants);
        if (id == Guid.Empty || string.IsNullOrWhiteSpace(caseReference) || string.IsNullOrWhiteSpace(subject) || string.IsNullOrWhiteSpace(place))
        {
            throw new ProcuratorateRuleException("听证需有编号、案号、事由和地点 (a hearing needs an id, a case reference, a subject and a place)");
        }
        var list = participants.ToImmutableArray();
        if (list.Any(p => string.IsNullOrWhiteSpace(p.Name) || !Enum.IsDefined(p.Role)))
        {
            throw new ProcuratorateRuleException("参加人需有姓名和身份 (each participant needs a name and a role)");
        }
        var presiding = list.Count(p => p.Role == HearingRole.Presiding);
        if (presiding != 1)
        {
            throw new ProcuratorateRuleException($"听证应有一名主持人，现有 {presiding} 名 (a hearing has exactly one presiding procurator, found {presiding})");
        }
        var officers = list.Count(p => p.Role == HearingRole.HearingOfficer);
        if (officers is < MinimumOfficers or > MaximumOfficers)
        {
            throw new ProcuratorateRuleException($"听证员应为 3–7 名，现有 {officers} 名 (a hearing has three to seven hearing officers, found {officers})");
        }
        if (!list.Any(p => p.Role == HearingRole.Party))
        {
            throw new ProcuratorateRuleException("听证至少需要一名当事人 (a hearing needs at least one party)");
        }
        var duplicate = list.GroupBy(p => (p.Name, p.Role)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ProcuratorateRuleException($"参加人 {duplicate.Key.Name} 重复 (participant listed twice)");
        }
        return new PublicHearing(id, caseReference.Trim(), subject.Trim(), scheduledAt, place.Trim(), list);
    }

    /// <summary>Records that the hearing took place, its outcome and one opinion from each hearing officer.</summary>
    public PublicHearing Hold(Instant heldAt, HearingOutcome outcome, IEnumerable<OfficerOpinion> opinions, string summary)
    {
        ArgumentNullException.ThrowIfNull(opinions);
        if (State == HearingState.Held)
        {
            throw new ProcuratorateRuleException("听证已举行，不能重复登记 (the hearing has already been held)");
        }
        if (heldAt < ScheduledAt)
        {
            throw new ProcuratorateRuleException("举行时间早于公告的听证时间 (a hearing cannot be held before its announced time)");
        }
        if (!Enum.IsDefined(outcome))
        {
            throw new ProcuratorateRuleException("未知的听证结果 (unknown outcome)");
        }
        if (string.IsNullOrWhiteSpace(summary))
        {
            throw new ProcuratorateRuleException("听证需有结论摘要 (a hearing needs a summary)");
        }
        var list = opinions.ToImmutableArray();
        var officerNames = Officers.Select(o => o.Name).Order(StringComparer.Ordinal).ToList();
        var opinionNames = list.Select(o => o.OfficerName).Order(StringComparer.Ordinal).ToList();
        if (!officerNames.SequenceEqual(opinionNames))
        {
            throw new ProcuratorateRuleException("每名听证员须且仅须发表一份意见 (every hearing officer gives exactly one opinion)");
        }
        return this with { State = HearingState.Held, HeldAt = heldAt, Outcome = outcome, Opinions = list, Summary = summary.Trim() };
    }
}
