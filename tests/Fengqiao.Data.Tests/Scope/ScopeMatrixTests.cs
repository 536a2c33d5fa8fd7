using Fengqiao.Core.Organisations;
using Fengqiao.Data.Accounts;
using Fengqiao.Data.Cases;
using Fengqiao.Data.People;
using Fengqiao.Data.Scope;
using Fengqiao.Data.Seeding;
using Fengqiao.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fengqiao.Data.Tests.Scope;

/// <summary>
/// Role × resource: for every demo account and every scoped resource, the rows the database filter returns must be
/// exactly the rows the Core scope rule admits — and a few absolute counts keep the rule itself honest.
/// </summary>
public sealed class ScopeMatrixTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    public static TheoryData<string> Accounts => [.. DemoAccounts.All.Select(a => a.UserName)];

    private async Task<AccessScope> ScopeOfAsync(string userName)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var db = scope.ServiceProvider.GetRequiredService<FengqiaoDbContext>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException(userName);
        var roles = (await users.GetRolesAsync(user)).Select(Enum.Parse<StaffRole>).ToList();
        var unit = user.UnitId is { } id ? await db.Units.SingleAsync(u => u.Id == id) : null;
        return AccessScope.For(roles, user.Id, unit?.Id, unit is null ? null : DivisionCode.Parse(unit.DivisionCode));
    }

    [Theory]
    [MemberData(nameof(Accounts))]
    public async Task Cases_visible_through_the_database_are_exactly_those_the_scope_rule_admits(string userName)
    {
        var scope = await ScopeOfAsync(userName);
        await using var system = fixture.Database.Context();
        var all = await system.Cases.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        var expected = all.Where(c => scope.Permits(DivisionCode.Parse(c.DivisionCode), c.RegisteringUnitId, c.HandlingUnitId, c.ResidentAccountId, c.ContractLeaderStaffIds))
            .Select(c => c.Id).OrderBy(x => x).ToList();

        await using var scoped = fixture.Database.Context(new FixedAccessScopeProvider(scope));
        var actual = await scoped.Cases.Select(c => c.Id).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(expected, actual.OrderBy(x => x).ToList());
    }

    [Theory]
    [MemberData(nameof(Accounts))]
    public async Task Suggestions_visible_through_the_database_are_exactly_those_of_the_accounts_area(string userName)
    {
        var scope = await ScopeOfAsync(userName);
        await using var system = fixture.Database.Context();
        var all = await system.Suggestions.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        Assert.NotEmpty(all);
        // 人民建议 belong to a town and no unit: the area (or everything) admits them, a unit or one's own never does.
        var expected = all.Where(s => scope.SeesAll || (scope.Area is { } area && DivisionCode.Parse(s.TownCode).IsWithin(area))).Select(s => s.Id).Order().ToList();

        await using var scoped = fixture.Database.Context(new FixedAccessScopeProvider(scope));
        Assert.Equal(expected, (await scoped.Suggestions.Select(s => s.Id).ToListAsync(TestContext.Current.CancellationToken)).Order().ToList());
    }

    [Theory]
    [MemberData(nameof(Accounts))]
    public async Task Mediation_committees_are_those_of_the_accounts_area_or_guidance_and_everything_else_of_the_module_follows_them(string userName)
    {
        var ct = TestContext.Current.CancellationToken;
        var scope = await ScopeOfAsync(userName);
        await using var system = fixture.Database.Context();
        var all = await system.MediationCommittees.AsNoTracking().ToListAsync(ct);
        Assert.NotEmpty(all);
        // A committee sits in an area and is guided by a judicial office: the area admits it, and so does the guiding unit
        // for an account scoped to its unit; one's own never does.
        var expected = all.Where(c => scope.SeesAll
                || (scope.Kind >= ScopeKind.Unit && scope.UnitId is { } unit && c.GuidingUnitId == unit)
                || (scope.Area is { } area && DivisionCode.Parse(c.DivisionCode).IsWithin(area)))
            .Select(c => c.Id).Order().ToList();

        await using var scoped = fixture.Database.Context(new FixedAccessScopeProvider(scope));
        Assert.Equal(expected, (await scoped.MediationCommittees.Select(c => c.Id).ToListAsync(ct)).Order().ToList());

        // Every other mediation table shows exactly the rows of the visible committees (through their mediation where they hang off one).
        var mediations = await system.Mediations.AsNoTracking().Select(m => new { m.Id, m.CommitteeId }).ToListAsync(ct);
        var visibleMediations = mediations.Where(m => expected.Contains(m.CommitteeId)).Select(m => m.Id).ToHashSet();
        async Task Same<T>(Func<FengqiaoDbContext, IQueryable<T>> rows, Func<T, bool> admitted, Func<T, Guid> id, string what) where T : class
        {
            var want = (await rows(system).AsNoTracking().ToListAsync(ct)).Where(admitted).Select(id).Order().ToList();
            var got = (await rows(scoped).AsNoTracking().ToListAsync(ct)).Select(id).Order().ToList();
            Assert.True(want.SequenceEqual(got), $"{userName}: {what} {got.Count} seen, {want.Count} admitted");
        }
        await Same(db => db.MediationCommitteeMembers, m => expected.Contains(m.CommitteeId), m => m.Id, "committee members");
        await Same(db => db.MediationRooms, r => expected.Contains(r.CommitteeId), r => r.Id, "rooms");
        await Same(db => db.Mediators, m => expected.Contains(m.CommitteeId), m => m.Id, "mediators");
        await Same(db => db.Mediations, m => expected.Contains(m.CommitteeId), m => m.Id, "mediations");
        await Same(db => db.MediationEvents, e => visibleMediations.Contains(e.MediationId), e => e.Id, "mediation events");
        var invitations = await system.MediationInvitations.AsNoTracking().Select(i => new { i.Id, i.MediationId }).ToListAsync(ct);
        var visibleInvitations = invitations.Where(i => visibleMediations.Contains(i.MediationId)).Select(i => i.Id).ToHashSet();
        await Same(db => db.MediationInvitations, i => visibleMediations.Contains(i.MediationId), i => i.Id, "invitations");
        await Same(db => db.MediationCodes, c => visibleInvitations.Contains(c.InvitationId), c => c.Id, "one-time codes");
        await Same(db => db.MediationApplicants, a => visibleMediations.Contains(a.MediationId), a => a.MediationId, "online applicants");
    }

    [Theory]
    [MemberData(nameof(Accounts))]
    public async Task Centres_are_those_of_the_accounts_area_or_unit_and_their_stations_rota_and_receptions_follow_them(string userName)
    {
        var ct = TestContext.Current.CancellationToken;
        var scope = await ScopeOfAsync(userName);
        await using var system = fixture.Database.Context();
        var all = await system.MediationCentres.AsNoTracking().ToListAsync(ct);
        Assert.NotEmpty(all);
        var expected = all.Where(c => scope.SeesAll
                || (scope.Kind >= ScopeKind.Unit && scope.UnitId is { } unit && c.OperatorUnitId == unit)
                || (scope.Area is { } area && DivisionCode.Parse(c.DivisionCode).IsWithin(area)))
            .Select(c => c.Id).Order().ToList();
        await using var scoped = fixture.Database.Context(new FixedAccessScopeProvider(scope));
        Assert.Equal(expected, (await scoped.MediationCentres.Select(c => c.Id).ToListAsync(ct)).Order().ToList());
        Assert.Equal((await system.CentreStations.AsNoTracking().ToListAsync(ct)).Where(s => expected.Contains(s.CentreId)).Select(s => s.Id).Order(),
            (await scoped.CentreStations.Select(s => s.Id).ToListAsync(ct)).Order());
        Assert.Equal((await system.CentreRota.AsNoTracking().ToListAsync(ct)).Where(r => expected.Contains(r.CentreId)).Select(r => r.Id).Order(),
            (await scoped.CentreRota.Select(r => r.Id).ToListAsync(ct)).Order());
        Assert.Equal((await system.CentreReceptions.AsNoTracking().ToListAsync(ct)).Where(r => expected.Contains(r.CentreId)).Select(r => r.Id).Order(),
            (await scoped.CentreReceptions.Select(r => r.Id).ToListAsync(ct)).Order());
    }

    [Fact]
    public async Task The_demo_gives_the_mediation_scope_rows_to_tell_apart()
    {
        var ct = TestContext.Current.CancellationToken;
        async Task<int> CountAsync(string user)
        {
            await using var db = fixture.Database.Context(new FixedAccessScopeProvider(await ScopeOfAsync(user)));
            return await db.Mediations.CountAsync(ct);
        }
        await using var system = fixture.Database.Context();
        var total = await system.Mediations.CountAsync(ct);
        Assert.True(total > 0);
        Assert.Equal(total, await CountAsync("admin"));
        Assert.InRange(await CountAsync("townlead"), 1, total);
        Assert.Equal(0, await CountAsync("resident"));
    }

    [Theory]
    [MemberData(nameof(Accounts))]
    public async Task Case_events_and_residents_follow_the_cases_one_may_see(string userName)
    {
        var scope = await ScopeOfAsync(userName);
        await using var scoped = fixture.Database.Context(new FixedAccessScopeProvider(scope));
        var visibleCases = await scoped.Cases.Select(c => c.Id).ToListAsync(TestContext.Current.CancellationToken);
        var visibleCaseResidents = await scoped.Cases.Where(c => c.ResidentId != null).Select(c => c.ResidentId!.Value).Distinct().ToListAsync(TestContext.Current.CancellationToken);

        var eventCases = await scoped.CaseEvents.Select(e => e.CaseId).Distinct().ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(visibleCases.Order(), eventCases.Order());

        var residents = await scoped.Residents.ToListAsync(TestContext.Current.CancellationToken);
        foreach (var resident in residents)
        {
            var admitted = scope.SeesAll
                || (scope.Area is { } area && DivisionCode.Parse(resident.DivisionCode).IsWithin(area))
                || (scope.Kind == ScopeKind.Own && resident.AccountId == scope.AccountId)
                || visibleCaseResidents.Contains(resident.Id);
            Assert.True(admitted, $"{userName} sees resident {resident.Id} outside the rule");
        }
        Assert.True(visibleCaseResidents.All(id => residents.Any(r => r.Id == id)), "every party of a visible case is visible");
    }

    [Theory]
    [MemberData(nameof(Accounts))]
    public async Task Accounts_listed_are_exactly_those_in_the_unit_or_area(string userName)
    {
        var scope = await ScopeOfAsync(userName);
        await using var system = fixture.Database.Context();
        var everyone = await StaffDirectory.VisibleAsync(system, TestContext.Current.CancellationToken);
        var expected = everyone.Where(a => scope.Kind > ScopeKind.Own && (scope.SeesAll || (a.UnitId is { } unit && scope.PermitsUnit(unit, DivisionCode.Parse(a.UnitDivision!)))))
            .Select(a => a.UserName).Order().ToList();

        await using var scoped = fixture.Database.Context(new FixedAccessScopeProvider(scope));
        var actual = (await StaffDirectory.VisibleAsync(scoped, TestContext.Current.CancellationToken)).Select(a => a.UserName).Order().ToList();

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Absolute_expectations_hold_for_the_demo_accounts()
    {
        var ct = TestContext.Current.CancellationToken;
        async Task<int> CountAsync(string user)
        {
            await using var db = fixture.Database.Context(new FixedAccessScopeProvider(await ScopeOfAsync(user)));
            return await db.Cases.CountAsync(ct);
        }

        await using var system = fixture.Database.Context();
        var total = await system.Cases.CountAsync(ct);
        var kenli = await system.Cases.CountAsync(c => c.DivisionCode.StartsWith("370505"), ct);
        var qingpu = await system.Cases.CountAsync(c => c.DivisionCode.StartsWith("310118"), ct);
        var housing = await system.Units.SingleAsync(u => u.Name == "垦利区住房和城乡建设局", ct);
        var housingCases = await system.Cases.CountAsync(c => c.HandlingUnitId == housing.Id, ct);

        Assert.Equal(fixture.Seeded.Cases, total);
        Assert.Equal(total, await CountAsync("admin"));
        Assert.Equal(kenli, await CountAsync("clerk"));
        Assert.Equal(kenli, await CountAsync("distlead"));
        Assert.Equal(qingpu, await CountAsync("qingpu.clerk"));
        Assert.Equal(housingCases, await CountAsync("handler"));
        Assert.True(housingCases > 0 && housingCases < kenli);
        var residentCases = await system.Cases.CountAsync(c => c.ResidentAccountId != null, ct);
        Assert.True(residentCases >= 2);
        Assert.Equal(residentCases, await CountAsync("resident"));
        Assert.Equal(0, await CountAsync("police"));
    }

    [Fact]
    public async Task A_context_without_a_principal_sees_nothing()
    {
        await using var db = fixture.Database.Context(new FixedAccessScopeProvider(AccessScope.Nobody));
        Assert.Equal(0, await db.Cases.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.Residents.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.CaseEvents.CountAsync(TestContext.Current.CancellationToken));
        Assert.Empty(await StaffDirectory.VisibleAsync(db, TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.MediationCommittees.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.Mediations.CountAsync(TestContext.Current.CancellationToken));
    }
}
