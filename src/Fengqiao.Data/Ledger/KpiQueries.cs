using Fengqiao.Core.Cases;
using Fengqiao.Core.Ledger;
using Fengqiao.Core.Organisations;
using Fengqiao.Data.Cases;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Ledger;

public enum KpiDimension
{
    Channel,
    Town,
    HandlingUnit,
    Category,
}

/// <summary>Where <see cref="KpiQueries"/> takes its counts from.</summary>
public enum KpiSource
{
    /// <summary>Whole months from the monthly roll-up plus the live remainder, wherever that is exact; the cases otherwise.</summary>
    Rollup,
    /// <summary>Always one grouped scan of the cases (the baseline the roll-up is measured and tested against).</summary>
    Scan,
}

public sealed record KpiRow(string Key, CaseKpis Kpis);

/// <summary>
/// The KPIs of docs/kpi-definitions.md. The arithmetic is Core's (<see cref="CaseKpis.Counts"/>); the counts come
/// from two places that tests hold equal:
/// <list type="bullet">
/// <item>the scan: one grouped SQL query of conditional counts over the projected ledger columns;</item>
/// <item>the roll-up: for the whole Beijing months of the period, the settled counts kept per month in
/// <see cref="CaseKpiRollup"/>, plus, counted live, the limits that have passed by the as-of instant without a
/// decision or reply (only cases still waiting, found through a partial index); the partial months at either end of
/// the period are scanned.</item>
/// </list>
/// The roll-up is used only where it answers exactly (<see cref="LedgerFilter.RollupAnswers"/>, a scope its
/// columns decide, and not by category); anything else is scanned.
/// </summary>
public static class KpiQueries
{
    private sealed class Sums
    {
        public string? Key { get; set; }
        public int Registered { get; set; }
        public int OnTheSpot { get; set; }
        public int Within10 { get; set; }
        public int Within20 { get; set; }
        public int DecisionDue { get; set; }
        public int DecisionOnTime { get; set; }
        public int ReplyDue { get; set; }
        public int ReplyOnTime { get; set; }
        public int Replied { get; set; }
        public int Rated { get; set; }
        public int Satisfied { get; set; }
        public int HotlineRegistered { get; set; }
        public int HotlineReplyDue { get; set; }
        public int HotlineReplyOnTime { get; set; }
        public int HotlineClosed { get; set; }
        public int HotlineRated { get; set; }
        public int HotlineSatisfied { get; set; }

        public void Add(Sums o)
        {
            Registered += o.Registered; OnTheSpot += o.OnTheSpot; Within10 += o.Within10; Within20 += o.Within20;
            DecisionDue += o.DecisionDue; DecisionOnTime += o.DecisionOnTime; ReplyDue += o.ReplyDue; ReplyOnTime += o.ReplyOnTime;
            Replied += o.Replied; Rated += o.Rated; Satisfied += o.Satisfied; HotlineRegistered += o.HotlineRegistered;
            HotlineReplyDue += o.HotlineReplyDue; HotlineReplyOnTime += o.HotlineReplyOnTime; HotlineClosed += o.HotlineClosed;
            HotlineRated += o.HotlineRated; HotlineSatisfied += o.HotlineSatisfied;
        }

        public CaseKpis ToKpis() => new CaseKpis.Counts
        {
            Registered = Registered, OnTheSpot = OnTheSpot, Within10 = Within10, Within20 = Within20,
            DecisionDue = DecisionDue, DecisionOnTime = DecisionOnTime, ReplyDue = ReplyDue, ReplyOnTime = ReplyOnTime,
            Replied = Replied, Rated = Rated, Satisfied = Satisfied, HotlineRegistered = HotlineRegistered,
            HotlineReplyDue = HotlineReplyDue, HotlineReplyOnTime = HotlineReplyOnTime, HotlineClosed = HotlineClosed,
            HotlineRated = HotlineRated, HotlineSatisfied = HotlineSatisfied,
        }.ToKpis();
    }

    public static Task<CaseKpis> TotalAsync(FengqiaoDbContext db, LedgerFilter filter, Instant asOf, CancellationToken cancellationToken = default) =>
        TotalAsync(db, filter, asOf, KpiSource.Rollup, cancellationToken);

    public static async Task<CaseKpis> TotalAsync(FengqiaoDbContext db, LedgerFilter filter, Instant asOf, KpiSource source, CancellationToken cancellationToken = default)
    {
        var sums = await SumsAsync(db, filter, asOf, null, source, cancellationToken);
        return sums.Values.SingleOrDefault()?.ToKpis() ?? new CaseKpis.Counts().ToKpis();
    }

    public static Task<IReadOnlyList<KpiRow>> ByAsync(FengqiaoDbContext db, LedgerFilter filter, Instant asOf, KpiDimension dimension, CancellationToken cancellationToken = default) =>
        ByAsync(db, filter, asOf, dimension, KpiSource.Rollup, cancellationToken);

    public static async Task<IReadOnlyList<KpiRow>> ByAsync(FengqiaoDbContext db, LedgerFilter filter, Instant asOf, KpiDimension dimension, KpiSource source, CancellationToken cancellationToken = default)
    {
        var sums = await SumsAsync(db, filter, asOf, dimension, source, cancellationToken);
        return [.. sums.Select(s => new KpiRow(s.Key, s.Value.ToKpis())).OrderBy(r => r.Key, StringComparer.Ordinal)];
    }

    /// <summary>True when the roll-up's columns decide this context's scope exactly: everything, or a unit and an area no finer than a town.</summary>
    public static bool RollupAnswers(FengqiaoDbContext db, LedgerFilter filter)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var scope = db.Scope;
        var scopeFits = scope.SeesAll || (scope.Kind is ScopeKind.Unit or ScopeKind.Area && (scope.Area is null || scope.Area.Value.Value.Length <= 9));
        return scopeFits && filter.RollupAnswers;
    }

    // Keyed by the dimension's value ("" for the total).
    private static async Task<Dictionary<string, Sums>> SumsAsync(FengqiaoDbContext db, LedgerFilter filter, Instant asOf, KpiDimension? dimension, KpiSource source, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, Sums>(StringComparer.Ordinal);
        var split = source == KpiSource.Rollup && dimension != KpiDimension.Category && RollupAnswers(db, filter) ? LedgerMonths.Split(filter.From, filter.To) : null;
        if (split is not { HasMonths: true })
        {
            Merge(result, await ScanAsync(db, filter, asOf, dimension, cancellationToken), dimension);
            return result;
        }
        if (split.Head is { } head)
        {
            Merge(result, await ScanAsync(db, filter with { From = head.Start, To = head.End }, asOf, dimension, cancellationToken), dimension);
        }
        if (split.Tail is { } tail)
        {
            Merge(result, await ScanAsync(db, filter with { From = tail.Start, To = tail.End }, asOf, dimension, cancellationToken), dimension);
        }
        Merge(result, await RollupAsync(db, filter, split, dimension, cancellationToken), dimension);
        Merge(result, await PendingAsync(db, filter with { From = split.MonthsFrom, To = split.MonthsTo }, asOf, dimension, cancellationToken), dimension);
        return result;
    }

    private static void Merge(Dictionary<string, Sums> into, List<Sums> rows, KpiDimension? dimension)
    {
        foreach (var row in rows)
        {
            // GUID keys come back upper-case from SQLite and lower-case from PostgreSQL; answer the same on both.
            var key = dimension is null ? "" : dimension == KpiDimension.HandlingUnit && Guid.TryParse(row.Key, out var id) ? id.ToString() : row.Key ?? "";
            if (into.TryGetValue(key, out var sums))
            {
                sums.Add(row);
            }
            else
            {
                into[key] = row;
            }
        }
    }

    private static async Task<List<Sums>> ScanAsync(FengqiaoDbContext db, LedgerFilter filter, Instant asOf, KpiDimension? dimension, CancellationToken cancellationToken)
    {
        var cases = filter.Apply(db.Cases.AsNoTracking(), asOf);
        return dimension switch
        {
            null => await Sum(cases.GroupBy(c => 1), asOf, "").ToListAsync(cancellationToken),
            KpiDimension.Channel => await Sum(cases.GroupBy(c => (int)c.Channel), asOf, null).ToListAsync(cancellationToken),
            KpiDimension.Town => await Sum(cases.GroupBy(c => c.DivisionCode.Substring(0, 9)), asOf, null).ToListAsync(cancellationToken),
            KpiDimension.HandlingUnit => await Sum(cases.Where(c => c.HandlingUnitId != null).GroupBy(c => c.HandlingUnitId), asOf, null).ToListAsync(cancellationToken),
            _ => await Sum(cases.GroupBy(c => c.CategoryCode ?? ""), asOf, null).ToListAsync(cancellationToken),
        };
    }

    private static IQueryable<Sums> Sum<TKey>(IQueryable<IGrouping<TKey, CaseRecord>> groups, Instant asOf, string? fixedKey) =>
        groups.Select(g => new Sums
        {
            Key = fixedKey ?? g.Key!.ToString(),
            Registered = g.Count(),
            OnTheSpot = g.Count(c => c.ResolvedOnTheSpot),
            Within10 = g.Count(c => c.ClosedWithinDays != null && c.ClosedWithinDays <= 10),
            Within20 = g.Count(c => c.ClosedWithinDays != null && c.ClosedWithinDays <= 20),
            DecisionDue = g.Count(c => c.DecisionDueAt != null && (c.DecidedAt != null || c.DecisionDueAt <= asOf)),
            DecisionOnTime = g.Count(c => c.DecisionDueAt != null && c.DecidedAt != null && c.DecidedAt <= c.DecisionDueAt),
            ReplyDue = g.Count(c => c.ReplyDueAt != null && (c.RepliedAt != null || c.ReplyDueAt <= asOf)),
            ReplyOnTime = g.Count(c => c.ReplyDueAt != null && c.RepliedAt != null && c.RepliedAt <= c.ReplyDueAt),
            Replied = g.Count(c => c.RepliedAt != null),
            Rated = g.Count(c => c.Rating == CaseRating.Satisfied || c.Rating == CaseRating.BasicallySatisfied || c.Rating == CaseRating.Unsatisfied),
            Satisfied = g.Count(c => c.Rating == CaseRating.Satisfied || c.Rating == CaseRating.BasicallySatisfied),
            HotlineRegistered = g.Count(c => c.Channel == CaseChannel.Hotline12345),
            HotlineReplyDue = g.Count(c => c.Channel == CaseChannel.Hotline12345 && c.ReplyDueAt != null && (c.RepliedAt != null || c.ReplyDueAt <= asOf)),
            HotlineReplyOnTime = g.Count(c => c.Channel == CaseChannel.Hotline12345 && c.ReplyDueAt != null && c.RepliedAt != null && c.RepliedAt <= c.ReplyDueAt),
            HotlineClosed = g.Count(c => c.Channel == CaseChannel.Hotline12345 && c.ClosedAt != null),
            HotlineRated = g.Count(c => c.Channel == CaseChannel.Hotline12345 && (c.Rating == CaseRating.Satisfied || c.Rating == CaseRating.BasicallySatisfied || c.Rating == CaseRating.Unsatisfied)),
            HotlineSatisfied = g.Count(c => c.Channel == CaseChannel.Hotline12345 && (c.Rating == CaseRating.Satisfied || c.Rating == CaseRating.BasicallySatisfied)),
        });

    // The settled counts of the whole months, as kept in the roll-up (see SettledCounts).
    private static async Task<List<Sums>> RollupAsync(FengqiaoDbContext db, LedgerFilter filter, PeriodSplit split, KpiDimension? dimension, CancellationToken cancellationToken)
    {
        var rows = filter.ApplyToRollup(db.CaseKpiRollups.AsNoTracking().Where(r => r.Month >= split.FirstMonthKey && r.Month < split.EndMonthKey));
        return dimension switch
        {
            null => await Settled(rows.GroupBy(r => 1), "").ToListAsync(cancellationToken),
            KpiDimension.Channel => await Settled(rows.GroupBy(r => (int)r.Channel), null).ToListAsync(cancellationToken),
            KpiDimension.Town => await Settled(rows.GroupBy(r => r.Town), null).ToListAsync(cancellationToken),
            KpiDimension.HandlingUnit => await Settled(rows.Where(r => r.HandlingUnitId != Guid.Empty).GroupBy(r => r.HandlingUnitId), null).ToListAsync(cancellationToken),
            _ => throw new InvalidOperationException("the roll-up keeps no category"),
        };
    }

    private static IQueryable<Sums> Settled<TKey>(IQueryable<IGrouping<TKey, CaseKpiRollup>> groups, string? fixedKey) =>
        groups.Select(g => new Sums
        {
            Key = fixedKey ?? g.Key!.ToString(),
            Registered = g.Sum(r => r.Registered),
            OnTheSpot = g.Sum(r => r.OnTheSpot),
            Within10 = g.Sum(r => r.Within10),
            Within20 = g.Sum(r => r.Within20),
            DecisionDue = g.Sum(r => r.DecisionDecided),
            DecisionOnTime = g.Sum(r => r.DecisionOnTime),
            ReplyDue = g.Sum(r => r.ReplyReplied),
            ReplyOnTime = g.Sum(r => r.ReplyOnTime),
            Replied = g.Sum(r => r.Replied),
            Rated = g.Sum(r => r.Rated),
            Satisfied = g.Sum(r => r.Satisfied),
            HotlineRegistered = g.Sum(r => r.Channel == CaseChannel.Hotline12345 ? r.Registered : 0),
            HotlineReplyDue = g.Sum(r => r.Channel == CaseChannel.Hotline12345 ? r.ReplyReplied : 0),
            HotlineReplyOnTime = g.Sum(r => r.Channel == CaseChannel.Hotline12345 ? r.ReplyOnTime : 0),
            HotlineClosed = g.Sum(r => r.Channel == CaseChannel.Hotline12345 ? r.Closed : 0),
            HotlineRated = g.Sum(r => r.Channel == CaseChannel.Hotline12345 ? r.Rated : 0),
            HotlineSatisfied = g.Sum(r => r.Channel == CaseChannel.Hotline12345 ? r.Satisfied : 0),
        });

    // The as-of part (see PendingCounts): limits passed by asOf with no decision or reply yet, over the cases still waiting.
    private static async Task<List<Sums>> PendingAsync(FengqiaoDbContext db, LedgerFilter filter, Instant asOf, KpiDimension? dimension, CancellationToken cancellationToken)
    {
        // The same predicate as the partial index IX_Cases_RegisteredAt_Pending, so PostgreSQL can use it.
        var waiting = filter.Apply(db.Cases.AsNoTracking(), asOf)
            .Where(c => (c.DecidedAt == null && c.DecisionDueAt != null) || (c.RepliedAt == null && c.ReplyDueAt != null));
        return dimension switch
        {
            null => await Pending(waiting.GroupBy(c => 1), asOf, "").ToListAsync(cancellationToken),
            KpiDimension.Channel => await Pending(waiting.GroupBy(c => (int)c.Channel), asOf, null).ToListAsync(cancellationToken),
            KpiDimension.Town => await Pending(waiting.GroupBy(c => c.DivisionCode.Substring(0, 9)), asOf, null).ToListAsync(cancellationToken),
            KpiDimension.HandlingUnit => await Pending(waiting.Where(c => c.HandlingUnitId != null).GroupBy(c => c.HandlingUnitId), asOf, null).ToListAsync(cancellationToken),
            _ => await Pending(waiting.GroupBy(c => c.CategoryCode ?? ""), asOf, null).ToListAsync(cancellationToken),
        };
    }

    private static IQueryable<Sums> Pending<TKey>(IQueryable<IGrouping<TKey, CaseRecord>> groups, Instant asOf, string? fixedKey) =>
        groups.Select(g => new Sums
        {
            Key = fixedKey ?? g.Key!.ToString(),
            DecisionDue = g.Count(c => c.DecidedAt == null && c.DecisionDueAt != null && c.DecisionDueAt <= asOf),
            ReplyDue = g.Count(c => c.RepliedAt == null && c.ReplyDueAt != null && c.ReplyDueAt <= asOf),
            HotlineReplyDue = g.Count(c => c.Channel == CaseChannel.Hotline12345 && c.RepliedAt == null && c.ReplyDueAt != null && c.ReplyDueAt <= asOf),
        });

    /// <summary>The projected facts of the filtered cases, for Core's calculator (tests, small exports).</summary>
    public static async Task<List<CaseFacts>> FactsAsync(FengqiaoDbContext db, LedgerFilter filter, Instant asOf, CancellationToken cancellationToken = default) =>
        await filter.Apply(db.Cases.AsNoTracking(), asOf)
            .Select(c => new CaseFacts(c.Channel, c.ResolvedOnTheSpot, c.RegisteredAt, c.DecidedAt, c.DecisionDueAt, c.RepliedAt, c.ReplyDueAt, c.ClosedAt, c.Rating))
            .ToListAsync(cancellationToken);
}
