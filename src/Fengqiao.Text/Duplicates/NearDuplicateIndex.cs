using System.Numerics;

namespace Fengqiao.Text.Duplicates;

/// <summary>An earlier message that resembles the query, with estimated (or, if verified, exact) Jaccard similarity.</summary>
public readonly record struct DuplicateMatch(long Id, double Similarity);

/// <summary>
/// MinHash + LSH index over character shingles. Memory-lean by design: no object per message, only flat arrays —
/// the message id (8 bytes), a 1-byte-per-value MinHash sketch (128 bytes) and one chain link per band
/// (16 × 4 bytes), plus the bucket heads. Updated incrementally on intake; rebuilt from the database at start.
/// Adds are serialised and queries run concurrently with each other (reader/writer lock).
/// </summary>
public sealed class NearDuplicateIndex : IDisposable
{
    private readonly NearDuplicateOptions _options;
    private readonly MinHasher _hasher;
    private readonly int _hashCount;
    private readonly int[][] _heads;   // per band: bucket → ordinal + 1 of the latest entry (0 = empty); grown with the index
    private readonly int[][] _next;    // per band: ordinal → ordinal + 1 of the previous entry in the bucket
    private int _bucketMask;
    private readonly ReaderWriterLockSlim _lock = new();
    private long[] _ids;
    private byte[] _sketches;
    private int _count;

    /// <param name="options">Settings; defaults suit the 0.7 threshold.</param>
    /// <param name="expectedCapacity">Messages expected; sizes the bucket tables (chains lengthen gracefully beyond it).</param>
    public NearDuplicateIndex(NearDuplicateOptions? options = null, int expectedCapacity = 4096)
    {
        _options = options ?? new NearDuplicateOptions();
        if (_options.Bands < 1 || _options.RowsPerBand < 1 || _options.SketchSize < 8 || _options.BandHashes > _options.SketchSize)
        {
            throw new ArgumentException("bands, rows per band must be ≥ 1, the sketch ≥ 8 values and at least bands × rows", nameof(options));
        }

        _hashCount = Math.Max(_options.BandHashes, _options.SketchSize);
        _hasher = new MinHasher(_hashCount, _options.Seed);
        int buckets = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1024, expectedCapacity));
        _bucketMask = buckets - 1;
        _heads = new int[_options.Bands][];
        _next = new int[_options.Bands][];
        int capacity = Math.Max(16, expectedCapacity);
        for (int b = 0; b < _options.Bands; b++)
        {
            _heads[b] = new int[buckets];
            _next[b] = new int[capacity];
        }

        _ids = new long[capacity];
        _sketches = new byte[(long)capacity * _options.SketchSize];
    }

    public NearDuplicateOptions Options => _options;

    public int Count => _count;

    /// <summary>Bytes held by the index arrays (ids, sketches, bucket heads and chains), allocated capacity included.</summary>
    public long MemoryBytes
    {
        get
        {
            long heads = (long)_heads.Length * _heads[0].Length * sizeof(int);
            long next = (long)_next.Length * _next[0].Length * sizeof(int);
            return heads + next + ((long)_ids.Length * sizeof(long)) + _sketches.LongLength;
        }
    }

    /// <summary>Adds a message. Empty text is ignored (nothing to compare) and returns false.</summary>
    public bool Add(long id, string text)
    {
        var sig = Signature(text);
        if (sig is null)
        {
            return false;
        }

        Add(id, sig);
        return true;
    }

    /// <summary>
    /// Adds a precomputed signature (see <see cref="Signature"/>), e.g. when rebuilding in parallel. Returns the
    /// entry's ordinal, which <see cref="EstimateAt"/> accepts.
    /// </summary>
    public int Add(long id, uint[] signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        _lock.EnterWriteLock();
        try
        {
            int ord = _count;
            EnsureCapacity(ord + 1);
            _ids[ord] = id;
            int k = _options.SketchSize;
            var sketch = _sketches.AsSpan((int)((long)ord * k), k);
            for (int i = 0; i < k; i++)
            {
                sketch[i] = (byte)signature[i];
            }

            if (ord >= (_bucketMask + 1) * MaxLoad)
            {
                Rehash((_bucketMask + 1) * 2, ord);
            }

            Link(ord);
            _count = ord + 1;
            return ord;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Estimated Jaccard similarity between a signature and the stored entry at an ordinal.</summary>
    public double EstimateAt(uint[] signature, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(signature);
        int k = _options.SketchSize;
        Span<byte> q = stackalloc byte[k];
        for (int i = 0; i < k; i++)
        {
            q[i] = (byte)signature[i];
        }

        _lock.EnterReadLock();
        try
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(ordinal, _count);
            return Estimate(q, _sketches.AsSpan((int)((long)ordinal * k), k));
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>The MinHash signature of a text, or null when it has no characters.</summary>
    public uint[]? Signature(string text)
    {
        var sh = Shingles.Of(text, _options.ShingleSize);
        if (sh.Length == 0)
        {
            return null;
        }

        var sig = new uint[_hashCount];
        _hasher.Compute(sh, sig);
        return sig;
    }

    /// <summary>
    /// Earlier messages whose estimated Jaccard similarity is at least <paramref name="threshold"/> (default: the
    /// configured one) less the slack, best first, at most <paramref name="max"/>.
    /// </summary>
    public IReadOnlyList<DuplicateMatch> Query(string text, int max = 20, double? threshold = null)
    {
        var sig = Signature(text);
        return sig is null ? [] : Query(sig, max, threshold);
    }

    public IReadOnlyList<DuplicateMatch> Query(uint[] signature, int max = 20, double? threshold = null)
    {
        ArgumentNullException.ThrowIfNull(signature);
        double cut = (threshold ?? _options.Threshold) - _options.Slack;
        int k = _options.SketchSize;
        int bands = _options.Bands;
        int walkLimit = Math.Max(1, _options.MaxBucketWalk);
        Span<byte> q = stackalloc byte[k];
        for (int i = 0; i < k; i++)
        {
            q[i] = (byte)signature[i];
        }

        // Each band's bucket is a chain of ordinals, newest first (strictly decreasing). Merging the chains by ordinal
        // brings an entry found in several bands out several times in a row, so it is compared once without a set of
        // those seen: a popular matter fills every band's bucket with the same few hundred entries.
        Span<int> cursor = bands <= 64 ? stackalloc int[bands] : new int[bands];
        Span<int> walked = bands <= 64 ? stackalloc int[bands] : new int[bands];
        var found = new List<DuplicateMatch>();
        _lock.EnterReadLock();
        try
        {
            for (int b = 0; b < bands; b++)
            {
                cursor[b] = _heads[b][(int)(BandKey(q, b) & (uint)_bucketMask)];
                walked[b] = 0;
            }

            int previous = 0;
            int perfect = 0;
            // Once max entries match perfectly nothing later can rank above them: the rest are older, and of equal
            // similarity the newer win. A copied letter sent by hundreds stops here after max comparisons.
            while (perfect < max)
            {
                int top = 0;
                for (int b = 0; b < bands; b++)
                {
                    if (walked[b] < walkLimit && cursor[b] > top)
                    {
                        top = cursor[b];
                    }
                }

                if (top == 0)
                {
                    break;
                }

                for (int b = 0; b < bands; b++)
                {
                    if (cursor[b] == top && walked[b] < walkLimit)
                    {
                        cursor[b] = _next[b][top - 1];
                        walked[b]++;
                    }
                }

                if (top == previous)
                {
                    continue;
                }

                previous = top;
                int ord = top - 1;
                double est = Estimate(q, _sketches.AsSpan((int)((long)ord * k), k));
                if (est >= cut)
                {
                    found.Add(new DuplicateMatch(_ids[ord], est));
                    perfect += est >= 1.0 ? 1 : 0;
                }
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        return Best(found, max);
    }

    /// <summary>
    /// The <paramref name="max"/> most similar, best first; of equal similarity the newer first (the merge found them
    /// newest first, and LINQ's ordering is stable, also when it only sorts the first few).
    /// </summary>
    private static List<DuplicateMatch> Best(List<DuplicateMatch> found, int max) =>
        max <= 0 ? [] : [.. found.OrderByDescending(m => m.Similarity).Take(max)];

    /// <summary>
    /// Like <see cref="Query(string, int, double?)"/>, then verifies each candidate with exact Jaccard on the stored
    /// text (from the caller's store) and keeps those at or above the threshold.
    /// </summary>
    public IReadOnlyList<DuplicateMatch> QueryVerified(string text, Func<long, string?> textOf, int max = 20, double? threshold = null)
    {
        ArgumentNullException.ThrowIfNull(textOf);
        double t = threshold ?? _options.Threshold;
        var q = Shingles.Of(text, _options.ShingleSize);
        if (q.Length == 0)
        {
            return [];
        }

        var sig = new uint[_hashCount];
        _hasher.Compute(q, sig);
        var verified = new List<DuplicateMatch>();
        foreach (var c in Query(sig, int.MaxValue, t))
        {
            var other = textOf(c.Id);
            if (other is null)
            {
                continue;
            }

            double j = Shingles.Jaccard(q, Shingles.Of(other, _options.ShingleSize));
            if (j >= t)
            {
                verified.Add(new DuplicateMatch(c.Id, j));
            }
        }

        return verified.OrderByDescending(m => m.Similarity).Take(max).ToArray();
    }

    /// <summary>b-bit estimator: equal bytes occur by chance with probability 1/256 even when the minima differ.</summary>
    private static double Estimate(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        int equal = 0;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int w = Vector<byte>.Count;
            for (; i + w <= a.Length; i += w)
            {
                var eq = Vector.Equals(new Vector<byte>(a.Slice(i, w)), new Vector<byte>(b.Slice(i, w)));
                equal += BitOperations.PopCount(Vector.AsVectorUInt64(eq)[0]) / 8;
                for (int lane = 1; lane < Vector<ulong>.Count; lane++)
                {
                    equal += BitOperations.PopCount(Vector.AsVectorUInt64(eq)[lane]) / 8;
                }
            }
        }

        for (; i < a.Length; i++)
        {
            if (a[i] == b[i])
            {
                equal++;
            }
        }

        const double chance = 1.0 / 256;
        return Math.Clamp(((double)equal / a.Length - chance) / (1 - chance), 0, 1);
    }

    /// <summary>
    /// A band's bucket key, from the stored one-byte values, so the buckets can be rebuilt from the sketches when the
    /// index grows. Equal MinHash values give equal bytes, so similar pairs meet as often as with the full values;
    /// unequal ones agree in all of a band's bytes by chance once in 256^rows.
    /// </summary>
    private uint BandKey(ReadOnlySpan<byte> sketch, int band)
    {
        int r = _options.RowsPerBand;
        ulong h = (ulong)band * 0x9E3779B97F4A7C15UL;
        for (int i = band * r; i < (band + 1) * r; i++)
        {
            h = Shingles.Mix(h ^ sketch[i]);
        }

        return (uint)h;
    }

    /// <summary>Puts the entry at the head of its bucket in every band (called under the write lock).</summary>
    private void Link(int ord)
    {
        int k = _options.SketchSize;
        var sketch = _sketches.AsSpan((int)((long)ord * k), k);
        for (int b = 0; b < _options.Bands; b++)
        {
            int bucket = (int)(BandKey(sketch, b) & (uint)_bucketMask);
            _next[b][ord] = _heads[b][bucket];
            _heads[b][bucket] = ord + 1;
        }
    }

    // Entries per bucket before the buckets double: chains of two on average, for 32 bytes of heads per entry.
    private const int MaxLoad = 2;

    /// <summary>
    /// Doubles the buckets once there are <see cref="MaxLoad"/> entries per bucket, so chains stay short however large
    /// the index grows (a fixed table of a few thousand buckets held a hundred unrelated entries per bucket at half a
    /// million cases, and every query walked them). Linking the entries oldest first keeps each chain newest first.
    /// </summary>
    private void Rehash(int buckets, int entries)
    {
        _bucketMask = buckets - 1;
        for (int b = 0; b < _heads.Length; b++)
        {
            _heads[b] = new int[buckets];
        }

        for (int ord = 0; ord < entries; ord++)
        {
            Link(ord);
        }
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= _ids.Length)
        {
            return;
        }

        int capacity = Math.Max(needed, _ids.Length * 2);
        Array.Resize(ref _ids, capacity);
        Array.Resize(ref _sketches, capacity * _options.SketchSize);
        for (int b = 0; b < _next.Length; b++)
        {
            Array.Resize(ref _next[b], capacity);
        }
    }

    public void Dispose() => _lock.Dispose();
}
