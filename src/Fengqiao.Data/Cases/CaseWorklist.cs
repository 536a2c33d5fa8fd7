using Fengqiao.Core.Cases;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Cases;

public sealed record CaseListRow(string TrackingCode, string Title, CaseKind Kind, CaseChannel Channel, CaseState State, string Place, Instant RegisteredAt,
    Instant? DueAt, int DeadlineLevel, bool AwaitingSignOff);

/// <summary>
/// The case list (the worklist) in the viewer's scope, most urgent first: red, then yellow, then the nearest limit,
/// then the newest. Each page opens its own short-lived context.
/// </summary>
public sealed class CaseWorklist(IDbContextFactory<FengqiaoDbContext> contexts)
{
    /// <param name="awaitingSignOff">Only replies drafted and waiting for sign-off (the signer's queue).</param>
    public async Task<(int Total, IReadOnlyList<CaseListRow> Rows)> PageAsync(string? search, bool awaitingSignOff, int skip, int take, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = CaseQueries.Search(db, search);
        if (awaitingSignOff)
        {
            query = query.Where(c => c.ReplySubmittedAt != null);
        }
        var total = await query.CountAsync(ct);
        var rows = await (from c in query
                          join d in db.Divisions on c.DivisionCode equals d.Code into places
                          from d in places.DefaultIfEmpty()
                          orderby c.DeadlineLevel descending, c.DueAt == null, c.DueAt, c.RegisteredAt descending
                          select new CaseListRow(c.TrackingCode, c.Title, c.Kind, c.Channel, c.State, d == null ? c.DivisionCode : d.Name, c.RegisteredAt, c.DueAt,
                              c.DeadlineLevel, c.ReplySubmittedAt != null))
            .Skip(skip).Take(take).ToListAsync(ct);
        return (total, rows);
    }
}
