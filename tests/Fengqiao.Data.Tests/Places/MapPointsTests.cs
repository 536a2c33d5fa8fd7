using Fengqiao.Core.Cases;
using Fengqiao.Core.Grid;
using Fengqiao.Core.Organisations;
using Fengqiao.Core.Places;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Grid;
using Fengqiao.Data.Ledger;
using Fengqiao.Data.People;
using Fengqiao.Data.Scope;
using Fengqiao.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Fengqiao.Data.Tests.Places;

/// <summary>What the maps are sent: the ledger's filtered cases, the dashboard's open cases and the grid's visit pins, each in the viewer's scope.</summary>
public sealed class MapPointsTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class Contexts(Func<FengqiaoDbContext> create) : IDbContextFactory<FengqiaoDbContext>
    {
        public FengqiaoDbContext CreateDbContext() => create();
    }

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

    private IDbContextFactory<FengqiaoDbContext> As(AccessScope scope) => new Contexts(() => fixture.Database.Context(new FixedAccessScopeProvider(scope)));

    /// <summary>Gives three 垦利区 cases and one 青浦区 case a point (the demo's own cases carry none).</summary>
    private async Task<(List<CaseRecord> Kenli, CaseRecord Qingpu)> LocateSomeCasesAsync()
    {
        await using var system = fixture.Database.Context();
        var kenli = await system.Cases.Where(c => c.DivisionCode.StartsWith("370505") && c.Latitude == null).OrderBy(c => c.TrackingCode).Take(3).ToListAsync(Ct);
        var qingpu = await system.Cases.Where(c => c.DivisionCode.StartsWith("310118") && c.Latitude == null).OrderBy(c => c.TrackingCode).FirstAsync(Ct);
        for (var i = 0; i < kenli.Count; i++)
        {
            kenli[i].Latitude = 37.58 + (i * 0.01);
            kenli[i].Longitude = 118.54 + (i * 0.01);
        }
        qingpu.Latitude = 31.15;
        qingpu.Longitude = 121.12;
        await system.SaveChangesAsync(Ct);
        return (kenli, qingpu);
    }

    private static LedgerFilter Always(CaseState? state = null) => new(TestTime.Now - Duration.FromDays(3660), TestTime.Now + Duration.FromDays(1), State: state);

    [Fact]
    public async Task The_ledger_map_gets_the_filtered_cases_in_the_viewers_scope_and_counts_those_without_a_point()
    {
        var (kenli, qingpu) = await LocateSomeCasesAsync();
        var (clerk, _, _) = await AccountAsync("clerk");
        var desk = new LedgerDesk(As(clerk));

        var all = await desk.PointsAsync(Always(), TestTime.Now, Ct);
        var codes = all.Points.Select(p => p.TrackingCode).ToHashSet();
        Assert.Superset(kenli.Select(c => c.TrackingCode).ToHashSet(), codes);
        Assert.DoesNotContain(qingpu.TrackingCode, codes);
        // Every case of the ledger is either drawn or counted in the caption.
        var registered = (await desk.TotalAsync(Always(), TestTime.Now, Ct)).Registered;
        Assert.Equal(registered, all.Points.Count + all.WithoutPoint);
        Assert.False(all.Truncated);
        var drawn = all.Points.Single(p => p.TrackingCode == kenli[0].TrackingCode);
        Assert.Equal(37.58, drawn.Latitude, 9);
        Assert.Equal(118.54, drawn.Longitude, 9);

        // The same filter as the rows: a state narrows the points too.
        var state = kenli[0].State;
        var narrowed = await desk.PointsAsync(Always(state), TestTime.Now, Ct);
        Assert.Contains(narrowed.Points, p => p.TrackingCode == kenli[0].TrackingCode);
        Assert.All(kenli.Where(c => c.State != state), c => Assert.DoesNotContain(narrowed.Points, p => p.TrackingCode == c.TrackingCode));
        Assert.All(narrowed.Points, p => Assert.Equal(state, p.State));

        var (qingpuClerk, _, _) = await AccountAsync("qingpu.clerk");
        var theirs = await new LedgerDesk(As(qingpuClerk)).PointsAsync(Always(), TestTime.Now, Ct);
        Assert.Contains(theirs.Points, p => p.TrackingCode == qingpu.TrackingCode);
        Assert.DoesNotContain(theirs.Points, p => kenli.Any(k => k.TrackingCode == p.TrackingCode));
    }

    [Fact]
    public async Task The_dashboard_map_gets_only_open_cases_in_scope()
    {
        var (kenli, qingpu) = await LocateSomeCasesAsync();
        var (clerk, _, _) = await AccountAsync("clerk");
        var open = await new CaseDashboard(As(clerk)).OpenPointsAsync(TestTime.Now, Ct);

        Assert.All(open.Points, p => Assert.NotEqual(CaseState.Closed, p.State));
        Assert.DoesNotContain(open.Points, p => p.TrackingCode == qingpu.TrackingCode);
        foreach (var c in kenli)
        {
            Assert.Equal(c.State != CaseState.Closed, open.Points.Any(p => p.TrackingCode == c.TrackingCode));
        }
        await using var system = fixture.Database.Context(new FixedAccessScopeProvider(clerk));
        Assert.Equal(await system.Cases.CountAsync(c => c.State != CaseState.Closed, Ct), open.Points.Count + open.WithoutPoint);
    }

    [Fact]
    public async Task A_visit_with_a_point_is_a_pin_on_the_grid_map_in_scope_and_a_case_raised_from_it_keeps_the_point()
    {
        var (scope, accountId, unitId) = await AccountAsync("grid");
        await using var db = fixture.Database.Context(new FixedAccessScopeProvider(scope));
        var desk = new GridDesk(db, new CaseWorkflow(db, CaseRules.Default, TestTime.Clock, fixture.Services.GetRequiredService<Fengqiao.Data.Security.PersonalDataProtector>(),
            new KnownReferences(), fixture.Services.GetRequiredService<Fengqiao.Data.Text.CaseMatterIndex>()), CaseRules.Default, TestTime.Clock);
        var gridCode = (await desk.MemberGridsAsync(accountId, Ct)).First().Code;
        var here = new GeoPoint(37.5912, 118.5487);

        var located = await desk.RecordVisitAsync(new NewInspectionVisit(gridCode, null, null, "沿河巡查",
            [new NewFinding("护栏松动", "河堤护栏两处松动", FindingSeverity.Serious, null)], here), accountId, Ct);
        var unlocated = await desk.RecordVisitAsync(new NewInspectionVisit(gridCode, null, null, "入户走访", []), accountId, Ct);

        var (pins, withoutPoint) = await desk.VisitPinsAsync(TestTime.Now - Duration.FromDays(1), ct: Ct);
        var pin = Assert.Single(pins, p => p.VisitId == located.Visit.Id);
        Assert.Equal(here.Latitude, pin.Latitude, 9);
        Assert.Equal(here.Longitude, pin.Longitude, 9);
        Assert.Equal(gridCode, pin.GridCode);
        Assert.Equal(1, pin.Findings);
        Assert.DoesNotContain(pins, p => p.VisitId == unlocated.Visit.Id);
        Assert.True(withoutPoint >= 1);

        var raised = await desk.RaiseCaseAsync(located.Findings[0].Id, accountId, unitId!.Value, CaseKind.Petition, null, null, Ct);
        Assert.Equal(here.Latitude, raised!.Latitude);
        Assert.Equal(here.Longitude, raised.Longitude);

        // Another district's clerk sees no pin of this grid.
        var (qingpu, _, _) = await AccountAsync("qingpu.clerk");
        await using var other = fixture.Database.Context(new FixedAccessScopeProvider(qingpu));
        var otherDesk = new GridDesk(other, new CaseWorkflow(other, CaseRules.Default, TestTime.Clock, fixture.Services.GetRequiredService<Fengqiao.Data.Security.PersonalDataProtector>(),
            new KnownReferences(), fixture.Services.GetRequiredService<Fengqiao.Data.Text.CaseMatterIndex>()), CaseRules.Default, TestTime.Clock);
        var (theirPins, _) = await otherDesk.VisitPinsAsync(TestTime.Now - Duration.FromDays(1), ct: Ct);
        Assert.DoesNotContain(theirPins, p => p.VisitId == located.Visit.Id);
    }

    [Fact]
    public async Task A_village_is_drawn_at_the_mean_of_its_located_cases_and_villages_without_any_are_absent()
    {
        await using var system = fixture.Database.Context();
        var village = await system.Cases.Where(c => c.DivisionCode.StartsWith("370505") && c.DivisionCode.Length == 12 && c.Latitude == null)
            .GroupBy(c => c.DivisionCode).Where(g => g.Count() >= 2).Select(g => g.Key).OrderBy(k => k).FirstAsync(Ct);
        var two = await system.Cases.Where(c => c.DivisionCode == village).OrderBy(c => c.TrackingCode).Take(2).ToListAsync(Ct);
        (two[0].Latitude, two[0].Longitude) = (37.60, 118.50);
        (two[1].Latitude, two[1].Longitude) = (37.62, 118.54);
        await system.SaveChangesAsync(Ct);
        var (clerk, _, _) = await AccountAsync("clerk");
        await using var db = fixture.Database.Context(new FixedAccessScopeProvider(clerk));
        var desk = new Fengqiao.Data.VillageAssessment.VillageAssessmentDesk(db, TestTime.Clock);

        var town = village[..9];
        var centres = await desk.VillageCentresAsync(town, Ct);

        var (centre, cases) = centres[village];
        var located = await system.Cases.CountAsync(c => c.DivisionCode == village && c.Latitude != null, Ct);
        Assert.Equal(located, cases);
        if (located == 2)
        {
            Assert.Equal(37.61, centre.Latitude, 9);
            Assert.Equal(118.52, centre.Longitude, 9);
        }
        var rows = await system.Cases.Where(c => c.DivisionCode.StartsWith(town) && c.DivisionCode.Length == 12)
            .Select(c => new { c.DivisionCode, Located = c.Latitude != null }).ToListAsync(Ct);
        var unlocated = rows.GroupBy(r => r.DivisionCode).Where(g => g.All(r => !r.Located)).Select(g => g.Key).ToList();
        Assert.All(unlocated, v => Assert.False(centres.ContainsKey(v)));
    }
}
