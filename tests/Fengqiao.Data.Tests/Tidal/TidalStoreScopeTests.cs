using Fengqiao.Core.Organisations;
using Fengqiao.Data.People;
using Fengqiao.Data.Infrastructure;
using Fengqiao.Data.Scope;
using Fengqiao.Data.Seeding;
using Fengqiao.Data.Tidal;
using Fengqiao.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Fengqiao.Data.Tests.Tidal;

/// <summary>
/// Tidal working sets belong to a unit: for every demo account, the datasets and plans the store lists and opens are
/// exactly its own unit's (all of them for an administrator), and what an account stores is its unit's.
/// </summary>
public sealed class TidalStoreScopeTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
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
        var unit = user.UnitId is { } id ? await db.Units.SingleAsync(u => u.Id == id) : null;
        return AccessScope.For(roles, user.Id, unit?.Id, unit is null ? null : DivisionCode.Parse(unit.DivisionCode));
    }

    private TidalStore StoreFor(AccessScope scope) =>
        new(new FengqiaoDbContextFactory(fixture.Database.Settings, new FixedAccessScopeProvider(scope)));

    /// <summary>Two police centres' working sets, each with a plan, and one from before units owned them.</summary>
    private async Task EnsureWorkingSetsAsync()
    {
        await using var system = fixture.Database.Context();
        if (await system.TidalDatasets.AnyAsync(Ct))
        {
            return;
        }

        var centres = await system.Units.Where(u => u.Kind == UnitKind.PoliceCommand && (u.DivisionCode == "370505" || u.DivisionCode == "310118")).ToListAsync(Ct);
        Assert.Equal(2, centres.Count);
        foreach (var unit in centres.Select(c => (Guid?)c.Id).Append(null))
        {
            var dataset = new TidalDatasetRecord { UnitId = unit, Name = $"set-{unit}", ImportedBy = "test", ErrorsJson = "[]" };
            system.TidalDatasets.Add(dataset);
            await system.SaveChangesAsync(Ct);
            system.TidalPlans.Add(new TidalPlanRecord { DatasetId = dataset.Id, CreatedBy = "test", Payload = [1, 2, 3], CreatedAt = Instant.FromUtc(2026, 11, 25, 2, 0) });
            await system.SaveChangesAsync(Ct);
        }
    }

    [Theory]
    [MemberData(nameof(Accounts))]
    public async Task Each_account_lists_and_opens_exactly_its_own_units_tidal_plans(string userName)
    {
        await EnsureWorkingSetsAsync();
        var scope = await ScopeOfAsync(userName);
        await using var system = fixture.Database.Context();
        var all = await (from p in system.TidalPlans join d in system.TidalDatasets on p.DatasetId equals d.Id select new { p.Id, d.UnitId }).ToListAsync(Ct);
        var expected = all.Where(x => scope.SeesAll || (scope.Kind >= ScopeKind.Unit && x.UnitId is { } unit && scope.UnitId == unit)).Select(x => x.Id).Order().ToList();

        var store = StoreFor(scope);
        var listed = store.Plans().Select(p => p.Id).Order().ToList();
        Assert.Equal(expected, listed);
        foreach (var plan in all)
        {
            // Every listed row opens; every other answers as if it did not exist.
            Assert.Equal(listed.Contains(plan.Id), store.PlanPayload(plan.Id) is not null);
        }

        var latest = store.LatestDatasetId();
        Assert.True(latest == 0 || store.Dataset(latest) is not null);
    }

    [Fact]
    public async Task What_a_planner_stores_is_their_units_and_another_districts_planner_does_not_see_it()
    {
        await EnsureWorkingSetsAsync();
        var police = await ScopeOfAsync("police");
        var qingpu = AccessScope.For([StaffRole.PolicePlanner], "qingpu-planner", (await CentreAsync("310118")), DivisionCode.Parse("310118"));
        var id = StoreFor(police).AddDataset(new TidalDatasetRecord { Name = "police-import", ImportedBy = "police", ErrorsJson = "[]" });

        await using var system = fixture.Database.Context();
        Assert.Equal(police.UnitId, (await system.TidalDatasets.SingleAsync(d => d.Id == id, Ct)).UnitId);
        Assert.Equal(id, StoreFor(police).LatestDatasetId());
        Assert.NotEqual(id, StoreFor(qingpu).LatestDatasetId());
        Assert.Null(StoreFor(qingpu).Dataset(id));
        // Nor can they overwrite a plan of 370505's: to them it does not exist.
        var policePlan = await system.TidalPlans.FirstAsync(p => system.TidalDatasets.Any(d => d.Id == p.DatasetId && d.UnitId == police.UnitId), Ct);
        Assert.Throws<InvalidOperationException>(() => StoreFor(qingpu).SavePlan(policePlan.DatasetId, [1], 0, Instant.FromUtc(2026, 11, 25, 2, 0), "x", (policePlan.Id, policePlan.Version)));
    }

    private async Task<Guid> CentreAsync(string district)
    {
        await using var system = fixture.Database.Context();
        return (await system.Units.SingleAsync(u => u.Kind == UnitKind.PoliceCommand && u.DivisionCode == district, Ct)).Id;
    }
}
