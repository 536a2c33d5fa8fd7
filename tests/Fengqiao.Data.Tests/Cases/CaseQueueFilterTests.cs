using Fengqiao.Core.Calendar;
using Fengqiao.Core.Cases;
using Fengqiao.Data.Cases;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fengqiao.Data.Tests.Cases;

/// <summary>The queue's filters (state, channel, overdue, due soon) are applied in the query and counted there.</summary>
public sealed class CaseQueueFilterTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(int Total, IReadOnlyList<CaseListRow> Rows)> PageAsync(CaseQueueFilter filter)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CaseWorklist>().PageAsync(filter, 0, 1000, Ct);
    }

    [Fact]
    public async Task Each_filter_keeps_only_matching_cases_and_the_count_is_the_databases()
    {
        await using var db = fixture.Database.Context();
        var (state, channel) = await db.Cases.GroupBy(c => new { c.State, c.Channel }).OrderByDescending(g => g.Count())
            .Select(g => new ValueTuple<CaseState, CaseChannel>(g.Key.State, g.Key.Channel)).FirstAsync(Ct);

        var all = await PageAsync(new CaseQueueFilter());
        var byState = await PageAsync(new CaseQueueFilter(State: state));
        Assert.Equal(await db.Cases.CountAsync(c => c.State == state, Ct), byState.Total);
        Assert.All(byState.Rows, r => Assert.Equal(state, r.State));
        Assert.InRange(byState.Total, 1, all.Total);

        var byChannel = await PageAsync(new CaseQueueFilter(Channel: channel));
        Assert.Equal(await db.Cases.CountAsync(c => c.Channel == channel, Ct), byChannel.Total);
        Assert.All(byChannel.Rows, r => Assert.Equal(channel, r.Channel));

        var both = await PageAsync(new CaseQueueFilter(State: state, Channel: channel));
        Assert.Equal(await db.Cases.CountAsync(c => c.State == state && c.Channel == channel, Ct), both.Total);
        Assert.True(both.Total >= 1);

        foreach (var deadline in new[] { DeadlineStatus.Overdue, DeadlineStatus.DueSoon })
        {
            var due = await PageAsync(new CaseQueueFilter(Deadline: deadline));
            Assert.Equal(await db.Cases.CountAsync(c => c.DeadlineLevel == (int)deadline, Ct), due.Total);
            Assert.All(due.Rows, r => Assert.Equal((int)deadline, r.DeadlineLevel));
        }

        var code = all.Rows[0].TrackingCode;
        var searched = await PageAsync(new CaseQueueFilter(Search: code, State: all.Rows[0].State == CaseState.Closed ? CaseState.Registered : CaseState.Closed));
        Assert.DoesNotContain(searched.Rows, r => r.TrackingCode == code);
    }
}
