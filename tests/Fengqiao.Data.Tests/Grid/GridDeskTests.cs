using Fengqiao.Core.Cases;
using Fengqiao.Core.Grid;
using Fengqiao.Core.Organisations;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Grid;
using Fengqiao.Data.People;
using Fengqiao.Data.Scope;
using Fengqiao.Data.Seeding;
using Fengqiao.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Fengqiao.Data.Tests.Grid;

/// <summary>Grid governance through the data layer on the seeded demo: the township figures, scope, plans, visits and one-click cases.</summary>
public sealed class GridDeskTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private GridDesk Desk(FengqiaoDbContext db) =>
        new(db, new CaseWorkflow(db, CaseRules.Default, TestTime.Clock, fixture.Services.GetRequiredService<Fengqiao.Data.Security.PersonalDataProtector>(),
            new KnownReferences(), fixture.Services.GetRequiredService<Fengqiao.Data.Text.CaseMatterIndex>()), CaseRules.Default, TestTime.Clock);

    private async Task<(AccessScope Scope, string AccountId, Guid? UnitId)> AccountAsync(string userName)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var db = scope.ServiceProvider.GetRequiredService<FengqiaoDbContext>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException(userName);
        var roles = (await users.GetRolesAsync(user)).Select(Enum.Parse<StaffRole>).ToList();
        var unit = user.UnitId is { } id ? await db.Units.SingleAsync(u => u.Id == id, Ct) : null;
        return (AccessScope.For(roles, user.Id, unit?.Id, unit is null ? null : DivisionCode.Parse(unit.DivisionCode)), user.Id, unit?.Id);
    }

    [Fact]
    public async Task The_demo_town_has_26_grids_and_547_members_in_1_3_N_teams()
    {
        await using var db = fixture.Database.Context();
        var towns = await Desk(db).TownOverviewsAsync(Ct);

        var town = Assert.Single(towns, t => t.TownCode == GridDemoSeeder.DemoTown);
        Assert.Equal(26, town.Overview.GridCount);
        Assert.Equal(547, town.Overview.MemberCount);
        Assert.Equal(26, town.Overview.LeaderCount);
        Assert.Equal(78, town.Overview.CoreMemberCount);
        Assert.Equal(13, town.Overview.VillageCount);
        Assert.Equal("垦利街道", town.TownName);
    }

    public static TheoryData<string> Accounts => [.. DemoAccounts.All.Select(a => a.UserName)];

    [Theory]
    [MemberData(nameof(Accounts))]
    public async Task Grids_and_leader_days_visible_are_exactly_those_in_the_accounts_area(string userName)
    {
        var (scope, _, _) = await AccountAsync(userName);
        await using var system = fixture.Database.Context();
        var all = await system.Grids.AsNoTracking().ToListAsync(Ct);
        var expected = all.Where(g => scope.SeesAll || (scope.Area is { } area && DivisionCode.Parse(g.VillageCode).IsWithin(area))).Select(g => g.Id).Order().ToList();
        var allDays = await system.LeaderActivities.AsNoTracking().ToListAsync(Ct);
        var expectedDays = allDays.Where(a => scope.SeesAll || (scope.Area is { } area && DivisionCode.Parse(a.VillageCode).IsWithin(area))).Count();

        await using var scoped = fixture.Database.Context(new FixedAccessScopeProvider(scope));
        Assert.Equal(expected, (await scoped.Grids.Select(g => g.Id).ToListAsync(Ct)).Order().ToList());
        Assert.Equal(expectedDays, await scoped.LeaderActivities.CountAsync(Ct));
        // Members follow their grid.
        Assert.Equal(await system.GridMembers.CountAsync(m => expected.Contains(m.GridId), Ct), await scoped.GridMembers.CountAsync(Ct));
    }

    [Fact]
    public async Task The_area_rule_gives_the_town_all_its_grids_the_village_its_own_and_a_bureau_handler_none()
    {
        async Task<int> CountAsync(string user)
        {
            var (scope, _, _) = await AccountAsync(user);
            await using var db = fixture.Database.Context(new FixedAccessScopeProvider(scope));
            return await db.Grids.CountAsync(Ct);
        }
        Assert.Equal(26, await CountAsync("townlead"));
        Assert.Equal(2, await CountAsync("grid"));
        Assert.Equal(26, await CountAsync("distlead"));
        Assert.Equal(0, await CountAsync("handler"));
        Assert.Equal(0, await CountAsync("qingpu.clerk"));
    }

    [Fact]
    public async Task Generating_a_months_plan_twice_adds_nothing_the_second_time()
    {
        await using var db = fixture.Database.Context();
        var grid = await db.Grids.OrderBy(g => g.Code).Skip(5).FirstAsync(Ct);
        var month = new YearMonth(2027, 3);

        var first = await Desk(db).GeneratePlanAsync(grid.Code, month, Ct);
        var second = await Desk(db).GeneratePlanAsync(grid.Code, month, Ct);

        Assert.True(first > 0);
        Assert.Equal(0, second);
        Assert.Equal(first, await db.PlannedVisits.CountAsync(v => v.GridId == grid.Id && v.Month == 202703, Ct));
        // Only working days: March 2027 has no holiday, so no weekend date.
        Assert.DoesNotContain(await db.PlannedVisits.Where(v => v.GridId == grid.Id && v.Month == 202703).Select(v => v.Date).ToListAsync(Ct),
            d => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    [Fact]
    public async Task A_member_records_a_planned_visit_and_raises_its_finding_as_a_grid_inspection_case_once()
    {
        var (scope, accountId, unitId) = await AccountAsync("grid");
        await using var db = fixture.Database.Context(new FixedAccessScopeProvider(scope));
        var desk = Desk(db);
        var gridCode = (await desk.MemberGridsAsync(accountId, Ct)).First().Code;
        var month = new YearMonth(2027, 4);
        await desk.GeneratePlanAsync(gridCode, month, Ct);
        var planned = (await desk.PlannedVisitsAsync(gridCode, month.OnDayOfMonth(1), month.OnDayOfMonth(30), Ct)).First();

        var visit = await desk.RecordVisitAsync(new NewInspectionVisit(gridCode, planned.KeyPlaceId, planned.Id, "检查消防设施",
            [new NewFinding("灭火器过期", "三具灭火器压力不足，已过检验期", FindingSeverity.Urgent, null)]), accountId, Ct);
        var progress = await desk.PlanProgressAsync(gridCode, month, Ct);
        var raised = await desk.RaiseCaseAsync(visit.Findings[0].Id, accountId, unitId!.Value, CaseKind.Petition, null, null, Ct);
        var again = await desk.RaiseCaseAsync(visit.Findings[0].Id, accountId, unitId.Value, CaseKind.Petition, null, null, Ct);

        Assert.NotNull(raised);
        Assert.Equal(raised.Id, again!.Id);
        Assert.Equal(CaseChannel.GridInspection, raised.Channel);
        Assert.True(raised.Urgent);
        Assert.Equal(gridCode[..12], raised.DivisionCode);
        Assert.Contains("灭火器过期", raised.Title, StringComparison.Ordinal);
        Assert.Equal(1, progress.Done);
        await using var system = fixture.Database.Context();
        var finding = await system.InspectionFindings.SingleAsync(f => f.Id == visit.Findings[0].Id, Ct);
        Assert.Equal(raised.Id, finding.CaseId);
        Assert.Equal(raised.TrackingCode, finding.CaseTrackingCode);
        Assert.Equal(1, await system.Cases.CountAsync(c => c.IdempotencyKey == $"grid-finding:{finding.Id}", Ct));
        Assert.Equal("刘洋", (await system.CaseParties.SingleAsync(p => p.CaseId == raised.Id, Ct)).Name);
    }

    [Fact]
    public async Task Bad_visits_are_refused_with_a_reason_and_store_nothing()
    {
        var (scope, accountId, _) = await AccountAsync("grid");
        var (townScope, townAccount, _) = await AccountAsync("townlead");
        await using var db = fixture.Database.Context(new FixedAccessScopeProvider(scope));
        var gridCode = (await Desk(db).MemberGridsAsync(accountId, Ct)).First().Code;
        var before = await db.InspectionVisits.CountAsync(Ct);

        var noNotes = await Assert.ThrowsAsync<GridRuleException>(() => Desk(db).RecordVisitAsync(new NewInspectionVisit(gridCode, null, null, " ", []), accountId, Ct));
        var noTitle = await Assert.ThrowsAsync<GridRuleException>(() => Desk(db).RecordVisitAsync(
            new NewInspectionVisit(gridCode, null, null, "巡查", [new NewFinding("", "描述", FindingSeverity.Minor, null)]), accountId, Ct));
        await using var townDb = fixture.Database.Context(new FixedAccessScopeProvider(townScope));
        var notMember = await Assert.ThrowsAsync<GridRuleException>(() => Desk(townDb).RecordVisitAsync(new NewInspectionVisit(gridCode, null, null, "巡查", []), townAccount, Ct));
        var otherGrid = await Assert.ThrowsAsync<GridRuleException>(() => Desk(db).RecordVisitAsync(new NewInspectionVisit("370505001013" + "01", null, null, "巡查", []), accountId, Ct));

        Assert.Contains("巡查情况不能为空", noNotes.Message, StringComparison.Ordinal);
        Assert.Contains("a finding needs", noTitle.Message, StringComparison.Ordinal);
        Assert.Contains("only the grid's own team", notMember.Message, StringComparison.Ordinal);
        Assert.Contains("in your scope", otherGrid.Message, StringComparison.Ordinal);
        Assert.Equal(before, await db.InspectionVisits.CountAsync(Ct));
    }
}
