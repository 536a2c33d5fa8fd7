using Fengqiao.Data.Places;
using Fengqiao.Testing;
using Fengqiao.Testing.Places;
using Fengqiao.Web.Tests.Infrastructure;

namespace Fengqiao.Web.Tests.Maps;

/// <summary>With the made-up 垦利区 boundaries imported, the grid map and the 双十 map draw them, and the choropleth has its legend.</summary>
public sealed class BoundaryMapTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task ImportAsync()
    {
        await using var db = factory.Database.Context();
        await new BoundaryImporter(db, TestTime.Clock).ImportAsync(BoundaryFixture.KenliPath, ct: Ct);
    }

    [Fact]
    public async Task The_grid_map_and_the_village_scores_map_draw_the_imported_outlines_and_the_scores_have_a_legend()
    {
        await ImportAsync();
        var leader = await factory.SignedInAsync("townlead");

        var grid = await leader.GetStringAsync("/grid", Ct);
        Assert.Contains("data-testid=\"grid-map\"", grid, StringComparison.Ordinal);
        Assert.Matches("data-outlines=\"[1-9]", grid);

        var assessment = await leader.GetStringAsync("/assessment", Ct);
        Assert.Contains("data-testid=\"assessment-legend\"", assessment, StringComparison.Ordinal);
        Assert.Contains("已导入边界的村（社区）按边界着色", assessment, StringComparison.Ordinal);
        Assert.Contains("得分（基准分 100）", assessment, StringComparison.Ordinal);
        Assert.Equal(5, System.Text.RegularExpressions.Regex.Matches(assessment, "data-colour=\"#").Count);
        Assert.Contains("未配置底图，要素绘于空白底上。", assessment, StringComparison.Ordinal); // no tiles: the outlines on a plain background
    }
}
