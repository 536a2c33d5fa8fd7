using Fengqiao.Data.Audit;
using Fengqiao.Data.Infrastructure;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data.Tests.Mediation;

/// <summary>A mediation's log is chained and append-only like the case log: the audit passes on the demo, names a step edited behind the triggers' back, and the context and the database refuse edits.</summary>
public sealed class MediationChainTests : IAsyncLifetime
{
    private TestDatabase _database = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateSeededAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Demo_mediation_chains_verify_and_an_edited_step_is_named_with_its_mediation_and_position()
    {
        await using var db = _database.Context();
        var intact = await ChainAudit.VerifyAsync(db, cancellationToken: Ct);
        Assert.Empty(intact.Broken);
        var tally = Assert.Single(intact.Logs, l => l.Log == ChainedLog.Mediation);
        Assert.True(tally.Records >= 10 && tally.Events > tally.Records, $"{tally.Records} mediations, {tally.Events} events");

        // Someone with database access switches the append-only trigger off and rewrites an agreement step's input.
        var victim = await db.MediationEvents.IgnoreQueryFilters().Where(e => e.Kind == "mediation.agreement-drafted").OrderBy(e => e.Id).FirstAsync(Ct);
        var parties = await db.Mediations.IgnoreQueryFilters().Where(m => m.Id == victim.MediationId).Select(m => m.Parties).SingleAsync(Ct);
        if (_database.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"MediationEvents\" DISABLE TRIGGER mediation_events_no_change", Ct);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER mediationevents_no_update", Ct);
        }
        var forged = victim.Data!.Replace("赔偿", "不赔偿", StringComparison.Ordinal);
        await db.Database.ExecuteSqlAsync($"UPDATE \"MediationEvents\" SET \"Data\" = {forged + " "} WHERE \"Id\" = {victim.Id}", Ct);

        var result = await ChainAudit.VerifyAsync(db, cancellationToken: Ct);
        var broken = Assert.Single(result.Broken);
        Assert.Equal(ChainedLog.Mediation, broken.Log);
        Assert.Equal(victim.MediationId, broken.RecordId);
        Assert.Equal(victim.Sequence, broken.FirstBrokenSequence);
        Assert.Equal($"{parties}/{victim.MediationId}", broken.Reference);
    }

    [Fact]
    public async Task The_context_and_the_database_both_refuse_to_change_or_remove_a_step()
    {
        await using var db = _database.Context();
        var step = await db.MediationEvents.IgnoreQueryFilters().OrderBy(e => e.Id).FirstAsync(Ct);
        step.Actor = "someone-else";
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Ct));
        Assert.Contains("append-only", ex.Message, StringComparison.Ordinal);

        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlAsync($"UPDATE \"MediationEvents\" SET \"Actor\" = 'x' WHERE \"Id\" = {step.Id}", Ct));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlAsync($"DELETE FROM \"MediationEvents\" WHERE \"Id\" = {step.Id}", Ct));
    }
}
