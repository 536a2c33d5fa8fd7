using Fengqiao.Core.Organisations;
using Fengqiao.Data.People;
using Fengqiao.Data.Scope;
using Fengqiao.Data.Seeding;
using Fengqiao.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fengqiao.Data.Tests.Contracting;

/// <summary>
/// Role × contracting resource: contracts, visits, reviews and reception links follow the cases an account may see; a
/// leader named in a contract sees it besides; reception schedules follow the leader's unit and area.
/// </summary>
public sealed class ContractingScopeTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Accounts => [.. DemoAccounts.All.Select(a => a.UserName)];

    private async Task<AccessScope> ScopeOfAsync(string userName)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var db = scope.ServiceProvider.GetRequiredService<FengqiaoDbContext>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException(userName);
        var roles = (await users.GetRolesAsync(user)).Select(Enum.Parse<StaffRole>).ToList();
        var unit = user.UnitId is { } id ? await db.Units.SingleAsync(u => u.Id == id, Ct) : null;
        return AccessScope.For(roles, user.Id, unit?.Id, unit is null ? null : DivisionCode.Parse(unit.DivisionCode));
    }

    [Theory]
    [MemberData(nameof(Accounts))]
    public async Task Contracting_rows_follow_the_visible_cases_and_a_leader_sees_their_own_contracts(string userName)
    {
        var scope = await ScopeOfAsync(userName);
        await using var system = fixture.Database.Context();
        await using var scoped = fixture.Database.Context(new FixedAccessScopeProvider(scope));
        var cases = (await scoped.Cases.Select(c => c.Id).ToListAsync(Ct)).ToHashSet();
        var staff = scope.Kind >= ScopeKind.Unit ? scope.AccountId : null;

        var contracts = await system.CaseContracts.AsNoTracking().ToListAsync(Ct);
        var expected = contracts.Where(c => cases.Contains(c.CaseId) || (staff is not null && c.LeaderStaffIds.Split(',').Contains(staff))).Select(c => c.Id).Order().ToList();
        Assert.Equal(expected, (await scoped.CaseContracts.Select(c => c.Id).ToListAsync(Ct)).Order().ToList());

        var visits = await system.FollowUpVisits.AsNoTracking().Where(v => true).Select(v => new { v.Id, v.CaseId }).ToListAsync(Ct);
        Assert.Equal(visits.Where(v => cases.Contains(v.CaseId)).Select(v => v.Id).Order().ToList(), (await scoped.FollowUpVisits.Select(v => v.Id).ToListAsync(Ct)).Order().ToList());
        var reviews = await system.LookBackReviews.AsNoTracking().Select(r => new { r.Id, r.CaseId }).ToListAsync(Ct);
        Assert.Equal(reviews.Where(r => cases.Contains(r.CaseId)).Select(r => r.Id).Order().ToList(), (await scoped.LookBackReviews.Select(r => r.Id).ToListAsync(Ct)).Order().ToList());
        var links = await system.ReceptionCases.AsNoTracking().Select(r => new { r.Id, r.CaseId }).ToListAsync(Ct);
        Assert.Equal(links.Where(r => cases.Contains(r.CaseId)).Select(r => r.Id).Order().ToList(), (await scoped.ReceptionCases.Select(r => r.Id).ToListAsync(Ct)).Order().ToList());

        var schedules = await system.ReceptionSchedules.AsNoTracking().ToListAsync(Ct);
        var expectedSchedules = schedules.Where(s => scope.SeesAll || (scope.UnitId is { } u && s.UnitId == u)
            || (scope.Area is { } area && s.DivisionCode.StartsWith(area.Value, StringComparison.Ordinal))).Select(s => s.Id).Order().ToList();
        Assert.Equal(expectedSchedules, (await scoped.ReceptionSchedules.Select(s => s.Id).ToListAsync(Ct)).Order().ToList());
    }

    [Fact]
    public async Task The_village_cadre_opens_every_case_contracted_to_them_and_no_other_outside_the_village()
    {
        var gridScope = await ScopeOfAsync("grid");
        await using var system = fixture.Database.Context();
        await using var scoped = fixture.Database.Context(new FixedAccessScopeProvider(gridScope));
        var contracted = await system.CaseContracts.AsNoTracking().Where(c => c.LeaderStaffIds.Contains(gridScope.AccountId!)).Select(c => c.CaseId).Distinct().ToListAsync(Ct);
        var outside = await system.Cases.AsNoTracking().Where(c => contracted.Contains(c.Id) && !c.DivisionCode.StartsWith(gridScope.Area!.Value.Value)).Select(c => c.Id).ToListAsync(Ct);
        Assert.True(outside.Count > 0, "the demo's dual contracts include cases outside the village cadre's own area");

        var visible = await scoped.Cases.Where(c => !c.DivisionCode.StartsWith(gridScope.Area!.Value.Value)).Select(c => c.Id).ToListAsync(Ct);

        Assert.Equal(outside.Order().ToList(), visible.Order().ToList());
        // The case's log and parties follow the case, so the case page opens in full.
        Assert.Equal(await system.CaseEvents.CountAsync(e => outside.Contains(e.CaseId), Ct), await scoped.CaseEvents.CountAsync(e => outside.Contains(e.CaseId), Ct));
    }
}
