using Fengqiao.Core.Calendar;
using Fengqiao.Core.Whistles;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Whistles;

/// <summary>One level's limits in force; <see cref="Version"/> is null for a level never edited (the documented default).</summary>
public sealed record WhistleLimitSetting(WhistleLevel Level, int AcknowledgeAmount, SlaUnit AcknowledgeUnit, int ActAmount, SlaUnit ActUnit, int ReportAmount,
    SlaUnit ReportUnit, int? Version);

/// <summary>The per-level whistle limits (吹哨报到时限) as administrators read and set them, from the page or the API alike.</summary>
public sealed class WhistleLimitBook(FengqiaoDbContext db, WhistlePolicyStore store, IClock clock)
{
    public async Task<IReadOnlyList<WhistleLimitSetting>> InForceAsync(CancellationToken ct = default)
    {
        var policy = await store.RefreshAsync(db, ct);
        var versions = await db.WhistleLimits.AsNoTracking().ToDictionaryAsync(r => r.Level, r => r.Version, ct);
        return [.. Enum.GetValues<WhistleLevel>().Select(level =>
        {
            var l = policy.Limits[level];
            return new WhistleLimitSetting(level, l.Acknowledge.Amount, l.Acknowledge.Unit, l.Act.Amount, l.Act.Unit, l.Report.Amount, l.Report.Unit,
                versions.TryGetValue(level, out var v) ? v : null);
        })];
    }

    /// <summary>Checks (Core) and stores one level's limits, refusing a stale version with <see cref="WhistleRuleException"/>; returns all levels in force.</summary>
    public async Task<IReadOnlyList<WhistleLimitSetting>> SetAsync(WhistleLimitSetting setting, string actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(setting);
        await store.SaveAsync(db, setting.Level, new WhistleLimitInput(setting.AcknowledgeAmount, setting.AcknowledgeUnit, setting.ActAmount, setting.ActUnit,
            setting.ReportAmount, setting.ReportUnit), setting.Version, actor, clock.GetCurrentInstant(), ct);
        return await InForceAsync(ct);
    }
}
