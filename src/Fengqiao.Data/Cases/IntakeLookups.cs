using System.Threading.Channels;
using Fengqiao.Core.Organisations;
using Fengqiao.Data.Infrastructure;
using Fengqiao.Data.Scope;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Cases;

/// <summary>One party row of an earlier case that may be the same person's (by resident, or by phone).</summary>
public sealed record SamePersonRow(Guid Id, string TrackingCode, string Title, string? Detail, string? CategoryCode, string? Phone, string Name, Guid? ResidentId, Instant RegisteredAt);

/// <summary>A stored case the near-duplicate index named, with what the scope rule needs.</summary>
public sealed record MatterCaseRow(Guid Id, string TrackingCode, string Title, Instant RegisteredAt, string DivisionCode, Guid RegisteringUnitId, Guid? HandlingUnitId, string? ResidentAccountId, string? ContractLeaderStaffIds)
{
    /// <summary>The scope rule of Core, the one the cases' query filter applies in SQL.</summary>
    public bool VisibleTo(AccessScope scope) =>
        scope.Permits(Core.Organisations.DivisionCode.TryParse(DivisionCode, out var code, out _) ? code : null, RegisteringUnitId, HandlingUnitId, ResidentAccountId, ContractLeaderStaffIds);
}

/// <summary>
/// What one registration asks before it is stored: the case already stored under its idempotency key (a retry), the
/// earlier cases of its people, and the named cases.
/// </summary>
public sealed record IntakeLookup(IReadOnlyCollection<Guid> ResidentIds, IReadOnlyCollection<string> PhoneIndexes, IReadOnlyCollection<Guid> CaseIds, string? Key = null)
{
    /// <summary>Only the case stored under <paramref name="key"/>, asked before anything else is done.</summary>
    public static IntakeLookup ForKey(string key) => new([], [], [], key);
}

/// <summary>The rows of one <see cref="IntakeLookup"/>: unfiltered by scope (the asker applies its own).</summary>
public sealed record IntakeLookupRows(IReadOnlyList<SamePersonRow> SamePerson, IReadOnlyList<MatterCaseRow> Cases, CaseRecord? Stored = null);

/// <summary>
/// The reads every registration makes before it is stored (the same person's earlier cases, and the cases the
/// near-duplicate index named), answered for all registrations waiting at once: one query per kind for the lot
/// instead of two round trips each. At a thousand registrations a second those round trips, and the planning
/// PostgreSQL does for the person query each time (its array parameters make it choose a custom plan), cost more
/// than the queries themselves. Rows are read past the scope filters; each asker filters the named cases by its own
/// scope with Core's rule (<see cref="MatterCaseRow.VisibleTo"/>).
/// </summary>
/// <remarks>
/// One reader per process. A lookup waits at most for the batch before it; when idle it is answered at once.
/// <see cref="QueryAsync"/> is the same read for a single registration, on the caller's context, used where no
/// batching service is registered (tools, tests).
/// </remarks>
public sealed class IntakeLookups : IAsyncDisposable, IDisposable
{
    /// <summary>At most this many registrations in one read, so the arrays stay small for the planner.</summary>
    public const int MaxBatch = 128;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<FengqiaoDbContext> _contexts;
    private readonly Task _reader;
    private long _batches;
    private long _answered;

    public IntakeLookups(DatabaseSettings settings)
        : this(ForReads(settings))
    {
    }

    /// <param name="contexts">A new context per batch, in the system's scope: rows are filtered by each asker.</param>
    public IntakeLookups(Func<FengqiaoDbContext> contexts)
    {
        _contexts = contexts;
        _reader = Task.Run(ReadAsync);
    }

    private static Func<FengqiaoDbContext> ForReads(DatabaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var reads = settings.ForRepeatedBatchReads();
        return () => reads.CreateContext(new SystemAccessScopeProvider());
    }

    /// <summary>Batches read and lookups answered so far (for the benchmark's report and the tests).</summary>
    public (long Batches, long Answered) Counts => (Interlocked.Read(ref _batches), Interlocked.Read(ref _answered));

    /// <summary>Answers this lookup with the next batch.</summary>
    public Task<IntakeLookupRows> LookUpAsync(IntakeLookup lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        if (lookup.ResidentIds.Count == 0 && lookup.PhoneIndexes.Count == 0 && lookup.CaseIds.Count == 0 && lookup.Key is null)
        {
            return Task.FromResult(new IntakeLookupRows([], []));
        }
        var pending = new Pending(lookup);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(IntakeLookups), "登记查询已停止 (intake lookups have stopped: the node is shutting down)");
        }
        return pending.Done.Task;
    }

    /// <summary>
    /// The read for several lookups on one context, past its scope filters: the rows each lookup asked for, in the
    /// order of <paramref name="lookups"/>.
    /// </summary>
    public static async Task<IReadOnlyList<IntakeLookupRows>> QueryAsync(FengqiaoDbContext db, IReadOnlyList<IntakeLookup> lookups, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(lookups);
        var residentIds = lookups.SelectMany(l => l.ResidentIds).Distinct().ToList();
        var phones = lookups.SelectMany(l => l.PhoneIndexes).Distinct(StringComparer.Ordinal).ToList();
        var caseIds = lookups.SelectMany(l => l.CaseIds).Distinct().ToList();
        var keys = lookups.Where(l => l.Key is not null).Select(l => l.Key!).Distinct(StringComparer.Ordinal).ToList();
        List<SamePersonRow> people = residentIds.Count == 0 && phones.Count == 0 ? [] : await SamePersonQuery(db, residentIds, phones).ToListAsync(cancellationToken);
        List<MatterCaseRow> cases = caseIds.Count == 0 ? [] : await MatterCasesQuery(db, caseIds).ToListAsync(cancellationToken);
        var stored = keys.Count == 0 ? [] : await StoredUnderKeysQuery(db, keys).ToDictionaryAsync(c => c.IdempotencyKey!, StringComparer.Ordinal, cancellationToken);
        if (lookups.Count == 1)
        {
            return [new IntakeLookupRows(people, cases, Stored(lookups[0]))];
        }
        var byId = cases.ToDictionary(c => c.Id);
        return [.. lookups.Select(l => new IntakeLookupRows(
            [.. people.Where(p => (p.ResidentId is { } r && l.ResidentIds.Contains(r)) || (p.Phone is { } phone && l.PhoneIndexes.Contains(phone)))],
            [.. l.CaseIds.Where(byId.ContainsKey).Select(id => byId[id])],
            Stored(l)))];

        CaseRecord? Stored(IntakeLookup l) => l.Key is { } key ? stored.GetValueOrDefault(key) : null;
    }

    /// <summary>Stops taking lookups and waits for the queued ones to be answered.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _reader.ConfigureAwait(false);
    }

    /// <summary>For a container disposed synchronously (a tool's): the same drain, waited for.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _reader.GetAwaiter().GetResult();
    }

    private async Task ReadAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }
            try
            {
                await using var db = _contexts();
                var rows = await QueryAsync(db, [.. batch.Select(p => p.Lookup)]).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(rows[i]);
                }
                Interlocked.Increment(ref _batches);
                Interlocked.Add(ref _answered, batch.Count);
            }
#pragma warning disable CA1031 // Handed to every waiting registration, which fails as its own read would have.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                foreach (var pending in batch)
                {
                    pending.Done.TrySetException(ex);
                }
            }
            batch.Clear();
        }
    }

    // Compiled once: intake runs these for every batch, and EF's per-call expression work is then skipped.
    private static readonly Func<FengqiaoDbContext, List<Guid>, List<string>, IAsyncEnumerable<SamePersonRow>> SamePersonQuery =
        EF.CompileAsyncQuery((FengqiaoDbContext db, List<Guid> residentIds, List<string> phones) =>
            from party in db.CaseParties.IgnoreQueryFilters()
            join c in db.Cases.IgnoreQueryFilters() on party.CaseId equals c.Id
            where (party.ResidentId != null && residentIds.Contains(party.ResidentId.Value)) || (party.PhoneIndex != null && phones.Contains(party.PhoneIndex))
            select new SamePersonRow(c.Id, c.TrackingCode, c.Title, c.Detail, c.CategoryCode, party.PhoneIndex, party.Name, party.ResidentId, c.RegisteredAt));

    private static readonly Func<FengqiaoDbContext, List<Guid>, IAsyncEnumerable<MatterCaseRow>> MatterCasesQuery =
        EF.CompileAsyncQuery((FengqiaoDbContext db, List<Guid> ids) =>
            db.Cases.IgnoreQueryFilters().AsNoTracking().Where(c => ids.Contains(c.Id))
                .Select(c => new MatterCaseRow(c.Id, c.TrackingCode, c.Title, c.RegisteredAt, c.DivisionCode, c.RegisteringUnitId, c.HandlingUnitId, c.ResidentAccountId, c.ContractLeaderStaffIds)));

    private static readonly Func<FengqiaoDbContext, List<string>, IAsyncEnumerable<CaseRecord>> StoredUnderKeysQuery =
        EF.CompileAsyncQuery((FengqiaoDbContext db, List<string> keys) =>
            db.Cases.IgnoreQueryFilters().AsNoTracking().Where(c => c.IdempotencyKey != null && keys.Contains(c.IdempotencyKey)));

    private sealed class Pending(IntakeLookup lookup)
    {
        public IntakeLookup Lookup { get; } = lookup;

        public TaskCompletionSource<IntakeLookupRows> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
