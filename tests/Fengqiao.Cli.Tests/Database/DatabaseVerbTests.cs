using Fengqiao.Data.Seeding;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using Spectre.Console.Testing;

namespace Fengqiao.Cli.Tests.Database;

/// <summary>The database verbs as a person types them, on the provider under test.</summary>
public sealed class DatabaseVerbTests : IAsyncLifetime
{
    private TestDatabase _database = default!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync(migrate: false);

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var console = new TestConsole().Width(200);
        var exit = await CliApp.RunAsync([.. args, "--provider", _database.ProviderName, "--connection", _database.ConnectionString], console);
        return (exit, console.Output);
    }

    [Fact]
    public async Task Migrate_then_import_the_shipped_divisions()
    {
        var (migrated, migrateOutput) = await RunAsync("db", "migrate");
        Assert.Equal(0, migrated);
        Assert.Contains("Schema up to date", migrateOutput, StringComparison.Ordinal);

        var (imported, output) = await RunAsync("import", "divisions", DemoDistricts.ShippedDivisionsFolder);
        Assert.Equal(0, imported);
        Assert.Contains("1904 villages", output, StringComparison.Ordinal);
        await using var db = _database.Context();
        Assert.Equal(2057, await db.Divisions.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_bad_folder_exits_non_zero_lists_the_problems_and_writes_nothing()
    {
        var folder = Directory.CreateTempSubdirectory("fq-cli-bad-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "provinces.csv"), "code,name\n37,\"山东省\"\n3X,\"坏\"\n", TestContext.Current.CancellationToken);

        var (exit, output) = await RunAsync("import", "divisions", folder);

        Assert.Equal(1, exit);
        Assert.Contains("provinces.csv:3", output, StringComparison.Ordinal);
        Assert.Contains("nothing was written", output, StringComparison.Ordinal);
        await using var db = _database.Context();
        Assert.Equal(0, await db.Divisions.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Seed_demo_fills_an_empty_database_once_and_refuses_a_second_time()
    {
        // The compact demo: the simulated year (the verb's default) has its own test in the Data tests.
        var (first, output) = await RunAsync("seed", "demo", "--scale", "Compact");
        Assert.Equal(0, first);
        Assert.Contains($"{Fengqiao.Data.Seeding.DemoAccounts.All.Count} accounts", output, StringComparison.Ordinal);

        var (second, refusal) = await RunAsync("seed", "demo");
        Assert.Equal(1, second);
        Assert.Contains("not empty", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_provider_is_refused_with_the_choices()
    {
        var console = new TestConsole().Width(200);
        var exit = await CliApp.RunAsync(["db", "migrate", "--provider", "Oracle"], console);
        Assert.Equal(2, exit);
        Assert.Contains("use Sqlite or Postgres", console.Output, StringComparison.Ordinal);
    }
}
