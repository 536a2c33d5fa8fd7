using Fengqiao.Core.Cases;
using Fengqiao.Core.Ledger;
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

public sealed record KpiRow(string Key, CaseKpis Kpis);

/// <summary>
/// The KPIs of docs/kpi-definitions.md as one grouped SQL query of conditional counts over the projected ledger
/// columns — no event parsing, so a month over millions of cases is an index range scan. The arithmetic is
/// Core's (<see cref="CaseKpis.Counts"/>); a test checks these counts against Core's own on the same cases.
/// </summary>
public static class KpiQueries
{
    private sealed class Sums
    {
        public string? Key { get; init; }
        public int Registered { get; init; }
        public int OnTheSpot { get; init; }
        public int Within10 { get; init; }
        public int Within20 { get; init; }
        public int DecisionDue { get; init; }
        public int DecisionOnTime { get; init; }
        public int ReplyDue { get; init; }
        public int ReplyOnTime { get; init; }
        public int Replied { get; init; }
        public int Rated { get; init; }
        public int Satisfied { get; init; }
        public int HotlineRegistered { get; init; }
        public int HotlineReplyDue { get; init; }
        public int HotlineReplyOnTime { get; init; }
        public int HotlineClosed { get; init; }
        public int HotlineRated { get; init; }
        public int HotlineSatisfied { get; init; }

        public CaseKpis ToKpis() => new CaseKpis.Counts
        {
            Registered = Registered, OnTheSpot = OnTheSpot, Within10 = Within10, Within20 = Within20,
            DecisionDue = DecisionDue, DecisionOnTime = DecisionOnTime, ReplyDue = ReplyDue, ReplyOnTime = ReplyOnTime,
            Replied = Replied, Rated = Rated, Satisfied = Satisfied, HotlineRegistered = HotlineRegistered,
            HotlineReplyDue = HotlineReplyDue, HotlineReplyOnTime = HotlineReplyOnTime, HotlineClosed = HotlineClosed,
            HotlineRated = HotlineRated, HotlineSatisfied = HotlineSatisfied,
        }.ToKpis();
    }

    public static async Task<CaseKpis> TotalAsync(FengqiaoDbContext db, LedgerFilter filter, Instant asOf, CancellationToken cancellationToken = default)
    {
        var rows = await Sum(filter.Apply(db.Cases.AsNoTracking(), asOf).GroupBy(c => 1), asOf, "").ToListAsync(cancellationToken);
        return rows.SingleOrDefault()?.ToKpis() ?? new CaseKpis.Counts().ToKpis();
    }

    public static async Task<IReadOnlyList<KpiRow>> ByAsync(FengqiaoDbContext db, LedgerFilter filter, Instant asOf, KpiDimension dimension, CancellationToken cancellationToken = default)
    {
        var cases = filter.Apply(db.Cases.AsNoTracking(), asOf);
        List<Sums> rows = dimension switch
        {
            KpiDimension.Channel => await Sum(cases.GroupBy(c => (int)c.Channel), asOf, null).ToListAsync(cancellationToken),
            KpiDimension.Town => await Sum(cases.GroupBy(c => c.DivisionCode.Substring(0, 9)), asOf, null).ToListAsync(cancellationToken),
            KpiDimension.HandlingUnit => await Sum(cases.Where(c => c.HandlingUnitId != null).GroupBy(c => c.HandlingUnitId), asOf, null).ToListAsync(cancellationToken),
            _ => await Sum(cases.GroupBy(c => c.CategoryCode ?? ""), asOf, null).ToListAsync(cancellationToken),
        };
        // GUID keys come back upper-case from SQLite and lower-case from PostgreSQL; answer the same on both.
        static string Normal(string? key, KpiDimension d) => d == KpiDimension.HandlingUnit && Guid.TryParse(key, out var id) ? id.ToString() : key ?? "";
        return [.. rows.Select(r => new KpiRow(Normal(r.Key, dimension), r.ToKpis())).OrderBy(r => r.Key, StringComparer.Ordinal)];
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

    /// <summary>The projected facts of the filtered cases, for Core's calculator (tests, small exports).</summary>
    public static async Task<List<CaseFacts>> FactsAsync(FengqiaoDbContext db, LedgerFilter filter, Instant asOf, CancellationToken cancellationToken = default) =>
        await filter.Apply(db.Cases.AsNoTracking(), asOf)
            .Select(c => new CaseFacts(c.Channel, c.ResolvedOnTheSpot, c.RegisteredAt, c.DecidedAt, c.DecisionDueAt, c.RepliedAt, c.ReplyDueAt, c.ClosedAt, c.Rating))
            .ToListAsync(cancellationToken);
}
