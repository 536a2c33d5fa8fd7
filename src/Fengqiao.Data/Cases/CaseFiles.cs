using Fengqiao.Core.Cases;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Cases;

public sealed record CaseListItemDto(Guid Id, string TrackingCode, CaseKind Kind, CaseChannel Channel, CaseState State, string Title, string DivisionCode, Guid? HandlingUnitId, Instant RegisteredAt);

public sealed record CaseEventDto(int Sequence, string Kind, string Actor, Instant At, string Data, string Hash);

public sealed record CaseDetailDto(CaseListItemDto Case, string? Detail, int Version, CaseStage Stage, Instant? DueAt, bool IsRepeat, string? RepeatOf, IReadOnlyList<CaseEventDto> Events, int? FirstBrokenLink);

public sealed record CasePage(int Total, IReadOnlyList<CaseListItemDto> Items);

/// <summary>A party as lists show it: ID number and phone masked.</summary>
public sealed record CasePartyDto(Guid Id, string Name, bool IsRepresentative, string? IdNumber, string? Phone);

/// <summary>
/// The read side of cases for API clients (案卷): a page of cases, one case with its checked timeline, its parties.
/// What the caller may see is the case filter's business; a case outside scope reads as absent.
/// </summary>
public sealed class CaseFiles(IDbContextFactory<FengqiaoDbContext> contexts)
{
    public async Task<CasePage> PageAsync(string? search, int? skip, int? take, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = CaseQueries.Search(db, search);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(c => c.RegisteredAt).Skip(Math.Max(0, skip ?? 0)).Take(Math.Clamp(take ?? 50, 1, 500))
            .Select(c => new CaseListItemDto(c.Id, c.TrackingCode, c.Kind, c.Channel, c.State, c.Title, c.DivisionCode, c.HandlingUnitId, c.RegisteredAt))
            .ToListAsync(ct);
        return new CasePage(total, items);
    }

    public async Task<CaseDetailDto?> DetailAsync(string trackingCode, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var found = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.TrackingCode == trackingCode, ct);
        if (found is null)
        {
            return null;
        }
        var (events, broken) = await CaseEventLog.ReadCheckedAsync(db, found.Id, ct);
        return new CaseDetailDto(
            new CaseListItemDto(found.Id, found.TrackingCode, found.Kind, found.Channel, found.State, found.Title, found.DivisionCode, found.HandlingUnitId, found.RegisteredAt),
            found.Detail, found.EventCount, found.Stage, found.DueAt, found.IsRepeat, found.RepeatOf,
            [.. events.Select(e => new CaseEventDto(e.Sequence, e.Kind, e.Actor, e.At, e.Data, e.Hash))],
            broken);
    }

    public async Task<IReadOnlyList<CasePartyDto>?> PartiesAsync(string trackingCode, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var found = await db.Cases.AsNoTracking().Where(c => c.TrackingCode == trackingCode).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
        if (found is not { } id)
        {
            return null;
        }
        return await db.CaseParties.AsNoTracking().Where(p => p.CaseId == id).OrderByDescending(p => p.IsRepresentative).ThenBy(p => p.Name)
            .Select(p => new CasePartyDto(p.Id, p.Name, p.IsRepresentative, p.IdNumberMasked, p.PhoneMasked))
            .ToListAsync(ct);
    }
}
