using Fengqiao.Core.Cases;
using Fengqiao.Core.Cases.Routing;
using Fengqiao.Data.Attachments;
using Fengqiao.Data.Security;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data.Cases;

/// <summary>Everything the case page shows of one case, read in one go and replayed through the case rules.</summary>
public sealed record CaseSheet(
    CaseRecord Case, CaseFile File, CaseHeader Header, IReadOnlyList<CaseEvent> Events, int? FirstBrokenLink,
    IReadOnlyList<CaseParty> Parties, IReadOnlyList<PersonalDataViewEntry> Views, IReadOnlyList<CaseAttachment> Attachments,
    IReadOnlyList<RoutingUnit> Assignable, IReadOnlyList<RoutingUnit> Units, IReadOnlyDictionary<string, StaffName> Actors);

/// <summary>Who an event's actor (a login name) is, as the timeline shows them: the person's name and their unit.</summary>
public sealed record StaffName(string Name, string? Unit);

/// <summary>
/// The case page's reads and its one logged read (revealing a party's full ID number and phone). The case filter
/// decides what the viewer may open: a case outside scope reads as absent.
/// </summary>
public sealed class CaseSheets(FengqiaoDbContext db, CaseRules rules, PersonalDataViews views)
{
    /// <param name="withUnits">Also every unit (transfer and review may go to any); the page asks once.</param>
    public async Task<CaseSheet?> ForAsync(string trackingCode, bool withUnits, CancellationToken ct = default)
    {
        var record = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.TrackingCode == trackingCode, ct);
        if (record is null)
        {
            return null;
        }
        var (events, broken) = await CaseEventLog.ReadCheckedAsync(db, record.Id, ct);
        var parties = await db.CaseParties.AsNoTracking().Where(p => p.CaseId == record.Id).ToListAsync(ct);
        var attachments = await db.CaseAttachments.AsNoTracking().Where(a => a.CaseId == record.Id).OrderBy(a => a.UploadedAt).ToListAsync(ct);
        var file = rules.Replay(record.Id, CaseEventLog.Lifecycle(events));
        var header = await CaseHeaders.ForAsync(db, record, ct);
        var assignable = CaseLifecycle.IsAllowed(file.State, CaseAction.Assign) ? await CaseRouting.AssignableAsync(db, record, file, ct) : [];
        var units = withUnits ? await CaseRouting.AllUnitsAsync(db, ct) : [];
        return new CaseSheet(record, file, header, events, broken, parties, await views.ForCaseAsync(record.Id, ct), attachments, assignable, units,
            await ActorsAsync(events, ct));
    }

    // The log keeps login names (they are what signed the chain); people read names and units. Actors that are not
    // staff accounts (the system, a resident through the portal) are left out and shown as logged.
    private async Task<IReadOnlyDictionary<string, StaffName>> ActorsAsync(IReadOnlyList<CaseEvent> events, CancellationToken ct)
    {
        var logins = events.Select(e => e.Actor).Distinct(StringComparer.Ordinal).ToList();
        var people = await (from u in db.Users.AsNoTracking()
                            where logins.Contains(u.UserName!)
                            join unit in db.Units.AsNoTracking() on u.UnitId equals unit.Id into units
                            from unit in units.DefaultIfEmpty()
                            select new { u.UserName, u.DisplayName, Unit = unit == null ? null : unit.Name })
            .ToListAsync(ct);
        return people.ToDictionary(p => p.UserName!, p => new StaffName(p.DisplayName, p.Unit), StringComparer.Ordinal);
    }

    /// <summary>Logs the reveal first, then answers it; null when the party is not on a case the viewer may open.</summary>
    public async Task<(RevealedParty Party, IReadOnlyList<PersonalDataViewEntry> Views)?> RevealAsync(
        string trackingCode, Guid caseId, Guid partyId, string accountId, string accountName, CancellationToken ct = default)
    {
        var revealed = await views.RevealAsync(trackingCode, partyId, accountId, accountName, ct);
        return revealed is null ? null : (revealed, await views.ForCaseAsync(caseId, ct));
    }
}
