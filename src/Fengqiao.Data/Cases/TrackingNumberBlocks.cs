using System.Collections.Concurrent;

namespace Fengqiao.Data.Cases;

/// <summary>
/// Hands out tracking numbers from blocks each node reserves in the database (hi/lo). One reservation serves
/// <see cref="BlockSize"/> registrations, so intake no longer queues on the hot (district, year) counter row and pays
/// its separate commit on every case. Numbers stay unique across nodes. Two things a single counter did not do:
/// a node's unused numbers are skipped when it stops (gaps), and codes from different nodes interleave out of
/// registration order. Neither breaks a tracking code's purpose, which is to be unique and readable.
/// </summary>
public sealed class TrackingNumberBlocks(int blockSize = TrackingNumberBlocks.DefaultBlockSize)
{
    public const int DefaultBlockSize = 32;

    private readonly ConcurrentDictionary<(string Prefix, int Year), Block> _blocks = new();

    public int BlockSize { get; } = blockSize >= 1 ? blockSize : throw new ArgumentOutOfRangeException(nameof(blockSize));

    /// <summary>The next number for (prefix, year). Inside a caller's transaction it takes a single number in that
    /// transaction instead: a reservation rolled back with it would otherwise leave numbers in memory that the
    /// database no longer counts as taken.</summary>
    public async Task<int> NextAsync(FengqiaoDbContext db, string prefix, int year, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is not null)
        {
            return await CaseCodes.ReserveAsync(db, prefix, year, 1, cancellationToken);
        }
        var block = _blocks.GetOrAdd((prefix, year), _ => new Block());
        if (block.TryTake(out var number))
        {
            return number;
        }
        await block.Refill.WaitAsync(cancellationToken);
        try
        {
            if (block.TryTake(out number))
            {
                return number;
            }
            var last = await CaseCodes.ReserveAsync(db, prefix, year, BlockSize, cancellationToken);
            return block.Start(last - BlockSize + 1, last);
        }
        finally
        {
            block.Refill.Release();
        }
    }

    private sealed class Block
    {
        private readonly Lock _gate = new();
        private int _next;
        private int _end = -1;

        /// <summary>One reservation at a time per (prefix, year); the others wait for it rather than reserve too.</summary>
        public SemaphoreSlim Refill { get; } = new(1, 1);

        public bool TryTake(out int number)
        {
            lock (_gate)
            {
                if (_next <= _end)
                {
                    number = _next++;
                    return true;
                }
                number = 0;
                return false;
            }
        }

        /// <summary>Takes the first number of a fresh reservation [first, last] and keeps the rest.</summary>
        public int Start(int first, int last)
        {
            lock (_gate)
            {
                _next = first + 1;
                _end = last;
                return first;
            }
        }
    }
}
