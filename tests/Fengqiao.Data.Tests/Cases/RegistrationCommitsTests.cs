using Fengqiao.Core.Audit;
using Fengqiao.Core.Cases;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Security;
using Fengqiao.Data.Text;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Fengqiao.Data.Tests.Cases;

/// <summary>
/// Group commit of registrations: the ones queued while a save runs go in one transaction; a batch that breaks a
/// unique key is saved one by one, so only the offender fails; a caller's own transaction is never joined.
/// </summary>
public sealed class RegistrationCommitsTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    private const string KenliVillage = "370505001001";

    /// <summary>A writer whose first save waits for <see cref="Open"/>, so the test decides what queues behind it.</summary>
    private sealed class HeldWriter : IAsyncDisposable
    {
        private readonly ManualResetEventSlim _gate = new(false);
        private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _contexts;

        public HeldWriter(TestDatabase database) => Commits = new RegistrationCommits(() =>
        {
            if (Interlocked.Increment(ref _contexts) == 1)
            {
                _held.TrySetResult();
                _gate.Wait(TimeSpan.FromSeconds(30));
            }
            return database.Context();
        });

        public RegistrationCommits Commits { get; }

        public void Open() => _gate.Set();

        /// <summary>Until the first batch is being saved (and held): what is registered from now on queues behind it.</summary>
        public Task HeldAsync() => _held.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        public async Task WaitForQueuedAsync(int count)
        {
            for (var i = 0; i < 600 && Commits.Queued < count; i++)
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }
            Assert.Equal(count, Commits.Queued);
        }

        public async ValueTask DisposeAsync()
        {
            _gate.Set();
            await Commits.DisposeAsync();
            _gate.Dispose();
        }
    }

    private async Task<IntakeResult> RegisterAsync(RegistrationCommits commits, NewCase request)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var workflow = new CaseWorkflow(sp.GetRequiredService<FengqiaoDbContext>(), sp.GetRequiredService<CaseRules>(), sp.GetRequiredService<IClock>(),
            sp.GetRequiredService<PersonalDataProtector>(), sp.GetRequiredService<KnownReferences>(), sp.GetRequiredService<CaseMatterIndex>(),
            sp.GetService<TrackingNumberBlocks>(), commits);
        return await workflow.RegisterAsync(request, "clerk", TestContext.Current.CancellationToken);
    }

    private async Task<NewCase> RequestAsync(string title, string phone, string? key)
    {
        await using var db = fixture.Database.Context();
        var bureau = (await db.Units.SingleAsync(u => u.Name == "垦利区信访局", TestContext.Current.CancellationToken)).Id;
        return new NewCase(CaseKind.Petition, CaseChannel.Visit, title, "成批保存测试", KenliVillage, null, null, false,
            [new NewParty("李秀英", null, phone, false)], null, bureau, "clerk", null, key);
    }

    private async Task AssertStoredOnceWithAValidChainAsync(string trackingCode)
    {
        await using var db = fixture.Database.Context();
        var stored = await db.Cases.Where(c => c.TrackingCode == trackingCode).ToListAsync(TestContext.Current.CancellationToken);
        var record = Assert.Single(stored);
        var events = await db.CaseEvents.Where(e => e.CaseId == record.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(CaseEventKinds.Registered, Assert.Single(events).Kind);
        Assert.Null(EventChain.FirstBrokenLink(events.Select(e => (CaseEventLog.ToLink(e), e.PreviousHash, e.Hash))));
        Assert.Single(await db.CaseParties.Where(p => p.CaseId == record.Id).ToListAsync(TestContext.Current.CancellationToken));
    }

    private async Task<int> RegisteredInRollupAsync()
    {
        await using var db = fixture.Database.Context();
        return await db.CaseKpiRollups.SumAsync(r => r.Registered, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Registrations_queued_behind_a_save_are_committed_together_and_each_is_stored_once()
    {
        await using var writer = new HeldWriter(fixture.Database);
        var rollupBefore = await RegisteredInRollupAsync();
        var run = Guid.NewGuid().ToString("N")[..8];

        var first = RegisterAsync(writer.Commits, await RequestAsync("成批保存 首件 " + run, "13900000000", $"{run}-0"));
        await writer.HeldAsync();
        var queued = new List<Task<IntakeResult>>();
        for (var i = 1; i <= 12; i++)
        {
            queued.Add(RegisterAsync(writer.Commits, await RequestAsync($"成批保存 第 {i} 件 {run}", $"139000000{i:00}", $"{run}-{i}")));
        }
        await writer.WaitForQueuedAsync(12);
        writer.Open();
        var results = await Task.WhenAll(queued.Prepend(first));

        Assert.All(results, r => Assert.False(r.Replayed));
        Assert.Equal(13, results.Select(r => r.Case.TrackingCode).Distinct().Count());
        // The first save alone, then the twelve that queued behind it in one transaction.
        Assert.Equal((2L, 13L), writer.Commits.Counts);
        foreach (var result in results)
        {
            await AssertStoredOnceWithAValidChainAsync(result.Case.TrackingCode);
        }
        Assert.Equal(rollupBefore + 13, await RegisteredInRollupAsync());
    }

    [Fact]
    public async Task A_batch_holding_one_key_twice_saves_the_others_and_answers_the_second_with_the_first()
    {
        // A retry of a stored case never reaches the writer (RetriedRegistrationTests); two submissions of one new key
        // at once both do, and meet in one batch at the unique index.
        var run = Guid.NewGuid().ToString("N")[..8];
        await using var writer = new HeldWriter(fixture.Database);
        var rollupBefore = await RegisteredInRollupAsync();

        var first = RegisterAsync(writer.Commits, await RequestAsync("成批保存 挡路 " + run, "13700000001", $"{run}-a"));
        await writer.HeldAsync();
        var twice = await RequestAsync("成批保存 乙 " + run, "13700000002", $"{run}-b");
        var b = RegisterAsync(writer.Commits, twice);
        var again = RegisterAsync(writer.Commits, twice);
        var c = RegisterAsync(writer.Commits, await RequestAsync("成批保存 丙 " + run, "13700000003", $"{run}-c"));
        await writer.WaitForQueuedAsync(3);
        writer.Open();
        var results = await Task.WhenAll(first, b, again, c);

        Assert.Single([results[1], results[2]], r => r.Replayed);
        Assert.Equal(results[1].Case.TrackingCode, results[2].Case.TrackingCode);
        Assert.All([results[0], results[3]], r => Assert.False(r.Replayed));
        await using var db = fixture.Database.Context();
        Assert.Equal(1, await db.Cases.CountAsync(x => x.IdempotencyKey == twice.IdempotencyKey, TestContext.Current.CancellationToken));
        foreach (var result in results)
        {
            await AssertStoredOnceWithAValidChainAsync(result.Case.TrackingCode);
        }
        // The failed batch left nothing behind: one alone, then the two good ones one by one after the group failed.
        Assert.Equal((3L, 3L), writer.Commits.Counts);
        Assert.Equal(rollupBefore + 3, await RegisteredInRollupAsync());
    }

    [Fact]
    public async Task Inside_a_callers_transaction_the_case_is_saved_with_it_and_rolled_back_with_it()
    {
        await using var commits = new RegistrationCommits(() => fixture.Database.Context());
        var request = await RequestAsync("成批保存 事务内 " + Guid.NewGuid().ToString("N")[..8], "13600000000", Guid.NewGuid().ToString());
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            var db = sp.GetRequiredService<FengqiaoDbContext>();
            var workflow = new CaseWorkflow(db, sp.GetRequiredService<CaseRules>(), sp.GetRequiredService<IClock>(),
                sp.GetRequiredService<PersonalDataProtector>(), sp.GetRequiredService<KnownReferences>(), sp.GetRequiredService<CaseMatterIndex>(), null, commits);
            await using var transaction = await db.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
            await workflow.RegisterAsync(request, "clerk", TestContext.Current.CancellationToken);
            await transaction.RollbackAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal((0L, 0L), commits.Counts);
        await using var check = fixture.Database.Context();
        Assert.False(await check.Cases.AnyAsync(c => c.IdempotencyKey == request.IdempotencyKey, TestContext.Current.CancellationToken));
    }
}
