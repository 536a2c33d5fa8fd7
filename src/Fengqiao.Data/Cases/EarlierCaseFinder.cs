using Fengqiao.Core.Cases.Intake;
using Fengqiao.Core.People;
using Fengqiao.Data.Security;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Cases;

/// <summary>
/// Finds the earlier cases of a new submission: those of the same person (ID number, else phone and name) and those
/// the near-duplicate index names for the same matter. This class does the reads; which of them count, and as what
/// (a repeat petition, 重复信访, or a hint), is Core's <see cref="RepeatPetition"/>. The person's cases are looked up
/// everywhere (identity does not depend on who registers); other people's cases are shown only within the clerk's scope.
/// </summary>
public sealed class EarlierCaseFinder(FengqiaoDbContext db, IClock clock, PersonalDataProtector protector, Text.CaseMatterIndex matters, IntakeLookups? lookups = null)
{
    /// <summary>How many cases the near-duplicate index is asked for.</summary>
    private const int IndexedMatches = 10;

    /// <summary>
    /// What the intake desk shows while the clerk is still typing: the earlier cases the submission would be
    /// compared with, without storing anything. Party fields that do not parse are ignored here (the submission
    /// reports them).
    /// </summary>
    public async Task<IReadOnlyList<EarlierCase>> PreviewAsync(string? title, string? detail, string? categoryCode, IReadOnlyList<NewParty> parties, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(title) && string.IsNullOrWhiteSpace(detail))
        {
            return [];
        }
        var today = clock.GetCurrentInstant().InUtc().Date;
        var normalised = (parties ?? []).Select(p => p with
        {
            IdNumber = ResidentIdNumber.TryParse(p.IdNumber, today, out var id, out _) ? id.Value : null,
            Phone = PhoneNumber.TryParse(p.Phone, out var phone, out _) ? phone.Value : null,
            Name = string.IsNullOrWhiteSpace(p.Name) ? "" : p.Name,
        }).ToList();
        await protector.EnsureReadyAsync(cancellationToken);
        // ID numbers are compared by their blind index: the database holds none in clear.
        var ids = normalised.Where(p => p.IdNumber is not null).Select(p => protector.IdNumberIndex(p.IdNumber!)).ToList();
        var residentIds = ids.Count == 0 ? [] : await db.Residents.IgnoreQueryFilters().Where(r => ids.Contains(r.IdNumberIndex!)).Select(r => r.Id).ToListAsync(cancellationToken);
        var matter = new NewMatter(title ?? "", detail, NewCaseValidation.Blank(categoryCode));
        return await FindAsync(residentIds, normalised, matter, matters.Sign(matter.Title, matter.Detail), cancellationToken);
    }

    /// <summary>
    /// The earlier cases of <paramref name="residentIds"/> (the parties' residents known by ID number) and of the
    /// parties who gave only a phone, and of the matter <paramref name="signature"/> signs; best first.
    /// </summary>
    public async Task<IReadOnlyList<EarlierCase>> FindAsync(IReadOnlyList<Guid> residentIds, IReadOnlyList<NewParty> parties, NewMatter matter, Text.MatterSignature signature, CancellationToken cancellationToken)
    {
        // Phones are compared by their blind index: the database holds no phone in clear.
        var petitioners = new Petitioners(residentIds,
            [.. parties.Where(p => p.IdNumber is null && p.Phone is not null).Select(p => new PhoneAndName(protector.PhoneIndex(p.Phone!), p.Name!.Trim()))]);
        var indexed = matters.Query(signature, IndexedMatches);
        var lookup = new IntakeLookup(residentIds, [.. petitioners.ByPhone.Select(p => p.Phone)], [.. indexed.Select(m => m.CaseId)]);
        var rows = lookups is null
            ? (await IntakeLookups.QueryAsync(db, [lookup], cancellationToken))[0]
            : await lookups.LookUpAsync(lookup).WaitAsync(cancellationToken);

        var found = new Dictionary<Guid, EarlierCase>();
        var samePerson = rows.SamePerson.Where(c => petitioners.Include(c.ResidentId, c.Phone, c.Name)).DistinctBy(c => c.Id).ToList();
        if (samePerson.Count > 0)
        {
            var estimated = matters.SimilarityTo(signature, samePerson.Select(c => c.Id));
            foreach (var c in samePerson)
            {
                found[c.Id] = RepeatPetition.OfSamePerson(matter, c.TrackingCode, c.Title, c.Detail, c.CategoryCode, c.RegisteredAt, estimated.GetValueOrDefault(c.Id));
            }
        }
        // Scope applies: a clerk is told only of cases the clerk may open.
        var scope = db.Scope;
        var named = rows.Cases.ToDictionary(c => c.Id);
        foreach (var m in indexed)
        {
            if (!found.ContainsKey(m.CaseId) && named.TryGetValue(m.CaseId, out var c) && c.VisibleTo(scope))
            {
                found[c.Id] = RepeatPetition.OfSameMatter(c.TrackingCode, c.Title, c.RegisteredAt, m.Similarity);
            }
        }
        return RepeatPetition.Ranked(found.Values);
    }
}
