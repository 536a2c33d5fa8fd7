using Fengqiao.Data.Places;
using Fengqiao.Testing;
using Fengqiao.Testing.Places;
using Microsoft.EntityFrameworkCore;
using Spectre.Console.Testing;

namespace Fengqiao.Cli.Tests.Places;

/// <summary>`fengqiao import boundaries` on the demo: the made-up 垦利区 file, twice, and a file that names no known division.</summary>
public sealed class ImportBoundariesTests : IAsyncLifetime
{
    private TestDatabase _database = default!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateSeededAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var console = new TestConsole().Width(200);
        var exit = await CliApp.RunAsync([.. args, "--provider", _database.ProviderName, "--connection", _database.ConnectionString], console);
        return (exit, console.Output);
    }

    [Fact]
    public async Task The_fixture_imports_and_imports_again_without_duplicates_and_a_bad_file_is_refused()
    {
        var (exit, output) = await RunAsync("import", "boundaries", BoundaryFixture.KenliPath);
        Assert.True(exit == 0, output);
        Assert.Contains("Imported 5 new and 0 replaced boundaries (1 district, 2 town, 2 village)", output, StringComparison.Ordinal);

        (exit, output) = await RunAsync("import", "boundaries", BoundaryFixture.KenliPath, "--source", "测试边界");
        Assert.True(exit == 0, output);
        Assert.Contains("0 new and 5 replaced", output, StringComparison.Ordinal);

        var bad = Path.Combine(Path.GetTempPath(), $"grid-{Guid.NewGuid():N}.geojson");
        await File.WriteAllTextAsync(bad, """{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"wg":"NO-SUCH-GRID"},"geometry":{"type":"Point","coordinates":[118.5,37.5]}}]}""", TestContext.Current.CancellationToken);
        (exit, output) = await RunAsync("import", "boundaries", bad, "--kind", "grid", "--code-property", "wg");
        Assert.Equal(1, exit);
        Assert.Contains("unknown grid code", output, StringComparison.Ordinal);
        Assert.Contains("nothing was written", output, StringComparison.Ordinal);

        (exit, output) = await RunAsync("import", "boundaries", bad, "--kind", "county");
        Assert.NotEqual(0, exit);
        Assert.Contains("--kind must be", output, StringComparison.Ordinal);

        await using var db = _database.Context();
        Assert.Equal(5, await db.Boundaries.CountAsync(TestContext.Current.CancellationToken));
        Assert.All(await db.Boundaries.ToListAsync(TestContext.Current.CancellationToken), b => Assert.Equal("测试边界", b.Source));
        Assert.Equal(BoundaryKind.Village, (await db.Boundaries.SingleAsync(b => b.Code == "370505001002", TestContext.Current.CancellationToken)).Kind);
    }
}
