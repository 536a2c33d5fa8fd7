using Fengqiao.Core.Letters;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Letters;

/// <summary>One row of a letter list.</summary>
public sealed record LetterListItem(Guid Id, string CaseCode, LetterType Type, LetterState State, string? Number, string Title, string RecipientName, Instant DraftedAt, Instant? IssuedAt, Instant? ReplyDueAt, Instant? RepliedAt);

/// <summary>
/// The letters the viewer may open (the scope filter: its cases' letters and those its unit issued or received),
/// newest first, at most 500. A row names its case even where the case is outside the viewer's scope, as the letter does.
/// </summary>
public static class LetterList
{
    public static async Task<IReadOnlyList<LetterListItem>> QueryAsync(FengqiaoDbContext db, LetterState? state, LetterType? type, Guid? unit, Guid? caseId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var q = db.Letters.AsNoTracking();
        if (state is { } s)
        {
            q = q.Where(l => l.State == s);
        }
        if (type is { } t)
        {
            q = q.Where(l => l.Type == t);
        }
        if (unit is { } u)
        {
            q = q.Where(l => l.RecipientUnitId == u || l.IssuingUnitId == u);
        }
        if (caseId is { } c)
        {
            q = q.Where(l => l.CaseId == c);
        }
        var rows = await q.OrderByDescending(l => l.DraftedAt).Take(500)
            .Select(l => new { l.Id, l.CaseId, l.Type, l.State, l.Number, l.Title, l.RecipientName, l.DraftedAt, l.IssuedAt, l.ReplyDueAt, l.RepliedAt })
            .ToListAsync(cancellationToken);
        // Case codes in a query of their own: IgnoreQueryFilters in the list's query would unscope the letters too.
        var caseIds = rows.Select(r => r.CaseId).Distinct().ToList();
        var codes = await db.Cases.IgnoreQueryFilters().AsNoTracking().Where(k => caseIds.Contains(k.Id))
            .ToDictionaryAsync(k => k.Id, k => k.TrackingCode, cancellationToken);
        return [.. rows.Select(l => new LetterListItem(l.Id, codes[l.CaseId], l.Type, l.State, l.Number, l.Title, l.RecipientName, l.DraftedAt, l.IssuedAt, l.ReplyDueAt, l.RepliedAt))];
    }
}
