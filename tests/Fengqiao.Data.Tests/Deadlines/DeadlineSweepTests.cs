using Fengqiao.Core.Calendar;
using Fengqiao.Data.Deadlines;
using Fengqiao.Data.Infrastructure;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Fengqiao.Data.Tests.Deadlines;

/// <summary>The deadline sweep on the demo data, including several "nodes" sweeping the same database at once.</summary>
public sealed class DeadlineSweepTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    private async Task<SweepResult> SweepAsync(string node, Instant now)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DeadlineSweep>().RunOnceAsync(node, now, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Several_nodes_sweeping_at_once_mark_each_late_case_and_notify_exactly_once()
    {
        var now = TestTime.Now + Duration.FromDays(60);
        await using (var db = fixture.Database.Context())
        {
            // Expire any lease a previous test left, so this test controls who may run.
            await db.Leases.ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, Leases.LongAgo), TestContext.Current.CancellationToken);
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => SweepAsync($"node-{i}", now)));

        Assert.Equal(1, results.Count(r => r.RanHere));
        await using var check = fixture.Database.Context();
        var overdue = await check.Cases.CountAsync(c => c.DueAt != null && c.DueAt <= now, TestContext.Current.CancellationToken);
        Assert.True(overdue > 0, "sixty days on, some demo cases must be late");
        Assert.Equal(overdue, await check.Cases.CountAsync(c => c.DeadlineLevel == (int)DeadlineStatus.Overdue, TestContext.Current.CancellationToken));
        var notices = await check.Notices.Where(n => n.Kind == "deadline.overdue").ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(overdue, notices.Count);
        Assert.Equal(notices.Count, notices.Select(n => n.CaseId).Distinct().Count());
        Assert.All(notices, n => Assert.NotNull(n.UnitId));
    }

    [Fact]
    public async Task A_lease_is_held_until_it_expires_and_the_holder_may_renew_it()
    {
        await using var db = fixture.Database.Context();
        var t0 = Instant.FromUtc(2030, 1, 1, 0, 0);
        var ct = TestContext.Current.CancellationToken;
        Assert.True(await Leases.TryAcquireAsync(db, "test-lease", "a", t0, Duration.FromMinutes(5), ct));
        Assert.False(await Leases.TryAcquireAsync(db, "test-lease", "b", t0 + Duration.FromMinutes(1), Duration.FromMinutes(5), ct));
        Assert.True(await Leases.TryAcquireAsync(db, "test-lease", "a", t0 + Duration.FromMinutes(2), Duration.FromMinutes(5), ct));
        Assert.True(await Leases.TryAcquireAsync(db, "test-lease", "b", t0 + Duration.FromMinutes(8), Duration.FromMinutes(5), ct));
    }

    [Fact]
    public async Task A_lease_not_renewed_passes_to_another_node_once_its_term_is_over_and_a_released_one_at_once()
    {
        await using var db = fixture.Database.Context();
        var t0 = Instant.FromUtc(2030, 1, 1, 0, 0);
        var ct = TestContext.Current.CancellationToken;
        // The figure docs/operations.md states: a holder that dies is replaced within 30 s.
        Assert.True(Leases.Term + Leases.RenewEvery <= Duration.FromSeconds(30));
        Assert.True(await Leases.TryAcquireAsync(db, "term-lease", "a", t0, ct));
        Assert.False(await Leases.TryAcquireAsync(db, "term-lease", "b", t0 + Leases.Term, ct));
        Assert.True(await Leases.TryAcquireAsync(db, "term-lease", "b", t0 + Leases.Term + Duration.FromSeconds(1), ct));

        // Only the holder can give a lease up; then anyone takes it at once.
        Assert.False(await Leases.ReleaseAsync(db, "term-lease", "a", ct));
        Assert.False(await Leases.TryAcquireAsync(db, "term-lease", "a", t0 + Leases.Term + Duration.FromSeconds(2), ct));
        Assert.True(await Leases.ReleaseAsync(db, "term-lease", "b", ct));
        Assert.True(await Leases.TryAcquireAsync(db, "term-lease", "a", t0 + Leases.Term + Duration.FromSeconds(2), ct));
    }
}
