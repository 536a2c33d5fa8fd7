using Fengqiao.Data.Infrastructure;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using Spectre.Console.Testing;

namespace Fengqiao.Cli.Tests.Database;

/// <summary>`fengqiao audit verify` on the demo data, before and after someone edits the log behind the triggers' back.</summary>
public sealed class AuditVerifyTests : IAsyncLifetime
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
    public async Task Intact_chains_pass_and_an_edited_event_is_named_with_its_case_and_position()
    {
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
    public async Task An_edited_whistle_event_and_an_edited_letter_event_are_each_named()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = _database.Context();
        var whistleEvent = await db.WhistleEvents.OrderBy(e => e.Id).Skip(5).FirstAsync(ct);
        var letterEvent = await db.LetterEvents.OrderBy(e => e.Id).Skip(3).FirstAsync(ct);
        var letterNumber = await db.Letters.Where(l => l.Id == letterEvent.LetterId).Select(l => l.Number).SingleAsync(ct);
        // Someone with database access switches the append-only triggers off and rewrites an actor in each log.
        if (_database.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"WhistleEvents\" DISABLE TRIGGER whistle_events_no_change", ct);
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"LetterEvents\" DISABLE TRIGGER letter_events_no_change", ct);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER whistleevents_no_update", ct);
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER letterevents_no_update", ct);
        }
        await db.Database.ExecuteSqlAsync($"UPDATE \"WhistleEvents\" SET \"Actor\" = 'someone-else' WHERE \"Id\" = {whistleEvent.Id}", ct);
        await db.Database.ExecuteSqlAsync($"UPDATE \"LetterEvents\" SET \"Data\" = '{{}}' WHERE \"Id\" = {letterEvent.Id}", ct);

        var (exit, output) = await RunAsync("audit", "verify");

        Assert.Equal(1, exit);
        Assert.Contains($"/{whistleEvent.WhistleId}: first broken link at event {whistleEvent.Sequence}", output, StringComparison.Ordinal);
        // A letter is named by its number (〔2026〕3号) once issued, a draft by its case and id.
        var letter = letterNumber is { } number ? $"letter {number}: " : $"/{letterEvent.LetterId}: ";
        Assert.Contains($"{letter}first broken link at event {letterEvent.Sequence}", output, StringComparison.Ordinal);
        Assert.Contains("2 of ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reencrypt_checks_every_record_and_moves_nothing_when_all_use_the_current_key()
    {
        var (exit, output) = await RunAsync("security", "reencrypt", "--json");

        Assert.Equal(0, exit);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("Checked").GetInt32() > 200, output);
        Assert.Equal(0, json.RootElement.GetProperty("Reencrypted").GetInt32());
    }
}
