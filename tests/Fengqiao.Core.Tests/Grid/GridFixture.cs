using Fengqiao.Core.Grid;
using Fengqiao.Core.Organisations;

namespace Fengqiao.Core.Tests.Grid;

internal static class GridFixture
{
    public static readonly DivisionCode Town = DivisionCode.Parse("370521100");
    public static readonly DivisionCode Village = DivisionCode.Parse("370521100201");
    public static readonly DivisionCode OtherVillage = DivisionCode.Parse("370521100202");

    public static IEnumerable<GridMember> Members(int volunteers, string prefix = "m") =>
    [
        new($"{prefix}-leader", "张网格长", GridRole.Leader),
        new($"{prefix}-core-1", "李专职", GridRole.Core),
        new($"{prefix}-core-2", "王专职", GridRole.Core),
        new($"{prefix}-core-3", "赵专职", GridRole.Core),
        .. Enumerable.Range(1, volunteers).Select(i => new GridMember($"{prefix}-vol-{i}", $"志愿者{i}", GridRole.Volunteer)),
    ];

    public static GridTeam Team(int volunteers = 2, string prefix = "m") => GridTeam.Create(Members(volunteers, prefix));

    public static GridUnit Grid(string code = "G01", DivisionCode? village = null, int volunteers = 2) =>
        GridUnit.Create(code, $"第{code}网格", village ?? Village, Team(volunteers, code));
}
