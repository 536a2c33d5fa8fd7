using Fengqiao.Core.Calendar;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Deadlines;
using Fengqiao.Data.Infrastructure;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Fengqiao.Data.Tests.Deadlines;

/// <summary>
/// The sweep over more cases than one batch: whatever lies first in due order, every case whose colour the case rules
/// raise gets it, and only a real warning (due soon, overdue) goes to the outbox, in the words of that warning.
/// </summary>
public sealed class DeadlineSweepBacklogTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    private const int Batch = 5;
    private static readonly Instant Now = TestTime.Now;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Unmarked cases, an empty outbox and free leases, whatever another test of the class left.</summary>
    private async Task ResetAsync()
    {
        await using var db = fixture.Database.Context();
        await db.Leases.ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, Leases.LongAgo), Ct);
        await db.Notices.Where(n => n.Kind.StartsWith("deadline.")).ExecuteDeleteAsync(Ct);
        await db.Cases.IgnoreQueryFilters().ExecuteUpdateAsync(s => s.SetProperty(c => c.DeadlineLevel, 0), Ct);
    }

    /// <summary>Sweeps as the timer would, pass after pass, until a pass marks nothing more.</summary>
    private async Task SweepUntilSettledAsync(int? batchSize = null)
    {
        for (var pass = 0; pass < 20; pass++)
        {
            await using var scope = fixture.Services.CreateAsyncScope();
            var sweep = scope.ServiceProvider.GetRequiredService<DeadlineSweep>();
            sweep.BatchSize = batchSize ?? sweep.BatchSize;
            var result = await sweep.RunOnceAsync("sweeper", Now, Ct);
            Assert.True(result.RanHere);
            if (result.MarkedDueSoon + result.MarkedOverdue == 0)
            {
                return;
            }
        }
    }

    /// <summary>The colour the case rules give each case within the sweep's horizon now.</summary>
    private async Task<Dictionary<Guid, DeadlineStatus>> StatusesAsync()
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FengqiaoDbContext>();
        var rules = scope.ServiceProvider.GetRequiredService<CaseRules>();
        var horizon = Now + DeadlineSweep.Horizon;
        var ids = await db.Cases.IgnoreQueryFilters().Where(c => c.DueAt != null && c.DueAt <= horizon).Select(c => c.Id).ToListAsync(Ct);
        var events = (await db.CaseEvents.IgnoreQueryFilters().AsNoTracking().Where(e => ids.Contains(e.CaseId)).ToListAsync(Ct)).ToLookup(e => e.CaseId);
        return ids
            .Select(id => (id, status: rules.Replay(id, CaseEventLog.Lifecycle(events[id])).DeadlineStatusAt(Now)))
            .Where(x => x.status is not null)
            .ToDictionary(x => x.id, x => x.status!.Value);
    }

    private async Task<Dictionary<Guid, int>> LevelsAsync(IEnumerable<Guid> ids)
    {
        await using var db = fixture.Database.Context();
        var list = ids.ToList();
        return await db.Cases.IgnoreQueryFilters().Where(c => list.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.DeadlineLevel, Ct);
    }

    [Fact]
    public async Task Cases_already_warned_at_the_front_of_the_queue_do_not_hide_the_ones_behind_them()
    {
        await ResetAsync();
        var statuses = await StatusesAsync();
        List<Guid> late, warnedBefore;
        await using (var db = fixture.Database.Context())
        {
            // Earlier passes marked the late cases red and the first ones due next yellow: more than two batches of
            // cases that need nothing more until they fall due.
            late = await db.Cases.IgnoreQueryFilters().Where(c => c.DueAt <= Now).Select(c => c.Id).ToListAsync(Ct);
            await db.Cases.IgnoreQueryFilters().Where(c => late.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.DeadlineLevel, (int)DeadlineStatus.Overdue), Ct);
            warnedBefore = await db.Cases.IgnoreQueryFilters().Where(c => c.DueAt > Now && c.DueAt <= Now + DeadlineSweep.Horizon)
                .OrderBy(c => c.DueAt).Take(2 * Batch + 1).Select(c => c.Id).ToListAsync(Ct);
            await db.Cases.IgnoreQueryFilters().Where(c => warnedBefore.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.DeadlineLevel, (int)DeadlineStatus.DueSoon), Ct);
        }
        var behind = statuses.Where(s => s.Value == DeadlineStatus.DueSoon && !late.Contains(s.Key) && !warnedBefore.Contains(s.Key)).Select(s => s.Key).ToList();
        Assert.True(behind.Count > 0, "the demo must have cases due soon behind the ones already warned");

        await SweepUntilSettledAsync(Batch);

        var levels = await LevelsAsync(behind);
        Assert.All(behind, id => Assert.Equal((int)DeadlineStatus.DueSoon, levels[id]));
        await using var check = fixture.Database.Context();
        var warned = await check.Notices.Where(n => n.Kind == "deadline.due-soon").Select(n => n.CaseId!.Value).ToListAsync(Ct);
        Assert.Equal(behind.Order(), warned.Order());
    }

    [Fact]
    public async Task Only_a_case_turning_due_soon_or_overdue_is_marked_and_warned_in_the_words_of_its_level()
    {
        await ResetAsync();
        var statuses = await StatusesAsync();
        Assert.Contains(DeadlineStatus.OnTrack, statuses.Values);
        Assert.Contains(DeadlineStatus.DueSoon, statuses.Values);
        Assert.Contains(DeadlineStatus.Overdue, statuses.Values);

        await SweepUntilSettledAsync();

        var levels = await LevelsAsync(statuses.Keys);
        // On track is no warning: such a case stays unmarked.
        Assert.All(statuses, s => Assert.Equal(s.Value == DeadlineStatus.OnTrack ? 0 : (int)s.Value, levels[s.Key]));
        await using var check = fixture.Database.Context();
        var notices = await check.Notices.Where(n => n.Kind.StartsWith("deadline.")).ToListAsync(Ct);
        Assert.Equal(statuses.Count(s => s.Value != DeadlineStatus.OnTrack), notices.Count);
        Assert.All(notices, n =>
        {
            var status = statuses[n.CaseId!.Value];
            Assert.Contains($":{status}:", n.DedupKey, StringComparison.Ordinal);
            Assert.Equal(status == DeadlineStatus.Overdue ? "deadline.overdue" : "deadline.due-soon", n.Kind);
            Assert.Contains(status == DeadlineStatus.Overdue ? "已超期" : "即将到期", n.Subject, StringComparison.Ordinal);
        });
    }
}
