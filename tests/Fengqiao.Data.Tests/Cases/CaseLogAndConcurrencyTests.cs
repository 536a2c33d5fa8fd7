using Fengqiao.Core.Audit;
using Fengqiao.Data.Cases;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Tests.Cases;

public sealed class CaseLogAndConcurrencyTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    [Fact]
    public async Task Every_seeded_case_has_an_intact_hash_chain()
    {
        await using var db = fixture.Database.Context();
        var events = await db.CaseEvents.AsNoTracking().OrderBy(e => e.CaseId).ThenBy(e => e.Sequence).ToListAsync(TestContext.Current.CancellationToken);
        var chains = events.GroupBy(e => e.CaseId).ToList();

        Assert.Equal(fixture.Seeded.Cases, chains.Count);
        Assert.All(chains, chain => Assert.Null(EventChain.FirstBrokenLink(chain.Select(e => (CaseEventLog.ToLink(e), e.PreviousHash, e.Hash)))));
    }

    [Fact]
    public async Task Appending_continues_the_chain()
    {
        await using var db = fixture.Database.Context();
        var record = await db.Cases.OrderBy(c => c.TrackingCode).FirstAsync(TestContext.Current.CancellationToken);
        var appended = await CaseEventLog.AppendAsync(db, record.Id, "note", "tester", Instant.FromUtc(2026, 11, 1, 8, 0), new { text = "回访" }, TestContext.Current.CancellationToken);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        var chain = await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == record.Id).OrderBy(e => e.Sequence).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(appended.Sequence, chain[^1].Sequence);
        Assert.Null(EventChain.FirstBrokenLink(chain.Select(e => (CaseEventLog.ToLink(e), e.PreviousHash, e.Hash))));
    }

    [Fact]
    public async Task The_context_refuses_to_change_a_logged_event()
    {
        await using var db = fixture.Database.Context();
        var entry = await db.CaseEvents.FirstAsync(TestContext.Current.CancellationToken);
        entry.Actor = "forger";

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
        Assert.Contains("append-only", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_database_itself_refuses_updates_and_deletes_of_logged_events()
    {
        await using var db = fixture.Database.Context();
        var original = await db.CaseEvents.AsNoTracking().FirstAsync(TestContext.Current.CancellationToken);
        var id = original.Id;

        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlAsync($"UPDATE \"CaseEvents\" SET \"Actor\" = 'forger' WHERE \"Id\" = {id}", TestContext.Current.CancellationToken));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlAsync($"DELETE FROM \"CaseEvents\" WHERE \"Id\" = {id}", TestContext.Current.CancellationToken));
        await using var check = fixture.Database.Context();
        Assert.Equal(original.Actor, (await check.CaseEvents.SingleAsync(e => e.Id == id, TestContext.Current.CancellationToken)).Actor);
    }

    [Fact]
    public async Task Two_concurrent_appends_at_the_same_position_cannot_both_succeed()
    {
        await using var first = fixture.Database.Context();
        await using var second = fixture.Database.Context();
        var caseId = await first.Cases.OrderBy(c => c.TrackingCode).Skip(5).Select(c => c.Id).FirstAsync(TestContext.Current.CancellationToken);
        await CaseEventLog.AppendAsync(first, caseId, "a", "one", Instant.FromUtc(2026, 11, 2, 0, 0), new { }, TestContext.Current.CancellationToken);
        await CaseEventLog.AppendAsync(second, caseId, "b", "two", Instant.FromUtc(2026, 11, 2, 0, 0), new { }, TestContext.Current.CancellationToken);

        await first.SaveChangesAsync(TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_second_editor_with_a_stale_copy_gets_a_conflict_not_a_silent_overwrite()
    {
        await using var first = fixture.Database.Context();
        await using var second = fixture.Database.Context();
        var a = await first.Cases.OrderBy(c => c.TrackingCode).Skip(7).FirstAsync(TestContext.Current.CancellationToken);
        var b = await second.Cases.SingleAsync(c => c.Id == a.Id, TestContext.Current.CancellationToken);

        a.Title = "第一位办理人的修改";
        await first.SaveChangesAsync(TestContext.Current.CancellationToken);
        b.Title = "第二位办理人的修改";

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(TestContext.Current.CancellationToken));
        await using var check = fixture.Database.Context();
        Assert.Equal("第一位办理人的修改", (await check.Cases.SingleAsync(c => c.Id == a.Id, TestContext.Current.CancellationToken)).Title);
    }
}
