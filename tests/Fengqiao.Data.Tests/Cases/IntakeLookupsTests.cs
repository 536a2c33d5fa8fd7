using Fengqiao.Core.Cases;
using Fengqiao.Core.Organisations;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Security;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fengqiao.Data.Tests.Cases;

/// <summary>
/// Intake's batched reads: lookups queued while a read runs are answered by one read, each with only the rows it
/// asked for, exactly as the same lookup read alone; the named cases come unfiltered and each asker applies its scope.
/// </summary>
public sealed class IntakeLookupsTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    private const string KenliVillage = "370505001001";

    private async Task<(CaseRecord Case, string PhoneIndex)> RegisterAsync(string title, string phone)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        await using var db = fixture.Database.Context();
        var bureau = (await db.Units.SingleAsync(u => u.Name == "垦利区信访局", TestContext.Current.CancellationToken)).Id;
        var result = await sp.GetRequiredService<CaseWorkflow>().RegisterAsync(new NewCase(CaseKind.Petition, CaseChannel.Visit, title, "批量查询测试", KenliVillage, null, null, false,
            [new NewParty("王建国", null, phone, false)], null, bureau, "clerk", null, null), "clerk", TestContext.Current.CancellationToken);
        var protector = sp.GetRequiredService<PersonalDataProtector>();
        await protector.EnsureReadyAsync(TestContext.Current.CancellationToken);
        return (result.Case, protector.PhoneIndex(phone));
    }

    [Fact]
    public async Task Lookups_queued_behind_a_read_are_answered_together_each_with_its_own_rows()
    {
        var run = Random.Shared.Next(1_000_000, 9_999_999);
        var a = await RegisterAsync("批量查询 甲 " + run, $"1350{run}");
        var b = await RegisterAsync("批量查询 乙 " + run, $"1360{run}");
        var c = await RegisterAsync("批量查询 丙 " + run, $"1370{run}");
        var lookupA = new IntakeLookup([], [a.PhoneIndex], []);
        var lookupB = new IntakeLookup([], [b.PhoneIndex], [c.Case.Id]);
        var lookupC = new IntakeLookup([], [], [a.Case.Id, c.Case.Id, Guid.NewGuid()]);

        using var gate = new ManualResetEventSlim(false);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var contexts = 0;
        await using var lookups = new IntakeLookups(() =>
        {
            if (Interlocked.Increment(ref contexts) == 1)
            {
                held.TrySetResult();
                gate.Wait(TimeSpan.FromSeconds(30));
            }
            return fixture.Database.Context();
        });
        var first = lookups.LookUpAsync(lookupA);
        await held.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var second = lookups.LookUpAsync(lookupB);
        var third = lookups.LookUpAsync(lookupC);
        gate.Set();
        var answers = await Task.WhenAll(first, second, third);

        // The first read alone, then the two that queued behind it in one.
        Assert.Equal((2L, 3L), lookups.Counts);
        Assert.Equal([a.Case.Id], answers[0].SamePerson.Select(r => r.Id));
        Assert.Empty(answers[0].Cases);
        Assert.Equal([b.Case.Id], answers[1].SamePerson.Select(r => r.Id));
        Assert.Equal([c.Case.Id], answers[1].Cases.Select(r => r.Id));
        Assert.Empty(answers[2].SamePerson);
        Assert.Equal([a.Case.Id, c.Case.Id], answers[2].Cases.Select(r => r.Id));

        // The same rows as each lookup read alone on a context of its own.
        await using var db = fixture.Database.Context();
        foreach (var (lookup, answer) in new[] { lookupA, lookupB, lookupC }.Zip(answers))
        {
            var alone = (await IntakeLookups.QueryAsync(db, [lookup], TestContext.Current.CancellationToken))[0];
            Assert.Equal(alone.SamePerson, answer.SamePerson);
            Assert.Equal(alone.Cases.OrderBy(r => r.Id), answer.Cases.OrderBy(r => r.Id));
        }
    }

    [Fact]
    public async Task A_lookup_with_nothing_to_ask_is_answered_without_a_read_and_a_failed_read_fails_its_askers()
    {
        await using var broken = new IntakeLookups(() => throw new InvalidOperationException("数据库不可用 (database down)"));

        var nothing = await broken.LookUpAsync(new IntakeLookup([], [], []));
        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => broken.LookUpAsync(new IntakeLookup([], ["x"], [])));

        Assert.Empty(nothing.SamePerson);
        Assert.Empty(nothing.Cases);
        Assert.Contains("database down", failed.Message, StringComparison.Ordinal);
        Assert.Equal((0L, 0L), broken.Counts);
    }

    [Fact]
    public async Task A_named_case_is_visible_by_the_scope_rule_of_core()
    {
        var run = Random.Shared.Next(1_000_000, 9_999_999);
        var stored = await RegisterAsync("批量查询 范围 " + run, $"1380{run}");
        await using var db = fixture.Database.Context();
        var row = Assert.Single((await IntakeLookups.QueryAsync(db, [new IntakeLookup([], [], [stored.Case.Id])], TestContext.Current.CancellationToken))[0].Cases);
        var otherUnit = await db.Units.Where(u => u.Id != stored.Case.RegisteringUnitId && u.Id != stored.Case.HandlingUnitId).Select(u => u.Id).FirstAsync(TestContext.Current.CancellationToken);

        Assert.True(row.VisibleTo(new AccessScope(ScopeKind.Unit, stored.Case.RegisteringUnitId, null, "clerk")));
        Assert.True(row.VisibleTo(new AccessScope(ScopeKind.Area, otherUnit, DivisionCode.Parse("370505"), "leader")));
        Assert.False(row.VisibleTo(new AccessScope(ScopeKind.Area, otherUnit, DivisionCode.Parse("310118"), "leader")));
        Assert.False(row.VisibleTo(new AccessScope(ScopeKind.Unit, otherUnit, null, "handler")));
        Assert.False(row.VisibleTo(AccessScope.Nobody));
        Assert.True(row.VisibleTo(AccessScope.System));
    }
}
