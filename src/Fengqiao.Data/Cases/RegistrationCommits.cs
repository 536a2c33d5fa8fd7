using System.Threading.Channels;
using Fengqiao.Data.Infrastructure;
using Fengqiao.Data.Scope;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data.Cases;

/// <summary>
/// Group commit for registrations (登记). The registrations that arrive while the previous save is running are saved
/// together: one transaction, one batch of inserts and one roll-up upsert instead of a transaction, a commit and the
/// round trips around them for each case. A registration is acknowledged only after its batch commits, so "saw
/// 201" still means "stored". When a batch breaks a unique key (a retried idempotency key, one new person registered
/// twice at once), each of its registrations is saved alone, so only the offending one fails, with the error a
/// single save would have given.
/// </summary>
/// <remarks>
/// One writer per process: on one node saves no longer queue on each other's commits, and several nodes still
/// commit side by side (the unique indexes and the roll-up's atomic upsert are what keep them apart).
/// </remarks>
public sealed class RegistrationCommits : IAsyncDisposable, IDisposable
{
    /// <summary>At most this many registrations in one transaction, so one batch never holds locks for long.</summary>
    public const int MaxBatch = 64;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<FengqiaoDbContext> _contexts;
    private readonly Task _writer;
    private long _batches;
    private long _saved;
    private int _queued;

    public RegistrationCommits(DatabaseSettings settings)
        : this(() => settings.CreateContext(new SystemAccessScopeProvider()))
    {
    }

    /// <param name="contexts">A new context per batch, in the system's scope: inserts are not filtered, and the caller checked scope.</param>
    public RegistrationCommits(Func<FengqiaoDbContext> contexts)
    {
        _contexts = contexts;
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>Batches committed and registrations saved so far (for the benchmark's report and the tests).</summary>
    public (long Batches, long Saved) Counts => (Interlocked.Read(ref _batches), Interlocked.Read(ref _saved));

    /// <summary>Registrations queued and not yet taken into a batch.</summary>
    internal int Queued => Volatile.Read(ref _queued);

    /// <summary>Saves these new entities (one registration) in the next batch; completes when they are committed.</summary>
    public Task SaveAsync(IReadOnlyList<object> added)
    {
        ArgumentNullException.ThrowIfNull(added);
        var pending = new Pending(added);
        Interlocked.Increment(ref _queued);
        if (!_queue.Writer.TryWrite(pending))
        {
            Interlocked.Decrement(ref _queued);
            throw new ObjectDisposedException(nameof(RegistrationCommits), "登记写入已停止 (registration saving has stopped: the node is shutting down)");
        }
        return pending.Done.Task;
    }

    /// <summary>Stops taking registrations and waits for the queued ones to be saved.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    /// <summary>For a container disposed synchronously (a tool's): the same drain, waited for.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _writer.GetAwaiter().GetResult();
    }

    private async Task WriteAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                Interlocked.Decrement(ref _queued);
            }
            await SaveBatchAsync(batch).ConfigureAwait(false);
            batch.Clear();
        }
    }

    private async Task SaveBatchAsync(List<Pending> batch)
    {
        if (batch.Count > 1)
        {
            try
            {
                await SaveAsync(batch).ConfigureAwait(false);
                foreach (var pending in batch)
                {
                    pending.Done.TrySetResult();
                }
                return;
            }
#pragma warning disable CA1031 // Any failure of the group is retried one by one; each single save reports its own error.
            catch (Exception)
#pragma warning restore CA1031
            {
                foreach (var pending in batch)
                {
                    ForgetStoreGeneratedKeys(pending.Added);
                }
            }
        }
        foreach (var pending in batch)
        {
            try
            {
                await SaveAsync([pending]).ConfigureAwait(false);
                pending.Done.TrySetResult();
            }
#pragma warning disable CA1031 // Handed to the waiting request, which reports it as a single save would have.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                pending.Done.TrySetException(ex);
            }
        }
    }

    private async Task SaveAsync(IReadOnlyList<Pending> batch)
    {
        await using var db = _contexts();
        foreach (var pending in batch)
        {
            foreach (var entity in pending.Added)
            {
                db.Add(entity);
            }
        }
        await db.SaveChangesAsync().ConfigureAwait(false);
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _saved, batch.Count);
    }

    // A failed batch may have read event ids back before a later statement failed; the rolled-back ids are not theirs.
    private static void ForgetStoreGeneratedKeys(IReadOnlyList<object> added)
    {
        foreach (var entity in added)
        {
            if (entity is CaseEvent e)
            {
                e.Id = 0;
            }
        }
    }

    private sealed class Pending(IReadOnlyList<object> added)
    {
        public IReadOnlyList<object> Added { get; } = added;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
