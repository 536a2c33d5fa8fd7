using System.Collections.Immutable;
using Fengqiao.Core.Organisations;

namespace Fengqiao.Core.Mediation;

/// <summary>The kinds of people's mediation committee (人民调解委员会) the law and the practice know.</summary>
public enum CommitteeKind
{
    Village = 1,    // 村（居）民委员会人民调解委员会
    Town = 2,       // 乡镇（街道）人民调解委员会
    Enterprise = 3, // 企业事业单位人民调解委员会
    Industry = 4,   // 行业性、专业性人民调解委员会（医疗纠纷、交通事故、劳动争议、物业、婚姻家庭、消费……）
}

/// <summary>A seat on a committee: one director (主任), deputies if needed (副主任), members (委员).</summary>
public enum CommitteeSeat
{
    Director = 1, // 主任
    Deputy = 2,   // 副主任
    Member = 3,   // 委员
}

/// <summary>One member of a committee; the law asks that the committee has women members, so sex is recorded.</summary>
public sealed record CommitteeMember(string Name, bool IsWoman, CommitteeSeat Seat);

/// <summary>
/// A people's mediation committee (人民调解委员会) as the People's Mediation Law (人民调解法 第八条) shapes it: three to
/// nine members, one director, at least one woman. A village or community committee sits at a village, a town or
/// street committee at a town; enterprise and industry committees sit where they are set up, and an industry
/// committee names its field (医疗纠纷, 交通事故 …). A committee breaking a rule is refused with every reason at once.
/// </summary>
public sealed record MediationCommittee
{
    public const int MinMembers = 3;
    public const int MaxMembers = 9;
    public const int MaxName = 100;

    private MediationCommittee(Guid id, string name, CommitteeKind kind, DivisionCode division, string? field, ImmutableArray<CommitteeMember> members)
    {
        Id = id;
        Name = name;
        Kind = kind;
        Division = division;
        Field = field;
        Members = members;
    }

    public Guid Id { get; }

    public string Name { get; }

    public CommitteeKind Kind { get; }

    /// <summary>Where the committee sits; the area scope reads it.</summary>
    public DivisionCode Division { get; }

    /// <summary>The field of an industry or professional committee (行业领域); none for the others.</summary>
    public string? Field { get; }

    public ImmutableArray<CommitteeMember> Members { get; }

    public CommitteeMember Director => Members.Single(m => m.Seat == CommitteeSeat.Director);

    /// <summary>Why such a committee may not be registered: every broken rule, empty when it may.</summary>
    public static IReadOnlyList<string> Problems(string? name, CommitteeKind kind, DivisionCode division, string? field, IReadOnlyCollection<CommitteeMember>? members)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxName)
        {
            problems.Add($"请填写调解委员会名称（不超过 {MaxName} 字） (the committee needs a name of at most {MaxName} characters)");
        }
        if (!Enum.IsDefined(kind))
        {
            problems.Add("未知的调解委员会类型 (unknown committee kind)");
        }
        else if (kind == CommitteeKind.Village && division.Level != DivisionLevel.Village)
        {
            problems.Add("村（居）民调解委员会须设在村（社区） (a village committee sits at a village or community)");
        }
        else if (kind == CommitteeKind.Town && division.Level != DivisionLevel.Town)
        {
            problems.Add("乡镇（街道）调解委员会须设在乡镇（街道） (a town committee sits at a town or street)");
        }
        else if (division.Level < DivisionLevel.County)
        {
            problems.Add("调解委员会须设在区县或以下 (a committee sits in a district or below)");
        }
        if (kind == CommitteeKind.Industry && string.IsNullOrWhiteSpace(field))
        {
            problems.Add("行业性专业性调解委员会须写明行业领域 (an industry committee names its field)");
        }
        var list = members ?? [];
        if (list.Any(m => m is null || string.IsNullOrWhiteSpace(m.Name)))
        {
            problems.Add("每位委员须有姓名 (every member needs a name)");
        }
        else if (list.Select(m => m.Name.Trim()).Distinct(StringComparer.Ordinal).Count() != list.Count)
        {
            problems.Add("委员重复 (a member is listed twice)");
        }
        if (list.Count is < MinMembers or > MaxMembers)
        {
            problems.Add($"调解委员会由委员三至九人组成，现有 {list.Count} 人（人民调解法第八条） (a committee has three to nine members; this one has {list.Count})");
        }
        var directors = list.Count(m => m?.Seat == CommitteeSeat.Director);
        if (directors != 1)
        {
            problems.Add($"调解委员会设主任一人，现有 {directors} 人（人民调解法第八条） (a committee has exactly one director; this one has {directors})");
        }
        if (!list.Any(m => m?.IsWoman == true))
        {
            problems.Add("调解委员会应当有妇女成员（人民调解法第八条） (a committee must have at least one woman member)");
        }
        return problems;
    }

    /// <summary>Registers a committee, or refuses it with every broken rule.</summary>
    public static MediationCommittee Register(Guid id, string? name, CommitteeKind kind, DivisionCode division, string? field, IReadOnlyCollection<CommitteeMember>? members)
    {
        if (id == Guid.Empty)
        {
            throw new MediationRuleException("调解委员会须有编号 (a committee needs an id)");
        }
        var problems = Problems(name, kind, division, field, members);
        if (problems.Count > 0)
        {
            throw new MediationRuleException(string.Join("；", problems));
        }
        return new MediationCommittee(id, name!.Trim(), kind, division, kind == CommitteeKind.Industry ? field!.Trim() : null,
            [.. members!.Select(m => m with { Name = m.Name.Trim() })]);
    }
}

/// <summary>A named mediation room (品牌调解室, e.g. 老杨调解室) run under a committee, often by one well-known mediator.</summary>
public sealed record MediationRoom(Guid Id, Guid CommitteeId, string Name, string? Description)
{
    public const int MaxName = 50;

    public static MediationRoom Create(Guid id, Guid committeeId, string? name, string? description)
    {
        if (id == Guid.Empty || committeeId == Guid.Empty)
        {
            throw new MediationRuleException("调解室须有编号并属于一个调解委员会 (a room needs an id and a committee)");
        }
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxName)
        {
            throw new MediationRuleException($"请填写调解室名称（不超过 {MaxName} 字） (a room needs a name of at most {MaxName} characters)");
        }
        return new MediationRoom(id, committeeId, name.Trim(), string.IsNullOrWhiteSpace(description) ? null : description.Trim());
    }
}

/// <summary>Full-time (专职) or part-time (兼职) mediator.</summary>
public enum MediatorEmployment
{
    FullTime = 1, // 专职
    PartTime = 2, // 兼职
}

/// <summary>
/// A mediator (人民调解员) of a committee: employment, specialities, whether a respected local figure (新乡贤), and the
/// profile residents read when they choose a mediator.
/// </summary>
public sealed record Mediator(Guid Id, Guid CommitteeId, string Name, MediatorEmployment Employment, ImmutableArray<string> Specialities,
    bool IsRespectedLocal, string? Profile)
{
    public const int MaxProfile = 2_000;

    public static Mediator Create(Guid id, Guid committeeId, string? name, MediatorEmployment employment, IEnumerable<string>? specialities,
        bool isRespectedLocal, string? profile)
    {
        if (id == Guid.Empty || committeeId == Guid.Empty)
        {
            throw new MediationRuleException("调解员须有编号并属于一个调解委员会 (a mediator needs an id and a committee)");
        }
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 50)
        {
            throw new MediationRuleException("请填写调解员姓名（不超过 50 字） (a mediator needs a name of at most 50 characters)");
        }
        if (!Enum.IsDefined(employment))
        {
            throw new MediationRuleException("请选择专职或兼职 (choose full-time or part-time)");
        }
        if (profile?.Trim().Length > MaxProfile)
        {
            throw new MediationRuleException($"简介不超过 {MaxProfile} 字 (the profile is at most {MaxProfile} characters)");
        }
        return new Mediator(id, committeeId, name.Trim(), employment,
            [.. (specialities ?? []).Select(s => s?.Trim() ?? "").Where(s => s.Length > 0).Distinct(StringComparer.Ordinal)],
            isRespectedLocal, string.IsNullOrWhiteSpace(profile) ? null : profile.Trim());
    }
}
