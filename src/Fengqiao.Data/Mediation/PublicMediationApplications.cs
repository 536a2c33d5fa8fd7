using System.Security.Cryptography;
using Fengqiao.Core.Cases.Intake;
using Fengqiao.Core.Mediation;
using Fengqiao.Data.Infrastructure;
using Fengqiao.Data.Scope;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Mediation;

/// <summary>A room or mediator a resident may choose, with what the portal shows of them.</summary>
public sealed record PublicChoice(Guid Id, string Name, string? Description);

/// <summary>A committee with its named rooms and mediators (profile, specialities, 新乡贤) as the portal lists them.</summary>
public sealed record PublicCommittee(Guid Id, string Name, CommitteeKind Kind, string? Field, string Division, IReadOnlyList<PublicChoice> Rooms,
    IReadOnlyList<PublicMediator> Mediators);

public sealed record PublicMediator(Guid Id, string Name, MediatorEmployment Employment, string Specialities, bool IsRespectedLocal, string? Profile);

/// <summary>An application the portal refused, keyed by field; each message reads "中文 (English)".</summary>
public sealed class MediationApplicationException(IReadOnlyDictionary<string, string[]> errors) : Exception("调解申请有误 (the application has errors)")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>What the resident keeps: the receipt code and where the application went.</summary>
public sealed record MediationApplicationReceipt(Guid MediationId, string ReceiptCode, string Committee, string? Chosen);

/// <summary>
/// The resident's online application for people's mediation (网上申请调解) on the portal, without an account: the
/// committees, named rooms and mediators to choose from, and the application itself, which reaches the chosen
/// committee's list as 待受理 through the mediation desk's own opening (so Core's rules). It works through a context
/// acting as the system for these acts only, like <see cref="PublicCentres"/>; the mobile is sealed like every phone.
/// </summary>
public sealed class PublicMediationApplications(DatabaseSettings settings, IClock clock, Security.PersonalDataProtector protector)
{
    /// <summary>Who the log names as having opened an online application.</summary>
    public const string Actor = "网上申请 (online application)";

    private FengqiaoDbContext Open() => settings.CreateContext(new SystemAccessScopeProvider());

    public async Task<IReadOnlyList<PublicCommittee>> CommitteesAsync(CancellationToken ct = default)
    {
        await using var db = Open();
        var committees = await db.MediationCommittees.AsNoTracking().OrderBy(c => c.DivisionCode).ThenBy(c => c.Name).ToListAsync(ct);
        var rooms = (await db.MediationRooms.AsNoTracking().OrderBy(r => r.Name).ToListAsync(ct)).ToLookup(r => r.CommitteeId);
        var mediators = (await db.Mediators.AsNoTracking().OrderBy(m => m.Name).ToListAsync(ct)).ToLookup(m => m.CommitteeId);
        var codes = committees.Select(c => c.DivisionCode).Distinct().ToList();
        var names = await db.Divisions.AsNoTracking().Where(d => codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        return [.. committees.Select(c => new PublicCommittee(c.Id, c.Name, c.Kind, c.Field, names.GetValueOrDefault(c.DivisionCode, c.DivisionCode),
            [.. rooms[c.Id].Select(r => new PublicChoice(r.Id, r.Name, r.Description))],
            [.. mediators[c.Id].Select(m => new PublicMediator(m.Id, m.Name, m.Employment, m.Specialities, m.IsRespectedLocal, m.Profile))]))];
    }

    /// <summary>Receives an application; every check runs before the save, so a refused one leaves nothing behind.</summary>
    public async Task<MediationApplicationReceipt> ApplyAsync(MediationApplicationDraft draft, CancellationToken ct = default)
    {
        var errors = MediationApplication.Validate(draft).ToDictionary();
        await using var db = Open();
        Guid committeeId = Guid.Empty;
        Guid? roomId = null, mediatorId = null;
        string? chosen = null;
        if (MediationApplication.TryParseChoice(draft.Choice, out var target, out var id))
        {
            switch (target)
            {
                case ApplicationTarget.Committee:
                    committeeId = await db.MediationCommittees.AsNoTracking().Where(c => c.Id == id).Select(c => c.Id).FirstOrDefaultAsync(ct);
                    break;
                case ApplicationTarget.Room:
                    if (await db.MediationRooms.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is { } room)
                    {
                        (committeeId, roomId, chosen) = (room.CommitteeId, room.Id, room.Name);
                    }
                    break;
                default:
                    if (await db.Mediators.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct) is { } mediator)
                    {
                        (committeeId, mediatorId, chosen) = (mediator.CommitteeId, mediator.Id, mediator.Name);
                    }
                    break;
            }
            if (committeeId == Guid.Empty)
            {
                errors["Choice"] = ["所选调解组织或调解员不存在，请重新选择 (that choice no longer exists; choose again)"];
            }
        }
        if (errors.Count > 0)
        {
            throw new MediationApplicationException(errors);
        }
        PhoneNumber.TryParse(draft.Phone, out var phone, out _);
        await protector.EnsureReadyAsync(ct);
        var request = new NewMediationRequest(committeeId, roomId, mediatorId, MediationInitiation.OneParty, draft.Kind, draft.Matter!.Trim(),
            [new MediationParty(draft.Applicant!.Trim(), PartySide.Applicant), new MediationParty(draft.Respondent!.Trim(), PartySide.Respondent)]);
        MediationRecord record;
        try
        {
            record = await new MediationDesk(db, clock, protector).OpenUnsavedAsync(request, Actor, ct);
        }
        catch (MediationRuleException ex)
        {
            throw new MediationApplicationException(new Dictionary<string, string[]> { ["Matter"] = [ex.Message] });
        }
        var sealedPhone = protector.ProtectPhone(phone.Value);
        var receipt = NewReceiptCode();
        db.MediationApplicants.Add(new MediationApplicantRecord
        {
            MediationId = record.Id, PhoneCipher = sealedPhone.Cipher, PhoneMasked = sealedPhone.Masked, ReceiptCode = receipt, SubmittedAt = clock.GetCurrentInstant(),
        });
        await db.SaveChangesAsync(ct);
        var committee = await db.MediationCommittees.AsNoTracking().Where(c => c.Id == committeeId).Select(c => c.Name).FirstAsync(ct);
        return new MediationApplicationReceipt(record.Id, receipt, committee, chosen);
    }

    // TJ + 10 characters without the ones read alike (0/O, 1/I): short enough to copy from a phone.
    private static string NewReceiptCode() => "TJ" + RandomNumberGenerator.GetString("23456789ABCDEFGHJKLMNPQRSTUVWXYZ", 10);
}
