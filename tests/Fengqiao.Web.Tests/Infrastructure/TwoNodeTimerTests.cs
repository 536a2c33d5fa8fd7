using Fengqiao.Core.Calendar;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Web.Tests.Infrastructure;

/// <summary>
/// Two complete web hosts on one database, both running the deadline sweep and the notice dispatcher every second,
/// while a shared clock moves on by days: every case that falls due is warned exactly once, never twice, never not.
/// </summary>
public sealed class TwoNodeTimerTests : IAsyncLifetime
{
    private TestDatabase _database = default!;
    private readonly MovableClock _clock = new(TestTime.Now);
    private TimerNode? _first, _second;

    public async ValueTask InitializeAsync()
    {
        // A copy of the seeded demo (seeding it through the first node would cost the whole seed again).
        _database = await TestDatabase.CreateSeededAsync();
        _first = new TimerNode(_database, _clock, migrate: true, seed: false);
        _ = _first.Server;
        _second = new TimerNode(_database, _clock, migrate: false, seed: false);
        _ = _second.Server;
    }

    public async ValueTask DisposeAsync()
    {
        if (_second is not null)
        {
            await _second.DisposeAsync();
        }
        if (_first is not null)
        {
            await _first.DisposeAsync();
        }
        await _database.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Cases whose deadline has passed by the clock but which no sweep has marked yet.</summary>
    private async Task<int> UnmarkedOverdueAsync()
    {
        await using var db = _database.Context();
        var now = _clock.GetCurrentInstant();
        return await db.Cases.CountAsync(c => c.DueAt != null && c.DueAt <= now && c.DeadlineLevel < (int)DeadlineStatus.Overdue, Ct);
    }

    private async Task SettleAsync()
    {
        for (var i = 0; i < 120 && await UnmarkedOverdueAsync() > 0; i++)
        {
            await Task.Delay(500, Ct);
        }
        // Two more ticks of both nodes: a duplicate, if the lease let one through, would appear now.
        await Task.Delay(2500, Ct);
    }

    [Fact]
    public async Task Every_case_that_falls_due_is_warned_once_by_one_of_the_two_nodes()
    {
        int overdueBefore;
        await using (var db = _database.Context())
        {
            overdueBefore = await db.Cases.CountAsync(c => c.DeadlineLevel == (int)DeadlineStatus.Overdue, Ct);
        }
        for (var step = 0; step < 3; step++)
        {
            _clock.Advance(Duration.FromDays(10));
            await SettleAsync();
        }

        Assert.Equal(0, await UnmarkedOverdueAsync());
        await using var check = _database.Context();
        var overdueCases = await check.Cases.Where(c => c.DeadlineLevel == (int)DeadlineStatus.Overdue).Select(c => c.Id).ToListAsync(Ct);
        Assert.True(overdueCases.Count >= overdueBefore + 5, $"a month on, more open cases must be late ({overdueBefore} → {overdueCases.Count})");
        var notices = await check.Notices.Where(n => n.Kind == "deadline.overdue").Select(n => n.CaseId).ToListAsync(Ct);
        Assert.Equal(overdueCases.Order(), notices.Select(n => n!.Value).Order());
        // The in-app outbox was emptied by whichever node held the dispatch lease.
        Assert.Equal(0, await check.Notices.CountAsync(n => n.Kind == "deadline.overdue" && n.Channel == Fengqiao.Data.Notices.NoticeChannel.InApp && n.SentAt == null, Ct));
    }
}
