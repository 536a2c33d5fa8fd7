using System.Text.Json;
using Fengqiao.Core.Mediation;
using Fengqiao.Data.Cases;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Mediation;

/// <summary>A mediation linked to a case, as the case page lists it.</summary>
public sealed record LinkedMediation(Guid Id, string Committee, MediationState State, Instant At, bool Returned);

/// <summary>The case a mediation came from, as the mediation page shows it, and whether it may go back now.</summary>
public sealed record LinkedCase(Guid CaseId, string TrackingCode, string Title, bool Returned, string? ReturnRefusal);

/// <summary>What the case page needs for 访调对接: the mediations the case went to, and why it may not go now (null: it may).</summary>
public sealed record CaseMediationLinks(Guid CaseId, IReadOnlyList<LinkedMediation> Mediations, string? ReferralRefusal);

/// <summary>The data of both ends' link events: the other record, named so that either timeline can point at it.</summary>
public sealed record MediationLinkData(Guid CaseId, string TrackingCode, Guid MediationId, string? Note = null);

/// <summary>
/// 访调对接 over the database: a case referred to a committee (and optionally a named room) becomes a mediation whose
/// applicant is the case's petitioner; a failed mediation goes back to its case. Each turn writes one event in the case's
/// chained log and one in the mediation's, in one save, each naming the other record. Core's
/// <see cref="PetitionMediationLinks"/> decides whether a turn fits; scope is the query filters' (a case or committee
/// the caller cannot see is not found).
/// </summary>
public sealed class PetitionMediationDesk(FengqiaoDbContext db, MediationDesk mediations, IClock clock)
{
    /// <summary>The mediations of the case and whether it may be referred now; null when the case is not in scope.</summary>
    public async Task<CaseMediationLinks?> ForCaseAsync(string trackingCode, CancellationToken ct = default)
    {
        var found = await db.Cases.AsNoTracking().Where(c => c.TrackingCode == trackingCode).Select(c => new { c.Id, c.State }).FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return null;
        }
        var links = await LinksOfCaseAsync(found.Id, ct);
        var ids = links.Select(l => l.MediationId).ToList();
        var rows = await db.Mediations.AsNoTracking().Where(m => ids.Contains(m.Id))
            .Join(db.MediationCommittees, m => m.CommitteeId, c => c.Id, (m, c) => new { m.Id, c.Name, m.State, m.AppliedAt }).ToListAsync(ct);
        var returned = await ReturnedMediationsAsync(found.Id, ct);
        var listed = rows.Select(r => new LinkedMediation(r.Id, r.Name, r.State, r.AppliedAt, returned.Contains(r.Id))).OrderBy(r => r.At).ToList();
        // A mediation outside the caller's scope still blocks a second referral: ask its state past nothing but the id.
        var open = ids.Count > 0 && await OpenMediationExistsAsync(ids, ct);
        return new CaseMediationLinks(found.Id, listed, PetitionMediationLinks.ReferralRefusal(found.State, open));
    }

    /// <summary>
    /// Refers the case to the committee (访调对接): a mediation opened with the case's petitioner as applicant and the
    /// named other party as respondent, the matter from the case. Null when the case is not in scope.
    /// </summary>
    public async Task<MediationRecord?> ReferAsync(string trackingCode, Guid committeeId, Guid? roomId, DisputeKind kind, string? otherParty, string actor,
        CancellationToken ct = default)
    {
        var found = await db.Cases.FirstOrDefaultAsync(c => c.TrackingCode == trackingCode, ct);
        if (found is null)
        {
            return null;
        }
        var ids = (await LinksOfCaseAsync(found.Id, ct)).Select(l => l.MediationId).ToList();
        if (PetitionMediationLinks.ReferralRefusal(found.State, ids.Count > 0 && await OpenMediationExistsAsync(ids, ct)) is { } refusal)
        {
            throw new MediationRuleException(refusal);
        }
        var applicant = await db.CaseParties.AsNoTracking().Where(p => p.CaseId == found.Id).OrderBy(p => p.Id).Select(p => p.Name).FirstOrDefaultAsync(ct)
            ?? throw new MediationRuleException("该件没有登记当事人 (the case has no party)");
        var matter = string.IsNullOrWhiteSpace(found.Detail) ? found.Title : $"{found.Title}：{found.Detail}";
        if (matter.Length > Core.TextLimits.Long)
        {
            matter = matter[..Core.TextLimits.Long];
        }
        var request = new NewMediationRequest(committeeId, roomId, null, MediationInitiation.OneParty, kind, matter,
            [new MediationParty(applicant, PartySide.Applicant), new MediationParty((otherParty ?? "").Trim(), PartySide.Respondent)]);
        var record = await mediations.OpenFromCaseAsync(request, actor, id => new MediationLinkData(found.Id, found.TrackingCode, id), ct);
        await CaseEventLog.AppendAsync(db, found.Id, PetitionMediationLinks.CaseReferredKind, actor, record.AppliedAt,
            new MediationLinkData(found.Id, found.TrackingCode, record.Id), ct);
        await SaveAsync(ct);
        return record;
    }

    /// <summary>The case a mediation came from, and whether it may go back now; null when it came from none or is out of scope.</summary>
    public async Task<LinkedCase?> ForMediationAsync(Guid mediationId, CancellationToken ct = default)
    {
        var state = await db.Mediations.AsNoTracking().Where(m => m.Id == mediationId).Select(m => (MediationState?)m.State).FirstOrDefaultAsync(ct);
        if (state is not { } s || await FromCaseAsync(mediationId, ct) is not { } link)
        {
            return null;
        }
        var returned = await db.MediationEvents.AsNoTracking().AnyAsync(e => e.MediationId == mediationId && e.Kind == PetitionMediationLinks.MediationBackToCaseKind, ct);
        // The case may lie outside the mediator's scope (a district case sent to a village committee): named by its code only.
        var title = await db.Cases.AsNoTracking().Where(c => c.Id == link.CaseId).Select(c => c.Title).FirstOrDefaultAsync(ct);
        return new LinkedCase(link.CaseId, link.TrackingCode, title ?? "", returned, PetitionMediationLinks.ReturnRefusal(s, cameFromCase: true, returned));
    }

    /// <summary>
    /// Turns a failed mediation back into the case it came from: an event in each log naming the other, with the reason.
    /// Null when the mediation is not in scope.
    /// </summary>
    public async Task<LinkedCase?> ReturnAsync(Guid mediationId, string? note, string actor, CancellationToken ct = default)
    {
        var record = await db.Mediations.FirstOrDefaultAsync(m => m.Id == mediationId, ct);
        if (record is null)
        {
            return null;
        }
        var link = await FromCaseAsync(mediationId, ct);
        var returned = await db.MediationEvents.AsNoTracking().AnyAsync(e => e.MediationId == mediationId && e.Kind == PetitionMediationLinks.MediationBackToCaseKind, ct);
        if (PetitionMediationLinks.ReturnRefusal(record.State, link is not null, returned) is { } refusal)
        {
            throw new MediationRuleException(refusal);
        }
        var last = await db.MediationEvents.AsNoTracking().Where(e => e.MediationId == mediationId).OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash, e.At }).FirstAsync(ct);
        var now = clock.GetCurrentInstant();
        var at = now > last.At ? now : last.At;
        var data = new MediationLinkData(link!.CaseId, link.TrackingCode, mediationId, string.IsNullOrWhiteSpace(note) ? null : note.Trim());
        mediations.AppendLink(mediationId, record.State, last.Sequence + 1, last.Hash, PetitionMediationLinks.MediationBackToCaseKind, actor, at, data);
        // The case's chain is appended past the scope filter (its integrity does not depend on who looks), as every append is.
        await CaseEventLog.AppendAsync(db, link.CaseId, PetitionMediationLinks.CaseReturnedKind, actor, at, data, ct);
        record.LastActionAt = at;
        await SaveAsync(ct);
        return await ForMediationAsync(mediationId, ct);
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique (record, sequence) index of either log: someone appended first.
            throw new MediationConflictException();
        }
    }

    private async Task<List<MediationLinkData>> LinksOfCaseAsync(Guid caseId, CancellationToken ct)
    {
        var data = await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == caseId && e.Kind == PetitionMediationLinks.CaseReferredKind)
            .OrderBy(e => e.Sequence).Select(e => e.Data).ToListAsync(ct);
        return [.. data.Select(Read).OfType<MediationLinkData>()];
    }

    private async Task<HashSet<Guid>> ReturnedMediationsAsync(Guid caseId, CancellationToken ct)
    {
        var data = await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == caseId && e.Kind == PetitionMediationLinks.CaseReturnedKind)
            .Select(e => e.Data).ToListAsync(ct);
        return [.. data.Select(Read).OfType<MediationLinkData>().Select(l => l.MediationId)];
    }

    private async Task<bool> OpenMediationExistsAsync(List<Guid> ids, CancellationToken ct)
    {
        var states = await db.Mediations.IgnoreQueryFilters().AsNoTracking().Where(m => ids.Contains(m.Id)).Select(m => m.State).ToListAsync(ct);
        return states.Any(PetitionMediationLinks.IsOpen);
    }

    private async Task<MediationLinkData?> FromCaseAsync(Guid mediationId, CancellationToken ct)
    {
        var data = await db.MediationEvents.AsNoTracking().Where(e => e.MediationId == mediationId && e.Kind == PetitionMediationLinks.MediationFromCaseKind)
            .Select(e => e.Data).FirstOrDefaultAsync(ct);
        return data is null ? null : Read(data);
    }

    /// <summary>The link a case-log event carries (a referral or a return), for the timeline to point at the mediation; null for any other event.</summary>
    public static MediationLinkData? LinkOf(CaseEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Kind is PetitionMediationLinks.CaseReferredKind or PetitionMediationLinks.CaseReturnedKind ? Read(e.Data) : null;
    }

    // Case events are written with the default names, mediation events in camelCase: the web defaults read both.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static MediationLinkData? Read(string? json) => string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<MediationLinkData>(json, Json);
}
