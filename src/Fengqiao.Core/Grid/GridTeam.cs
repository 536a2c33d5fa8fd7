using System.Collections.Immutable;

namespace Fengqiao.Core.Grid;

/// <summary>A member's place in a grid's "1+3+N" team.</summary>
public enum GridRole
{
    Leader = 1,    // 网格长（"1"）
    Core = 2,      // 专职网格员 / 骨干（"3"）
    Volunteer = 3, // 兼职网格员、志愿者（"N"）
}

/// <summary>One person in a grid team. The id is the staff or volunteer account, so the same name may appear twice.</summary>
public sealed record GridMember(string Id, string Name, GridRole Role);

/// <summary>
/// A grid's "1+3+N" team (一名网格长、三名专职网格员、若干志愿者). The shape is checked on creation so every team
/// the platform holds can be shown as "1+3+N" without a caveat.
/// </summary>
public sealed record GridTeam
{
    public const int CoreMemberCount = 3;

    private GridTeam(GridMember leader, ImmutableArray<GridMember> core, ImmutableArray<GridMember> volunteers)
    {
        Leader = leader;
        Core = core;
        Volunteers = volunteers;
    }

    public GridMember Leader { get; }

    public ImmutableArray<GridMember> Core { get; }

    public ImmutableArray<GridMember> Volunteers { get; }

    public int MemberCount => 1 + Core.Length + Volunteers.Length;

    public IEnumerable<GridMember> Members => [Leader, .. Core, .. Volunteers];

    /// <summary>"1+3+12".</summary>
    public string Shape => $"1+{Core.Length}+{Volunteers.Length}";

    public static GridTeam Create(IEnumerable<GridMember> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var list = members.ToList();
        foreach (var m in list)
        {
            if (string.IsNullOrWhiteSpace(m.Id) || string.IsNullOrWhiteSpace(m.Name))
            {
                throw new GridRuleException("网格成员的编号和姓名不能为空 (a grid member needs an id and a name)");
            }
            if (!Enum.IsDefined(m.Role))
            {
                throw new GridRuleException($"未知的网格角色 {m.Role} (unknown grid role)");
            }
        }
        var duplicate = list.GroupBy(m => m.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new GridRuleException($"网格成员 {duplicate.Key} 重复 (member {duplicate.Key} listed twice)");
        }
        var leaders = list.Where(m => m.Role == GridRole.Leader).ToList();
        if (leaders.Count != 1)
        {
            throw new GridRuleException($"网格应有且只有一名网格长，现有 {leaders.Count} 名 (a grid needs exactly one leader, found {leaders.Count})");
        }
        var core = list.Where(m => m.Role == GridRole.Core).ToImmutableArray();
        if (core.Length != CoreMemberCount)
        {
            throw new GridRuleException($"网格应有三名专职网格员，现有 {core.Length} 名 (a grid needs exactly three core members, found {core.Length})");
        }
        return new GridTeam(leaders[0], core, [.. list.Where(m => m.Role == GridRole.Volunteer)]);
    }
}
