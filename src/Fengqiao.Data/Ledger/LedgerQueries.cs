using Fengqiao.Core.Cases;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Ledger;

/// <summary>One line of the ledger (台账), personal data already masked.</summary>
public sealed record LedgerRow(
    string TrackingCode,
    Instant RegisteredAt,
    CaseChannel Channel,
    CaseKind Kind,
    string Title,
    string DivisionCode,
    string? Place,
    string? HandlingUnit,
    CaseState State,
    Instant? DueAt,
    bool Overdue,
    bool IsRepeat,
    string? Petitioner,
    string? IdNumberMasked,
    string? PhoneMasked,
    CaseRating? Rating);

public static class LedgerQueries
{
    public static async Task<(int Total, IReadOnlyList<LedgerRow> Rows)> PageAsync(FengqiaoDbContext db, LedgerFilter filter, Instant asOf, int skip, int take, CancellationToken cancellationToken = default)
    {
        var cases = filter.Apply(db.Cases.AsNoTracking(), asOf);
        var total = await cases.CountAsync(cancellationToken);
        var rows = await Rows(db, cases.OrderByDescending(c => c.RegisteredAt).Skip(skip).Take(take), asOf).ToListAsync(cancellationToken);
        return (total, rows);
    }

    /// <summary>
    /// All matching rows in registration order, streamed from the database cursor as the caller enumerates, for
    /// the Excel export of large ledgers (the writer pulls rows synchronously).
    /// </summary>
    public static IEnumerable<LedgerRow> All(FengqiaoDbContext db, LedgerFilter filter, Instant asOf) =>
        Rows(db, filter.Apply(db.Cases.AsNoTracking(), asOf).OrderBy(c => c.RegisteredAt), asOf).AsEnumerable();

    private static IQueryable<LedgerRow> Rows(FengqiaoDbContext db, IQueryable<Cases.CaseRecord> cases, Instant asOf) =>
        from c in cases
        join d in db.Divisions on c.DivisionCode equals d.Code into places
        from d in places.DefaultIfEmpty()
        join u in db.Units on c.HandlingUnitId equals u.Id into units
        from u in units.DefaultIfEmpty()
        let party = db.CaseParties.Where(p => p.CaseId == c.Id).OrderByDescending(p => p.IsRepresentative).ThenBy(p => p.Name).FirstOrDefault()
        select new LedgerRow(c.TrackingCode, c.RegisteredAt, c.Channel, c.Kind, c.Title, c.DivisionCode, d == null ? null : d.Name, u == null ? null : u.Name,
            // Only the masked forms leave the database: ledgers and exports never decrypt.
            c.State, c.DueAt, c.DueAt != null && c.DueAt <= asOf, c.IsRepeat, party == null ? null : party.Name, party == null ? null : party.IdNumberMasked, party == null ? null : party.PhoneMasked, c.Rating);
}
