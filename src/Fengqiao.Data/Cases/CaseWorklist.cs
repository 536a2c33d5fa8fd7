using Fengqiao.Core.Calendar;
using Fengqiao.Core.Cases;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Cases;

public sealed record CaseListRow(string TrackingCode, string Title, CaseKind Kind, CaseChannel Channel, CaseState State, string Place, Instant RegisteredAt,
    Instant? DueAt, int DeadlineLevel, bool AwaitingSignOff);

/// <summary>
/// The queue's filters (办件筛选): words in the code or title, a state, a channel, a deadline colour (overdue or due
/// soon) and the signer's queue. Null or false means "any".
/// </summary>
public sealed record CaseQueueFilter(string? Search = null, CaseState? State = null, CaseChannel? Channel = null, DeadlineStatus? Deadline = null,
    bool AwaitingSignOff = false);

/// <summary>
/// The case list (the worklist) in the viewer's scope, most urgent first: red, then yellow, then the nearest limit,
/// then the newest. Each page opens its own short-lived context.
/// </summary>
public sealed class CaseWorklist(IDbContextFactory<FengqiaoDbContext> contexts)
{
    /// <summary>One page of the queue; the filters are applied in the query, inside the scope the context already holds.</summary>
    public async Task<(int Total, IReadOnlyList<CaseListRow> Rows)> PageAsync(CaseQueueFilter filter, int skip, int take, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = CaseQueries.Search(db, filter.Search);
        if (filter.AwaitingSignOff)
        {
            // The signer's queue: replies drafted and waiting for sign-off.
            query = query.Where(c => c.ReplySubmittedAt != null);
        }
        if (filter.State is { } state)
        {
            query = query.Where(c => c.State == state);
        }
        if (filter.Channel is { } channel)
        {
            query = query.Where(c => c.Channel == channel);
        }
        if (filter.Deadline is { } deadline)
        {
            var level = (int)deadline;
            query = query.Where(c => c.DeadlineLevel == level);
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
