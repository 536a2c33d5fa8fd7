using Fengqiao.Core.Cases;
using Fengqiao.Core.Cases.Intake;
using Fengqiao.Data.People;
using Fengqiao.Data.Security;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Cases;

/// <summary>
/// 登记: turns a checked submission into a case — its row, parties, first event and notices — in one save, marked as a
/// repeat petition when <see cref="EarlierCaseFinder"/> finds the same person's same matter. A retried submission
/// (same idempotency key) answers with the case already stored, before anything else is done: it takes no tracking
/// number and costs one batched read.
/// </summary>
public sealed class CaseRegistration(FengqiaoDbContext db, CaseRules rules, IClock clock, PersonalDataProtector protector, KnownReferences known, Text.CaseMatterIndex matters,
    EarlierCaseFinder earlier, TrackingNumberBlocks? numbers = null, RegistrationCommits? commits = null, IntakeLookups? lookups = null)
{
    /// <summary>At most this many earlier codes are kept in <see cref="CaseRecord.RepeatOf"/>.</summary>
    private const int RepeatOfKept = 10;

    public async Task<IntakeResult> RegisterAsync(NewCase request, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        // A retry is answered from the stored case before validation, lookups and numbering: answered by the unique
        // index at save time instead, each retry took a tracking number and broke its whole commit batch. With the
        // node's batched reader the key rides with the other registrations' reads; two submissions of one key at once
        // still meet at the unique index below.
        var key = string.IsNullOrWhiteSpace(request.IdempotencyKey) ? null : request.IdempotencyKey.Trim();
        if (key is not null && await StoredUnderAsync(key, cancellationToken) is { } stored)
        {
            return new IntakeResult(stored, Replayed: true, []);
        }

        // Group commit only when this registration is all the context will save: a caller's transaction or its other
        // pending changes must be saved together with the case, as they always were.
        var grouped = commits is not null && db.Database.CurrentTransaction is null && !db.ChangeTracker.HasChanges();
        var now = clock.GetCurrentInstant();
        var (division, parties) = await NewCaseValidation.ValidateAsync(db, known, request, now, cancellationToken);
        await protector.EnsureReadyAsync(cancellationToken);
        var residents = await ResolveResidentsAsync(parties, division, cancellationToken);
        // Signed as stored (trimmed): the same signature serves the lookups and this node's index.
        var signature = matters.Sign(request.Title!.Trim(), NewCaseValidation.Blank(request.Detail));
        var similar = await earlier.FindAsync([.. residents.Where(r => r is not null).Select(r => r!.Id)], parties,
            new NewMatter(request.Title!, request.Detail, request.CategoryCode), signature, cancellationToken);
        var earlierCases = RepeatPetition.RepeatOf(similar);

        var id = Guid.CreateVersion7();
        var policy = rules.PolicyFor(request.Channel, request.Kind, request.CategoryCode);
        var registration = new RegisterCase(id, request.Kind, request.Channel, NewCaseValidation.Blank(request.CategoryCode), request.Urgent, now, actor);
        var transition = string.IsNullOrWhiteSpace(request.OnTheSpotResolution)
            ? CaseFile.Register(registration, policy)
            : CaseFile.RegisterResolvedOnTheSpot(registration, policy, request.OnTheSpotResolution);

        var record = new CaseRecord
        {
            Id = id,
            TrackingCode = await NextTrackingCodeAsync(CaseCodes.PrefixFor(division), now.InUtc().Year, cancellationToken),
            QueryCode = CaseCodes.NewQueryCode(),
            Kind = request.Kind,
            Channel = request.Channel,
            Title = request.Title!.Trim(),
            Detail = NewCaseValidation.Blank(request.Detail),
            CategoryCode = NewCaseValidation.Blank(request.CategoryCode),
            DivisionCode = division,
            Address = NewCaseValidation.Blank(request.Address),
            Latitude = request.Point?.Latitude,
            Longitude = request.Point?.Longitude,
            PlaceIsEstimate = request.PlaceIsEstimate,
            MediaUrl = NewCaseValidation.Blank(request.MediaUrl),
            RegisteringUnitId = request.RegisteringUnitId,
            ResidentId = residents.FirstOrDefault()?.Id,
            ResidentAccountId = residents.FirstOrDefault()?.AccountId,
            RegisteredAt = now,
            RegisteredBy = actor,
            FirstContact = NewCaseValidation.Blank(request.FirstContact) ?? actor,
            GroupSize = request.GroupSize,
            IsRepeat = earlierCases.Count > 0,
            RepeatOf = earlierCases.Count > 0 ? string.Join(',', earlierCases.Take(RepeatOfKept)) : null,
            IdempotencyKey = key,
            ProfileCode = policy.Profile.Code,
            Urgent = request.Urgent,
        };
        CaseRowProjection.Apply(record, transition.Case, transition.Event);
        db.Cases.Add(record);
        for (var i = 0; i < parties.Count; i++)
        {
            var p = parties[i];
            db.CaseParties.Add(new CaseParty { CaseId = id, ResidentId = residents[i]?.Id, Name = p.Name!.Trim(), IsRepresentative = p.IsRepresentative }.Protect(protector, p.IdNumber, p.Phone));
        }
        await CaseEventLog.AppendAsync(db, id, transition.Event, cancellationToken);
        await Notices.ResidentNotices.QueueAsync(db, record, transition.Event, transition.Case.Version, cancellationToken);
        try
        {
            if (grouped)
            {
                await SaveInNextBatchAsync(commits!);
            }
            else
            {
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        catch (DbUpdateException) when (key is not null)
        {
            // The key was used before (a retry), or twice at once: the stored case is the answer.
            db.ChangeTracker.Clear();
            var winner = await FindByKeyAsync(key, cancellationToken);
            if (winner is null)
            {
                throw;
            }
            return new IntakeResult(winner, Replayed: true, []);
        }
        // This node finds the new case at once; other nodes on their next catch-up.
        matters.Add(record.Id, signature);
        return new IntakeResult(record, Replayed: false, earlierCases, similar);
    }

    /// <summary>
    /// Hands this registration's new rows to the node's group commit and waits for their batch. Not cancellable once
    /// queued: the case is then saved either way, and a retry with the same key finds it. Afterwards the rows are
    /// tracked here again, unchanged, as after a save of this context.
    /// </summary>
    private async Task SaveInNextBatchAsync(RegistrationCommits group)
    {
        var added = db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList();
        var entities = added.Select(e => e.Entity).ToList();
        foreach (var entry in added)
        {
            entry.State = EntityState.Detached;
        }
        await group.SaveAsync(entities);
        db.AttachRange(entities);
    }

    /// <summary>From this node's reserved block when the process shares one; one number at a time otherwise.</summary>
    private async Task<string> NextTrackingCodeAsync(string prefix, int year, CancellationToken cancellationToken) => numbers is null
        ? await CaseCodes.NextTrackingCodeAsync(db, prefix, year, cancellationToken)
        : CaseCodes.Format(prefix, year, await numbers.NextAsync(db, prefix, year, cancellationToken));

    private async Task<CaseRecord?> StoredUnderAsync(string key, CancellationToken cancellationToken) =>
        lookups is null || db.Database.CurrentTransaction is not null
            ? await FindByKeyAsync(key, cancellationToken)
            : (await lookups.LookUpAsync(IntakeLookup.ForKey(key)).WaitAsync(cancellationToken)).Stored;

    private Task<CaseRecord?> FindByKeyAsync(string key, CancellationToken cancellationToken) =>
        db.Cases.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.IdempotencyKey == key, cancellationToken);

    private async Task<List<Resident?>> ResolveResidentsAsync(List<NewParty> parties, string division, CancellationToken cancellationToken)
    {
        var result = new List<Resident?>();
        foreach (var party in parties)
        {
            Resident? resident = null;
            if (party.IdNumber is { } id)
            {
                // The person may be known from another area's case; identity does not depend on who is registering.
                var index = protector.IdNumberIndex(id);
                resident = await db.Residents.IgnoreQueryFilters().FirstOrDefaultAsync(r => r.IdNumberIndex == index, cancellationToken);
                if (resident is null)
                {
                    resident = new Resident { Name = party.Name!.Trim(), DivisionCode = division }.Protect(protector, id, party.Phone);
                    db.Residents.Add(resident);
                }
            }
            result.Add(resident);
        }
        return result;
    }
}
