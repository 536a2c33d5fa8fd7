using Fengqiao.Data.Deadlines;
using Fengqiao.Data.Infrastructure;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Web.Tests.Infrastructure;

/// <summary>
/// Two web hosts on one database and one clock that stands still unless a test moves it: a node that stops hands
/// its job leases over at once, and a lease whose holder died passes to the other node once its term is over.
/// </summary>
public sealed class LeaseHandoverTests : IAsyncLifetime
{
    private TestDatabase _database = default!;
    private readonly MovableClock _clock = new(TestTime.Now);
    private TimerNode? _first, _second;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(migrate: false);
        _first = new TimerNode(_database, _clock, migrate: true, seed: false);
        _ = _first.Server;
        _second = new TimerNode(_database, _clock, migrate: false, seed: false);
        _ = _second.Server;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in new[] { _second, _first })
        {
            if (node is not null)
            {
                await node.DisposeAsync();
            }
        }
        await _database.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Lease?> SweepLeaseAsync()
    {
        await using var db = _database.Context();
        return await db.Leases.AsNoTracking().SingleOrDefaultAsync(l => l.Name == DeadlineSweep.LeaseName, Ct);
    }

    /// <summary>Waits (a generous minute of real time, each node beats every second) until one of <paramref name="holders"/> holds the sweep's lease.</summary>
    private async Task<Lease> HeldByOneOfAsync(params string[] holders)
    {
        for (var i = 0; i < 240; i++)
        {
            if (await SweepLeaseAsync() is { } lease && holders.Contains(lease.Holder) && lease.ExpiresAt > _clock.GetCurrentInstant())
            {
                return lease;
            }
            await Task.Delay(250, Ct);
        }
        var last = await SweepLeaseAsync();
        Assert.Fail($"the sweep's lease never went to {string.Join(" or ", holders)}; it is held by {last?.Holder ?? "nobody"} until {last?.ExpiresAt}");
        return last!;
    }

    [Fact]
    public async Task A_node_that_stops_hands_its_lease_over_at_once()
    {
        var held = await HeldByOneOfAsync(_first!.Holder, _second!.Holder);
        var (stopping, staying) = held.Holder == _first.Holder ? (_first, _second) : (_second, _first);
        var stoppingHolder = stopping.Holder;
        if (stopping == _first)
        {
            _first = null;
        }
        else
        {
            _second = null;
        }

        await stopping.DisposeAsync();

        Assert.NotEqual(stoppingHolder, (await SweepLeaseAsync())!.Holder);
        // The clock has not moved, so the lease the stopped node last renewed has not run out: only its release
        // lets the other node in.
        await HeldByOneOfAsync(staying.Holder);
    }

    [Fact]
    public async Task A_lease_whose_holder_died_goes_to_a_live_node_once_its_term_is_over()
    {
        var held = await HeldByOneOfAsync(_first!.Holder, _second!.Holder);
        // However recently renewed, a lease runs no longer than the stated term past now.
        Assert.True(held.ExpiresAt - _clock.GetCurrentInstant() <= Leases.Term, $"the lease runs {held.ExpiresAt - _clock.GetCurrentInstant()} ahead");

        // A holder killed right after renewing: nobody gives its lease up.
        await using (var db = _database.Context())
        {
            await db.Leases.Where(l => l.Name == DeadlineSweep.LeaseName)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, "killed-node").SetProperty(l => l.ExpiresAt, _clock.GetCurrentInstant() + Leases.Term), Ct);
        }
        await Task.Delay(2000, Ct);
        Assert.Equal("killed-node", (await SweepLeaseAsync())!.Holder);

        _clock.Advance(Leases.Term + Duration.FromSeconds(1));

        await HeldByOneOfAsync(_first.Holder, _second.Holder);
    }
}
