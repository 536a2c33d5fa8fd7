using Fengqiao.Data.Cases;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Security;

public sealed record RevealedParty(Guid PartyId, string Name, bool IsRepresentative, string? IdNumber, string? Phone);

public sealed record PersonalDataViewEntry(string AccountName, Instant At, string PartyName);

/// <summary>
/// Reveals a party's full ID number and phone to a staff member whose role allows it (the caller checks the role),
/// only for a case in their scope, and logs the view first: if the log cannot be written, nothing is revealed.
/// </summary>
public sealed class PersonalDataViews(FengqiaoDbContext db, PersonalDataProtector protector, IClock clock)
{
    public async Task<RevealedParty?> RevealAsync(string trackingCode, Guid partyId, string accountId, string accountName, CancellationToken cancellationToken = default)
    {
        var party = await (
                from p in db.CaseParties
                join c in db.Cases on p.CaseId equals c.Id
                where c.TrackingCode == trackingCode && p.Id == partyId
                select p)
            .AsNoTracking()
            .FirstOrDefaultAsync(cancellationToken);
        if (party is null)
        {
            return null;
        }
        await protector.EnsureReadyAsync(cancellationToken);
        db.PersonalDataViews.Add(new PersonalDataView { CaseId = party.CaseId, PartyId = party.Id, AccountId = accountId, AccountName = accountName, At = clock.GetCurrentInstant() });
        await db.SaveChangesAsync(cancellationToken);
        return new RevealedParty(
            party.Id,
            party.Name,
            party.IsRepresentative,
            party.IdNumberCipher is { } id ? protector.Reveal(id) : null,
            party.PhoneCipher is { } phone ? protector.Reveal(phone) : null);
    }

    /// <summary>Who saw this case's personal data, newest first (shown on the case page).</summary>
    public async Task<IReadOnlyList<PersonalDataViewEntry>> ForCaseAsync(Guid caseId, CancellationToken cancellationToken = default) =>
        await (from v in db.PersonalDataViews
               join p in db.CaseParties on v.PartyId equals p.Id
               where v.CaseId == caseId
               orderby v.At descending
               select new PersonalDataViewEntry(v.AccountName, v.At, p.Name))
            .Take(50)
            .ToListAsync(cancellationToken);
}
