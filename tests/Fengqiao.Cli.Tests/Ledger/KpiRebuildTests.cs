using Fengqiao.Data.Ledger;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using Spectre.Console.Testing;

namespace Fengqiao.Cli.Tests.Ledger;

/// <summary>`fengqiao kpi rebuild` on a database whose roll-up was emptied behind the application's back.</summary>
public sealed class KpiRebuildTests : IAsyncLifetime
{
    private TestDatabase _database = default!;

    // The demo as `fengqiao seed demo` leaves it, copied from the test run's one seeded template (DatabaseVerbTests runs the verb itself).
    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateSeededAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var console = new TestConsole().Width(200);
        var exit = await CliApp.RunAsync([.. args, "--provider", _database.ProviderName, "--connection", _database.ConnectionString], console);
        return (exit, console.Output);
    }

    [Fact]
    public async Task Rebuild_recounts_the_rollup_the_saves_kept()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = _database.Context();
        var kept = await db.CaseKpiRollups.AsNoTracking().Where(r => r.Registered > 0).OrderBy(r => r.Month).ThenBy(r => r.Town).ThenBy(r => r.Channel)
            .Select(r => new { r.Month, r.Town, r.Channel, r.HandlingUnitId, r.Registered, r.Replied, r.Satisfied }).ToListAsync(ct);
        Assert.NotEmpty(kept);
        var demoCases = await db.Cases.CountAsync(ct);

        // As after a bulk load that bypassed the application: the roll-up knows nothing.
        await db.CaseKpiRollups.ExecuteDeleteAsync(ct);
        var (exit, output) = await RunAsync("kpi", "rebuild");

        Assert.Equal(0, exit);
        Assert.Contains($"{demoCases} cases counted", output, StringComparison.Ordinal);
        Assert.Contains("KPI roll-up rebuilt", output, StringComparison.Ordinal);
        var rebuilt = await db.CaseKpiRollups.AsNoTracking().Where(r => r.Registered > 0).OrderBy(r => r.Month).ThenBy(r => r.Town).ThenBy(r => r.Channel)
            .Select(r => new { r.Month, r.Town, r.Channel, r.HandlingUnitId, r.Registered, r.Replied, r.Satisfied }).ToListAsync(ct);
        Assert.Equal(kept.OrderBy(r => r.ToString(), StringComparer.Ordinal), rebuilt.OrderBy(r => r.ToString(), StringComparer.Ordinal));
    }

    [Fact]
    public async Task Rebuild_refuses_an_unknown_provider_without_touching_anything()
    {
        var console = new TestConsole().Width(200);
        var exit = await CliApp.RunAsync(["kpi", "rebuild", "--provider", "Oracle", "--connection", "x"], console);
        Assert.NotEqual(0, exit);
        Assert.Contains("Oracle", console.Output, StringComparison.Ordinal);
    }
}
