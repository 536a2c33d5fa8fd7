using Fengqiao.Data.Cases;
using Fengqiao.Text.Routing;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Text;

/// <summary>
/// What the text pages and API read, in the viewer's scope: hot topics of recent cases, the deployment's own training
/// data, and a case whose draft reply is checked. Each call opens its own short-lived context.
/// </summary>
public sealed class TextDesk(IDbContextFactory<FengqiaoDbContext> contexts, IClock clock)
{
    public async Task<IReadOnlyList<CaseHotTopic>> HotTopicsAsync(int days, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await TextQueries.HotTopicsAsync(db, clock.GetCurrentInstant(), days, cancellationToken: ct);
    }

    public async Task<IReadOnlyList<LabeledMessage>> OwnTrainingDataAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await TextQueries.OwnTrainingDataAsync(db, ct);
    }

    public async Task<CaseRecord?> CaseAsync(string trackingCode, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var code = trackingCode.Trim();
        return await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.TrackingCode == code, ct);
    }
}
