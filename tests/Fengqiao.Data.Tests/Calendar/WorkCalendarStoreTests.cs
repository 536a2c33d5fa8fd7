using Fengqiao.Core.Calendar;
using Fengqiao.Core.Cases.Deadlines;
using Fengqiao.Data.Calendar;
using Fengqiao.Data.Cases;
using Fengqiao.Testing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Fengqiao.Data.Tests.Calendar;

/// <summary>An administrator's year of holidays governs new deadlines, on this node at once and on others after a refresh.</summary>
public sealed class WorkCalendarStoreTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_saved_holiday_moves_new_deadlines_and_reaches_another_node_on_refresh()
    {
        const int Year = 2031;
        await using var scope = fixture.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<WorkCalendarStore>();
        var rules = scope.ServiceProvider.GetRequiredService<CaseRules>();
        // Monday 3 March 2031 + 1 working day is Tuesday 4 March; with the 4th a holiday it becomes Wednesday the 5th.
        var monday = new LocalDate(Year, 3, 3);
        Assert.Equal(new LocalDate(Year, 3, 4), rules.Calendar.AddWorkingDays(monday, 1));

        var view = await store.ViewAsync(Year, Ct);
        var saved = await store.SaveAsync(Year, [.. view.Holidays, new CalendarDay(new LocalDate(Year, 3, 4), "地方性假日")], view.Workdays, view.Version, "admin", Ct);

        Assert.True(saved.Edited);
        Assert.Equal(1, saved.Version);
        Assert.Equal(new LocalDate(Year, 3, 5), rules.Calendar.AddWorkingDays(monday, 1));
        var otherNode = new CaseRules(WorkCalendar.China, SlaProfileCatalog.DefaultSelector);
        Assert.Equal(new LocalDate(Year, 3, 4), otherNode.Calendar.AddWorkingDays(monday, 1));
        await using (var db = fixture.Database.Context())
        {
            await new WorkCalendarStore(db, otherNode, TestTime.Clock).RefreshAsync(Ct);
        }
        Assert.Equal(new LocalDate(Year, 3, 5), otherNode.Calendar.AddWorkingDays(monday, 1));
    }

    [Fact]
    public async Task A_stale_version_is_refused_and_invalid_days_change_nothing()
    {
        const int Year = 2032;
        await using var scope = fixture.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<WorkCalendarStore>();
        var first = await store.SaveAsync(Year, [new CalendarDay(new LocalDate(Year, 1, 1), "元旦")], [], 0, "admin", Ct);

        await Assert.ThrowsAsync<CalendarConflictException>(() => store.SaveAsync(Year, [], [], 0, "other-admin", Ct));
        var weekdayWorkday = await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(Year, [], [new CalendarDay(new LocalDate(Year, 1, 5), "补班")], first.Version, "admin", Ct));
        Assert.Contains("周末", weekdayWorkday.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(Year, [new CalendarDay(new LocalDate(Year + 1, 1, 1), "元旦")], [], first.Version, "admin", Ct));

        var now = await store.ViewAsync(Year, Ct);
        Assert.Equal(first.Version, now.Version);
        Assert.Equal("元旦", Assert.Single(now.Holidays).Name);
    }
}
