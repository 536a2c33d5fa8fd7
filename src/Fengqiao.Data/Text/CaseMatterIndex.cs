using Fengqiao.Text.Duplicates;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Text;

/// <summary>A stored case found similar to a new matter, with the index's estimated similarity.</summary>
public readonly record struct IndexedMatch(Guid CaseId, double Similarity);

/// <summary>
/// This node's in-memory near-duplicate index over every stored case (title + detail), for the repeat flag and the
/// "raised before?" hints at intake. It is filled from the database at start and caught up periodically
/// (<see cref="CatchUpAsync"/>), and each case this node registers is added at once. Several web nodes each hold
/// their own copy: a case registered on another node is found here only after the next catch-up.
/// </summary>
public sealed class CaseMatterIndex : IDisposable
{
    // Cases registered with a clock slightly behind ours, or committed late, still fall inside this overlap.
    private static readonly Duration CatchUpOverlap = Duration.FromMinutes(10);

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

    /// <summary>Adds a case once; a second add of the same case (intake, then catch-up) is ignored.</summary>
    public bool Add(Guid caseId, string title, string? detail)
    {
        var signature = _index.Signature(TextOf(title, detail));
        if (signature is null)
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
    public IReadOnlyList<IndexedMatch> Query(string title, string? detail, int max = 10, double? threshold = null)
    {
        var signature = _index.Signature(TextOf(title, detail));
        if (signature is null)
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
    public IReadOnlyDictionary<Guid, double> SimilarityTo(string title, string? detail, IEnumerable<Guid> caseIds)
    {
        var result = new Dictionary<Guid, double>();
        var signature = _index.Signature(TextOf(title, detail));
        if (signature is null)
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
    /// Reads past the scope filters: the index serves every viewer, and results are filtered by scope when shown.
    /// </summary>
    public async Task<int> CatchUpAsync(FengqiaoDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var since = CaughtUpTo is { } last ? last - CatchUpOverlap : (Instant?)null;
        var query = db.Cases.IgnoreQueryFilters().AsNoTracking();
        if (since is { } from)
        {
            query = query.Where(c => c.RegisteredAt >= from);
        }
        var added = 0;
        Instant? newest = null;
        // Streamed, so a million-case rebuild never holds every text at once.
        await foreach (var row in query.Select(c => new { c.Id, c.Title, c.Detail, c.RegisteredAt }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (Add(row.Id, row.Title, row.Detail))
            {
                added++;
            }
            newest = newest is { } n && n > row.RegisteredAt ? n : row.RegisteredAt;
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

    public void Dispose() => _index.Dispose();
}
