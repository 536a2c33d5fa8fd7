using Fengqiao.Data.Portal;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Tests.Portal;

/// <summary>The public pages' failure count, shared by every node through the database.</summary>
public sealed class PortalFailureCounterTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    private static readonly Duration Window = Duration.FromMinutes(15);
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 29, 2, 0);

    [Fact]
    public async Task Failures_recorded_at_once_from_many_nodes_are_all_counted()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = "10.0.0." + Random.Shared.Next(1, 250) + "/" + Guid.NewGuid().ToString("N")[..6];

        await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
        {
            await using var db = fixture.Database.Context();
            await PortalFailureCounter.RecordAsync(db, client, Now, Window, ct);
        }));

        await using var check = fixture.Database.Context();
        Assert.Equal(12, await PortalFailureCounter.FailuresAsync(check, client, Now, Window, ct));
        Assert.Equal(1, await check.PortalFailures.CountAsync(f => f.Client == client, ct));
    }

    [Fact]
    public async Task A_stale_window_starts_again_at_one_and_forgiving_clears_the_client()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = "stale-" + Guid.NewGuid().ToString("N")[..8];
        await using var db = fixture.Database.Context();
        for (var i = 0; i < 3; i++)
        {
            await PortalFailureCounter.RecordAsync(db, client, Now, Window, ct);
        }
        Assert.Equal(3, await PortalFailureCounter.FailuresAsync(db, client, Now + Duration.FromMinutes(14), Window, ct));
        Assert.Equal(0, await PortalFailureCounter.FailuresAsync(db, client, Now + Duration.FromMinutes(16), Window, ct));

        Assert.Equal(1, await PortalFailureCounter.RecordAsync(db, client, Now + Duration.FromMinutes(16), Window, ct));
        Assert.Equal(2, await PortalFailureCounter.RecordAsync(db, client, Now + Duration.FromMinutes(17), Window, ct));

        await PortalFailureCounter.ForgiveAsync(db, client, ct);
        Assert.Equal(0, await PortalFailureCounter.FailuresAsync(db, client, Now + Duration.FromMinutes(17), Window, ct));
        Assert.False(await db.PortalFailures.AnyAsync(f => f.Client == client, ct));
    }

    [Fact]
    public async Task A_new_client_sweeps_out_the_rows_of_clients_whose_window_has_passed()
    {
        var ct = TestContext.Current.CancellationToken;
        var old = "old-" + Guid.NewGuid().ToString("N")[..8];
        var fresh = "new-" + Guid.NewGuid().ToString("N")[..8];
        await using var db = fixture.Database.Context();
        await PortalFailureCounter.RecordAsync(db, old, Now - Duration.FromHours(2), Window, ct);

        await PortalFailureCounter.RecordAsync(db, fresh, Now, Window, ct);

        Assert.False(await db.PortalFailures.AnyAsync(f => f.Client == old, ct));
        Assert.True(await db.PortalFailures.AnyAsync(f => f.Client == fresh, ct));
    }
}
