using Fengqiao.Data.Infrastructure;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using Spectre.Console.Testing;

namespace Fengqiao.Cli.Tests.Database;

/// <summary>`fengqiao audit verify` on the demo data, before and after someone edits the log behind the triggers' back.</summary>
public sealed class AuditVerifyTests : IAsyncLifetime
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
    public async Task Intact_chains_pass_and_an_edited_event_is_named_with_its_case_and_position()
    {
        Assert.Equal(0, (await RunAsync("seed", "demo")).Exit);
        var (ok, okOutput) = await RunAsync("audit", "verify");
        Assert.Equal(0, ok);
        Assert.Contains("case chains intact", okOutput, StringComparison.Ordinal);

        // A database administrator bypasses the append-only trigger and rewrites one event's actor.
        await using (var db = _database.Context())
        {
            var victim = await db.CaseEvents.OrderBy(e => e.Id).Skip(10).FirstAsync(TestContext.Current.CancellationToken);
            var code = await db.Cases.Where(c => c.Id == victim.CaseId).Select(c => c.TrackingCode).SingleAsync(TestContext.Current.CancellationToken);
            if (_database.Provider == DatabaseProvider.Postgres)
            {
                await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"CaseEvents\" DISABLE TRIGGER case_events_no_change", TestContext.Current.CancellationToken);
            }
            else
            {
                await db.Database.ExecuteSqlRawAsync("DROP TRIGGER case_events_no_update", TestContext.Current.CancellationToken);
            }
            await db.Database.ExecuteSqlAsync($"UPDATE \"CaseEvents\" SET \"Actor\" = 'someone-else' WHERE \"Id\" = {victim.Id}", TestContext.Current.CancellationToken);

            var (broken, output) = await RunAsync("audit", "verify");
            Assert.Equal(1, broken);
            Assert.Contains($"{code}: first broken link at event {victim.Sequence}", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Reencrypt_checks_every_record_and_moves_nothing_when_all_use_the_current_key()
    {
        Assert.Equal(0, (await RunAsync("seed", "demo")).Exit);

        var (exit, output) = await RunAsync("security", "reencrypt", "--json");

        Assert.Equal(0, exit);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("Checked").GetInt32() > 200, output);
        Assert.Equal(0, json.RootElement.GetProperty("Reencrypted").GetInt32());
    }
}
