using System.Collections.Immutable;
using NodaTime;

namespace Fengqiao.Core.Contracting;

/// <summary>What a leader is in a contracting arrangement.</summary>
public enum LeaderRole
{
    DistrictLeader = 1,   // 区级领导
    TownLeader = 2,       // 镇（街道）领导
    AreaLeader = 3,       // 包片领导
    VillageLeader = 4,    // 村（社区）干部
    DepartmentLeader = 5, // 部门负责人
}

public enum ContractKind
{
    Single = 1, // 领导包案
    Dual = 2,   // 双包案：包片领导 + 村（社区）干部
}

public enum ContractState
{
    Active = 1,   // 包案中
    Released = 2, // 已化解销号
}

public sealed record ContractLeader(Guid StaffId, string Name, LeaderRole Role, Guid UnitId);

/// <summary>
/// A leader's contracting of a case (包案): one leader who answers for it, or the dual contracting of an area
/// leader with a village leader (双包案), so that one knows the policy and the other knows the family. The
/// "包" means the same people stay with the case until it is resolved: a leader can be replaced (handover) but
/// not simply removed.
/// </summary>
public sealed record CaseContract
{
    private CaseContract(Guid id, Guid caseId, ContractKind kind, ImmutableArray<ContractLeader> leaders, Instant at, string assignedBy)
    {
        Id = id;
        CaseId = caseId;
        Kind = kind;
        Leaders = leaders;
        AssignedAt = at;
        AssignedBy = assignedBy;
        LastActionAt = at;
    }

    public Guid Id { get; }

    public Guid CaseId { get; }

    public ContractKind Kind { get; }

    public ImmutableArray<ContractLeader> Leaders { get; private init; }

    public Instant AssignedAt { get; }

    public string AssignedBy { get; }

    public ContractState State { get; private init; } = ContractState.Active;

    public Instant? ReleasedAt { get; private init; }

    public string? ReleaseSummary { get; private init; }

    public Instant LastActionAt { get; private init; }

    public static (CaseContract Contract, ContractingEvent Event) Assign(Guid id, Guid caseId, ContractKind kind, IReadOnlyList<ContractLeader> leaders, Instant at, string actor)
    {
        ArgumentNullException.ThrowIfNull(leaders);
        if (id == Guid.Empty || caseId == Guid.Empty)
        {
            throw new ContractingRuleException("包案须有编号和案件 (a contract needs an id and a case)");
        }
        var who = ContractingEvent.Text(actor, "操作人", "actor", 200);
        var checkedLeaders = CheckLeaders(kind, leaders);
        var contract = new CaseContract(id, caseId, kind, checkedLeaders, at, who);
        return (contract, new ContractingEvent(ContractingEvent.ContractAssigned, at, who, ContractingEvent.DataOf(
            ("contract", id.ToString("D")), ("case", caseId.ToString("D")), ("kind", kind.ToString()),
            ("leaders", string.Join(',', checkedLeaders.Select(l => $"{l.Role}:{l.StaffId:D}"))))));
    }

    /// <summary>Replaces one leader by another of the same role, e.g. after a post change (工作交接).</summary>
    public (CaseContract Contract, ContractingEvent Event) HandOver(Guid outgoingStaff, ContractLeader incoming, Instant at, string actor, string reason)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        var who = Begin(at, actor);
        var index = -1;
        for (var i = 0; i < Leaders.Length && index < 0; i++)
        {
            index = Leaders[i].StaffId == outgoingStaff ? i : -1;
        }
        if (index < 0)
        {
            throw new ContractingRuleException("该领导不是本案包案人 (the leader does not contract this case)");
        }
        if (incoming.Role != Leaders[index].Role)
        {
            throw new ContractingRuleException("交接须由同一角色的领导接替 (the successor must have the same role)");
        }
        var leaders = CheckLeaders(Kind, Leaders.SetItem(index, incoming));
        var why = ContractingEvent.Text(reason, "交接理由", "a reason");
        return (this with { Leaders = leaders, LastActionAt = at }, new ContractingEvent(ContractingEvent.ContractHandedOver, at, who, ContractingEvent.DataOf(
            ("contract", Id.ToString("D")), ("case", CaseId.ToString("D")), ("from", outgoingStaff.ToString("D")), ("to", incoming.StaffId.ToString("D")), ("reason", why))));
    }

    /// <summary>The contract ends when the matter is resolved (案结事了、销号).</summary>
    public (CaseContract Contract, ContractingEvent Event) Release(Instant at, string actor, string summary)
    {
        var who = Begin(at, actor);
        var text = ContractingEvent.Text(summary, "化解情况", "a summary");
        return (this with { State = ContractState.Released, ReleasedAt = at, ReleaseSummary = text, LastActionAt = at },
            new ContractingEvent(ContractingEvent.ContractReleased, at, who, ContractingEvent.DataOf(
                ("contract", Id.ToString("D")), ("case", CaseId.ToString("D")), ("summary", text))));
    }

    private string Begin(Instant at, string actor)
    {
        if (State == ContractState.Released)
        {
            throw new ContractingRuleException("包案已销号 (the contract has been released)");
        }
        if (at < LastActionAt)
        {
            throw new ContractingRuleException("操作时间早于上一次操作 (the action is dated before the previous one)");
        }
        return ContractingEvent.Text(actor, "操作人", "actor", 200);
    }

    private static ImmutableArray<ContractLeader> CheckLeaders(ContractKind kind, IEnumerable<ContractLeader> leaders)
    {
        var list = leaders.ToImmutableArray();
        foreach (var l in list)
        {
            if (l is null || l.StaffId == Guid.Empty || string.IsNullOrWhiteSpace(l.Name) || !Enum.IsDefined(l.Role))
            {
                throw new ContractingRuleException("包案领导信息不完整 (a leader is missing a name, id or role)");
            }
        }
        if (list.Select(l => l.StaffId).Distinct().Count() != list.Length)
        {
            throw new ContractingRuleException("同一人不能重复包案 (the same person appears twice)");
        }
        switch (kind)
        {
            case ContractKind.Single when list.Length != 1:
                throw new ContractingRuleException("单独包案须指定一名领导 (a single contract names exactly one leader)");
            case ContractKind.Single when list[0].Role == LeaderRole.VillageLeader:
                throw new ContractingRuleException("村（社区）干部不能单独包案，请用双包案 (a village leader contracts only together with an area leader)");
            case ContractKind.Dual when list.Length != 2
                || list.Count(l => l.Role == LeaderRole.VillageLeader) != 1
                || !list.Any(l => l.Role is LeaderRole.AreaLeader or LeaderRole.TownLeader or LeaderRole.DistrictLeader):
                throw new ContractingRuleException("双包案须由一名包片（镇街或区级）领导和一名村（社区）干部共同包案 (a dual contract pairs one area, town or district leader with one village leader)");
            case ContractKind.Single or ContractKind.Dual:
                return list;
            default:
                throw new ContractingRuleException("未知的包案方式 (unknown contract kind)");
        }
    }
}
