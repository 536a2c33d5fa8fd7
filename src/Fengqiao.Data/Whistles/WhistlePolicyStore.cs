using System.Collections.Immutable;
using Fengqiao.Core.Calendar;
using Fengqiao.Core.Whistles;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Contracting;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Whistles;

/// <summary>
/// The per-level whistle limits (吹哨报到时限) as stored, over <see cref="WhistlePolicy.DefaultLimits"/> for levels never
/// edited. Every node keeps the last read in memory; the escalation timer reads the table again before each pass
/// and an edit refreshes the node that made it, so a change reaches every node within one timer interval.
/// </summary>
public sealed class WhistlePolicyStore(CaseRules rules, Duration lateFlagThreshold)
{
    private volatile ImmutableDictionary<WhistleLevel, WhistleLimits> _limits = WhistlePolicy.DefaultLimits;

    public WhistlePolicy Current => new(rules.Calculator, _limits, lateFlagThreshold);

    public async Task<WhistlePolicy> RefreshAsync(FengqiaoDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.WhistleLimits.AsNoTracking().ToListAsync(ct);
        _limits = Merge(rows);
        return Current;
    }

    public static ImmutableDictionary<WhistleLevel, WhistleLimits> Merge(IEnumerable<WhistleLimitRecord> rows)
    {
        var limits = WhistlePolicy.DefaultLimits;
        foreach (var r in rows)
        {
            limits = limits.SetItem(r.Level, new WhistleLimits(
                SlaPeriod.Create(r.AcknowledgeAmount, r.AcknowledgeUnit), SlaPeriod.Create(r.ActAmount, r.ActUnit), SlaPeriod.Create(r.ReportAmount, r.ReportUnit)));
        }
        return limits;
    }

    /// <summary>Checks and stores one level's limits; a refused value stores nothing. <paramref name="expectedVersion"/> is null for a level never edited.</summary>
    public async Task<WhistleLimitRecord> SaveAsync(FengqiaoDbContext db, WhistleLevel level, WhistleLimitInput input, int? expectedVersion, string actor, Instant now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(input);
        var limits = WhistleLimitRules.Check(level, input);
        var row = await db.WhistleLimits.FirstOrDefaultAsync(r => r.Level == level, ct);
        if ((row?.Version) != expectedVersion)
        {
            throw new WhistleRuleException("时限已被他人修改，请刷新后重试 (the limits changed since you loaded them; reload and retry)");
        }
        if (row is null)
        {
            row = new WhistleLimitRecord { Level = level, UpdatedBy = actor };
            db.WhistleLimits.Add(row);
        }
        (row.AcknowledgeAmount, row.AcknowledgeUnit) = (limits.Acknowledge.Amount, limits.Acknowledge.Unit);
        (row.ActAmount, row.ActUnit) = (limits.Act.Amount, limits.Act.Unit);
        (row.ReportAmount, row.ReportUnit) = (limits.Report.Amount, limits.Report.Unit);
        (row.UpdatedAt, row.UpdatedBy) = (now, actor);
        await db.SaveChangesAsync(ct);
        await RefreshAsync(db, ct);
        return row;
    }
}
