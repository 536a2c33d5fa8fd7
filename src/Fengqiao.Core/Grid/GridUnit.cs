using Fengqiao.Core.Organisations;

namespace Fengqiao.Core.Grid;

/// <summary>
/// A grid (网格): a few hundred households inside one village or community, looked after by one "1+3+N" team.
/// Named GridUnit so it does not collide with the namespace.
/// </summary>
public sealed record GridUnit
{
    private GridUnit(string code, string name, DivisionCode village, GridTeam team)
    {
        Code = code;
        Name = name;
        Village = village;
        Team = team;
    }

    /// <summary>The grid's own code, unique in the district (e.g. the village code and a two-digit number).</summary>
    public string Code { get; }

    public string Name { get; }

    public DivisionCode Village { get; }

    public GridTeam Team { get; }

    public static GridUnit Create(string code, string name, DivisionCode village, GridTeam team)
    {
        ArgumentNullException.ThrowIfNull(team);
        if (string.IsNullOrWhiteSpace(code) || string.IsNullOrWhiteSpace(name))
        {
            throw new GridRuleException("网格编号和名称不能为空 (a grid needs a code and a name)");
        }
        if (village.Level != DivisionLevel.Village)
        {
            throw new GridRuleException($"网格必须划在村或社区之内，{village} 不是村级代码 (a grid lies inside a village or community; {village} is not a 12-digit village code)");
        }
        return new GridUnit(code.Trim(), name.Trim(), village, team);
    }

    public GridUnit WithTeam(GridTeam team)
    {
        ArgumentNullException.ThrowIfNull(team);
        return new GridUnit(Code, Name, Village, team);
    }
}

/// <summary>The figures a town reports about its grids ("全镇划分网格 26 个，配备网格员 547 名").</summary>
public sealed record TownshipGridOverview(
    DivisionCode Town,
    int GridCount,
    int VillageCount,
    int MemberCount,
    int LeaderCount,
    int CoreMemberCount,
    int VolunteerCount)
{
    /// <summary>Sums the grids of one town; a grid from another town is refused rather than silently counted.</summary>
    public static TownshipGridOverview Of(DivisionCode town, IEnumerable<GridUnit> grids)
    {
        ArgumentNullException.ThrowIfNull(grids);
        if (town.Level != DivisionLevel.Town)
        {
            throw new GridRuleException($"{town} 不是乡镇（街道）代码 (not a 9-digit town code)");
        }
        var list = grids.ToList();
        var outside = list.FirstOrDefault(g => !g.Village.IsWithin(town));
        if (outside is not null)
        {
            throw new GridRuleException($"网格 {outside.Code} 不在 {town} 范围内 (grid {outside.Code} is not in this town)");
        }
        var duplicate = list.GroupBy(g => g.Code, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new GridRuleException($"网格 {duplicate.Key} 重复 (grid {duplicate.Key} listed twice)");
        }
        // A person may serve in two grids (a core member of one, a volunteer of the next); the report counts posts, as towns do.
        return new TownshipGridOverview(
            town,
            list.Count,
            list.Select(g => g.Village).Distinct().Count(),
            list.Sum(g => g.Team.MemberCount),
            list.Count,
            list.Sum(g => g.Team.Core.Length),
            list.Sum(g => g.Team.Volunteers.Length));
    }
}
