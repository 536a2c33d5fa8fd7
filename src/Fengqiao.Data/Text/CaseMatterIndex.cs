using Fengqiao.Text.Duplicates;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Text;

/// <summary>A stored case found similar to a new matter, with the index's estimated similarity.</summary>
public readonly record struct IndexedMatch(Guid CaseId, double Similarity);

/// <summary>
/// A matter's MinHash signature, computed once per registration and used for the query, the similarity to the
/// person's earlier cases and the add (a few hundred characters cost tens of microseconds to sign). Null when the
/// text has nothing to compare.
/// </summary>
public sealed record MatterSignature(uint[]? Values);

/// <summary>
/// This node's in-memory near-duplicate index over every stored case (title + detail), for the repeat flag and the
/// "raised before?" hints at intake. It is filled from the database at start and caught up periodically
/// (<see cref="CatchUpAsync"/>), and each case this node registers is added at once. Several web nodes each hold
/// their own copy: a case registered on another node is found here only after the next catch-up.
/// </summary>
public sealed class CaseMatterIndex : IDisposable
{
    // A case's registration time is read before its save, and the save commits within the command timeout (30 s) or
    // fails; two minutes also covers a node whose clock is a little behind ours.
    private static readonly Duration CatchUpOverlap = Duration.FromMinutes(2);

    // Texts of the cases missing here are read this many at a time.
    private const int CatchUpChunk = 1_000;

    private readonly NearDuplicateIndex _index;
    private readonly Dictionary<Guid, int> _ordinals = [];
    private readonly List<Guid> _caseIds = [];
    private readonly Lock _gate = new();
    private Instant? _caughtUpTo;

    public CaseMatterIndex(NearDuplicateOptions? options = null)
    {
        _index = new NearDuplicateIndex(options ?? new NearDuplicateOptions { Threshold = 0.5 });
    }

    /// <summary>Cases in the index.</summary>
    public int Count
    {
        get { lock (_gate) { return _caseIds.Count; } }
    }

    /// <summary>Registration time up to which the database has been read (null before the first rebuild).</summary>
    public Instant? CaughtUpTo
    {
        get { lock (_gate) { return _caughtUpTo; } }
    }

    public long MemoryBytes => _index.MemoryBytes;

    public double Threshold => _index.Options.Threshold;

    /// <summary>The text the index keys a case by.</summary>
    public static string TextOf(string title, string? detail) => title + "。" + detail;

    /// <summary>The signature of a matter, for the overloads that take one.</summary>
    public MatterSignature Sign(string title, string? detail) => new(_index.Signature(TextOf(title, detail)));

    /// <summary>Adds a case once; a second add of the same case (intake, then catch-up) is ignored.</summary>
    public bool Add(Guid caseId, string title, string? detail) => !Contains(caseId) && Add(caseId, Sign(title, detail));

    /// <inheritdoc cref="Add(Guid, string, string?)"/>
    public bool Add(Guid caseId, MatterSignature matter)
    {
        ArgumentNullException.ThrowIfNull(matter);
        if (matter.Values is not { } signature)
        {
            return false;
        }
        lock (_gate)
        {
            if (_ordinals.ContainsKey(caseId))
            {
                return false;
            }
            var ordinal = _index.Add(_caseIds.Count, signature);
            _ordinals[caseId] = ordinal;
            _caseIds.Add(caseId);
            return true;
        }
    }

    /// <summary>Stored cases of the same matter, best first: estimated Jaccard of character 3-shingles ≥ threshold.</summary>
    public IReadOnlyList<IndexedMatch> Query(string title, string? detail, int max = 10, double? threshold = null) =>
        Query(Sign(title, detail), max, threshold);

    /// <inheritdoc cref="Query(string, string?, int, double?)"/>
    public IReadOnlyList<IndexedMatch> Query(MatterSignature matter, int max = 10, double? threshold = null)
    {
        ArgumentNullException.ThrowIfNull(matter);
        if (matter.Values is not { } signature)
        {
            return [];
        }
        var matches = _index.Query(signature, max, threshold);
        lock (_gate)
        {
            return [.. matches.Where(m => m.Id < _caseIds.Count).Select(m => new IndexedMatch(_caseIds[(int)m.Id], m.Similarity))];
        }
    }

    /// <summary>
    /// Estimated similarity of a matter to each of the given stored cases (those not in this index yet are left
    /// out): how intake scores a person's own earlier cases, which may be reworded and so fall below the LSH bands.
    /// </summary>
    public IReadOnlyDictionary<Guid, double> SimilarityTo(string title, string? detail, IEnumerable<Guid> caseIds) =>
        SimilarityTo(Sign(title, detail), caseIds);

    /// <inheritdoc cref="SimilarityTo(string, string?, IEnumerable{Guid})"/>
    public IReadOnlyDictionary<Guid, double> SimilarityTo(MatterSignature matter, IEnumerable<Guid> caseIds)
    {
        ArgumentNullException.ThrowIfNull(matter);
        ArgumentNullException.ThrowIfNull(caseIds);
        var result = new Dictionary<Guid, double>();
        if (matter.Values is not { } signature)
        {
            return result;
        }
        foreach (var id in caseIds.Distinct())
        {
            int ordinal;
            lock (_gate)
            {
                if (!_ordinals.TryGetValue(id, out ordinal))
                {
                    continue;
                }
            }
            result[id] = _index.EstimateAt(signature, ordinal);
        }
        return result;
    }

    /// <summary>
    /// Reads the cases registered since the last pass (all of them the first time) and adds those not yet present.
    /// After the first pass only the ids of the overlap are read, and the texts of the cases missing here: under
    /// sustained intake the overlap holds tens of thousands of cases this node registered itself.
    /// Reads past the scope filters: the index serves every viewer, and results are filtered by scope when shown.
    /// </summary>
    public async Task<int> CatchUpAsync(FengqiaoDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var cases = db.Cases.IgnoreQueryFilters().AsNoTracking();
        var added = 0;
        Instant? newest = null;
        if (CaughtUpTo is not { } last)
        {
            // Streamed, so a million-case rebuild never holds every text at once.
            await foreach (var row in cases.Select(c => new { c.Id, c.Title, c.Detail, c.RegisteredAt }).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                added += Add(row.Id, row.Title, row.Detail) ? 1 : 0;
                newest = Later(newest, row.RegisteredAt);
            }
        }
        else
        {
            var since = last - CatchUpOverlap;
            var missing = new List<Guid>();
            await foreach (var row in cases.Where(c => c.RegisteredAt >= since).Select(c => new { c.Id, c.RegisteredAt }).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                if (!Contains(row.Id))
                {
                    missing.Add(row.Id);
                }
                newest = Later(newest, row.RegisteredAt);
            }
            foreach (var chunk in missing.Chunk(CatchUpChunk))
            {
                var ids = chunk.ToList();
                foreach (var row in await cases.Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Title, c.Detail }).ToListAsync(cancellationToken))
                {
                    added += Add(row.Id, row.Title, row.Detail) ? 1 : 0;
                }
            }
        }
        lock (_gate)
        {
            if (newest is { } reached && (_caughtUpTo is null || reached > _caughtUpTo))
            {
                _caughtUpTo = reached;
            }
        }
        return added;
    }

    private bool Contains(Guid caseId)
    {
        lock (_gate)
        {
            return _ordinals.ContainsKey(caseId);
        }
    }

    private static Instant Later(Instant? a, Instant b) => a is { } x && x > b ? x : b;

    public void Dispose() => _index.Dispose();
}
