using Fengqiao.Core.Ledger;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Ledger;

public sealed record KpiRollupRebuild(int Months, int Rows, long Cases);

/// <summary>
/// Recounts the monthly roll-up from the cases, a month per transaction (<c>fengqiao kpi rebuild</c>): for a database
/// whose cases were loaded around the application, or to check nothing drifted. Safe beside running web nodes: on
/// PostgreSQL each month locks the roll-up against writers while it is recounted, so a case saved meanwhile is
/// counted exactly once, either in the recount or by its own save after it.
/// </summary>
public static class KpiRollupMaintenance
{
    public static async Task<KpiRollupRebuild> RebuildAsync(FengqiaoDbContext db, IProgress<(int Done, int Total, YearMonth Month)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var cases = db.Cases.IgnoreQueryFilters().AsNoTracking();
        var rollup = db.CaseKpiRollups.IgnoreQueryFilters();
        if (!await cases.AnyAsync(cancellationToken))
        {
            await rollup.ExecuteDeleteAsync(cancellationToken);
            return new KpiRollupRebuild(0, 0, 0);
        }
        var first = LedgerMonths.MonthOf(await cases.MinAsync(c => c.RegisteredAt, cancellationToken));
        var end = LedgerMonths.MonthOf(await cases.MaxAsync(c => c.RegisteredAt, cancellationToken)).PlusMonths(1);
        int firstKey = LedgerMonths.Key(first), endKey = LedgerMonths.Key(end);
        await rollup.Where(r => r.Month < firstKey || r.Month >= endKey).ExecuteDeleteAsync(cancellationToken);

        var total = (end.Year - first.Year) * 12 + end.Month - first.Month;
        var rows = 0;
        var done = 0;
        for (var month = first; month < end; month = month.PlusMonths(1))
        {
            var key = LedgerMonths.Key(month);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (db is PostgresFengqiaoDbContext)
            {
                // Blocks the saves' upserts (not readers) until the month is recounted; SQLite has one writer anyway.
                await db.Database.ExecuteSqlRawAsync("LOCK TABLE \"CaseKpiRollups\" IN EXCLUSIVE MODE", cancellationToken);
            }
            await rollup.Where(r => r.Month == key).ExecuteDeleteAsync(cancellationToken);
            object[] parameters = [key, KpiRollupSql.Stored(db, LedgerMonths.Start(month)), KpiRollupSql.Stored(db, LedgerMonths.Start(month.PlusMonths(1)))];
            rows += await db.Database.ExecuteSqlRawAsync(KpiRollupSql.RecountMonth, parameters, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            progress?.Report((++done, total, month));
        }
        var counted = await rollup.SumAsync(r => (long)r.Registered, cancellationToken);
        return new KpiRollupRebuild(total, rows, counted);
    }
}
