using System.Security.Cryptography;
using Fengqiao.Core.Mediation;
using Fengqiao.Data.Infrastructure;
using Fengqiao.Data.Notices;
using Fengqiao.Data.Scope;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Mediation;

/// <summary>What an invited party sees on the session page: who they are (masked), the session, the agreement text as it stands, who signed.</summary>
public sealed record JoinView(Guid InvitationId, string Party, string PhoneMasked, string Committee, string Parties, MediationState State, RemoteSession? Session,
    string? AgreementText, string? AgreementSha256, IReadOnlyList<AgreementSignature> Signatures, Instant? EffectiveAt, LocalDate? ConfirmationDueDate, Guid MediationId)
{
    public bool HasSigned => Signatures.Any(s => !s.IsMediator && s.Signer == Party);

    public bool MaySign => State == MediationState.AgreementDrafted && AgreementText is not null && !HasSigned;
}

public enum CodeSending
{
    Sent = 1,
    TooSoon = 2,
    NotFound = 3,
    NotNeeded = 4,
}

/// <summary>What a code check did: the code's outcome, and for a signature a refusal by the agreement's rules (the code is then left unused).</summary>
public sealed record CodeAnswer(CodeOutcome Outcome, string? Refusal = null);

/// <summary>
/// The invited party's side of remote mediation (远程调解), without an account: the link's token finds one invitation;
/// SMS codes (Core's <see cref="OneTimeCodes"/>) open the session and sign the agreement. Acts on a context of its own
/// acting as the system, for that one invitation's mediation only. A wrong or expired code changes nothing but the
/// code's count of tries.
/// </summary>
public sealed class RemoteMediationDesk(DatabaseSettings settings, IClock clock)
{
    private FengqiaoDbContext Open() => settings.CreateContext(new SystemAccessScopeProvider());

    public async Task<JoinView?> ViewAsync(string? token, CancellationToken ct = default)
    {
        await using var db = Open();
        return await ViewAsync(db, await FindAsync(db, token, ct), ct);
    }

    /// <summary>Sends a new code for <paramref name="purpose"/> by SMS, at most one a minute; a signed party needs no signing code.</summary>
    public async Task<CodeSending> SendCodeAsync(string? token, CodePurpose purpose, CancellationToken ct = default)
    {
        await using var db = Open();
        if (await FindAsync(db, token, ct) is not { } invitation || !Enum.IsDefined(purpose))
        {
            return CodeSending.NotFound;
        }
        var view = await ViewAsync(db, invitation, ct);
        if (purpose == CodePurpose.Sign && view?.MaySign != true)
        {
            return CodeSending.NotNeeded;
        }
        var now = clock.GetCurrentInstant();
        var last = await LastCodeAsync(db, invitation.Id, purpose, ct);
        if (!OneTimeCodes.MaySend(last is null ? null : Code(last), now))
        {
            return CodeSending.TooSoon;
        }
        var digits = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var code = OneTimeCodes.Issue(digits, invitation.Id, purpose, now);
        var row = new MediationCodeRecord { InvitationId = invitation.Id, Purpose = purpose, Hash = code.Hash, IssuedAt = code.IssuedAt, ExpiresAt = code.ExpiresAt };
        db.MediationCodes.Add(row);
        var what = purpose == CodePurpose.Join ? "进入远程调解" : "签署人民调解协议书";
        var text = $"【枫桥】您{what}的验证码为 {digits}，{OneTimeCodes.Validity.TotalMinutes:0} 分钟内有效，请勿告诉他人。";
        db.Notices.Add(new Notice
        {
            DedupKey = $"mediation.code:{row.Id:N}", Channel = NoticeChannel.Sms, Address = invitation.PhoneCipher, Kind = "mediation.code",
            Subject = text, Body = text, CreatedAt = now,
        });
        await db.SaveChangesAsync(ct);
        return CodeSending.Sent;
    }

    /// <summary>Checks the join code; accepted, the invitation is marked joined. Null when the token names no invitation.</summary>
    public async Task<(CodeAnswer Answer, Guid InvitationId)?> JoinAsync(string? token, string? typed, CancellationToken ct = default)
    {
        await using var db = Open();
        if (await FindAsync(db, token, ct) is not { } invitation)
        {
            return null;
        }
        var outcome = await CheckAsync(db, invitation, CodePurpose.Join, typed, ct);
        if (outcome == CodeOutcome.Accepted)
        {
            invitation.JoinedAt ??= clock.GetCurrentInstant();
        }
        await db.SaveChangesAsync(ct);
        return (new CodeAnswer(outcome), invitation.Id);
    }

    /// <summary>
    /// Signs the agreement text with hash <paramref name="textSha256"/> (what the page showed) with a fresh signing code:
    /// the code is used and the signature appended to the mediation's chain in one save. Null when the token names no invitation.
    /// </summary>
    public async Task<CodeAnswer?> SignAsync(string? token, string? typed, string? textSha256, CancellationToken ct = default)
    {
        await using var db = Open();
        if (await FindAsync(db, token, ct) is not { } invitation)
        {
            return null;
        }
        var view = await ViewAsync(db, invitation, ct);
        var mediation = view is null ? null : MediationDesk.Replay(await db.MediationEvents.AsNoTracking().Where(e => e.MediationId == invitation.MediationId).OrderBy(e => e.Sequence).ToListAsync(ct));
        var desk = new MediationDesk(db, clock);
        // Refused by the agreement's rules before the code is looked at, so a refused signature does not use the code up.
        if (mediation?.PartySigningRefusal(invitation.PartyName, desk.StepTime(mediation), textSha256) is { } refusal)
        {
            return new CodeAnswer(CodeOutcome.Accepted, refusal);
        }
        var outcome = await CheckAsync(db, invitation, CodePurpose.Sign, typed, ct);
        if (outcome == CodeOutcome.Accepted)
        {
            await desk.SignAsPartyAsync(invitation.MediationId, invitation.PartyName, textSha256!, ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw new MediationConflictException();
        }
        return new CodeAnswer(outcome);
    }

    /// <summary>The agreement document for a party who has signed it (their copy), or null.</summary>
    public async Task<AgreementDocument?> SignedCopyAsync(string? token, CancellationToken ct = default)
    {
        await using var db = Open();
        if (await FindAsync(db, token, ct) is not { } invitation || await ViewAsync(db, invitation, ct) is not { HasSigned: true }
            || await new MediationDesk(db, clock).MediationAsync(invitation.MediationId, ct) is not { } view)
        {
            return null;
        }
        return AgreementDocument.For(view.Mediation, view.Committee, view.Mediator);
    }

    private async Task<CodeOutcome> CheckAsync(FengqiaoDbContext db, MediationInvitationRecord invitation, CodePurpose purpose, string? typed, CancellationToken ct)
    {
        // Only the latest code counts: asking for a new one retires the old.
        if (await LastCodeAsync(db, invitation.Id, purpose, ct, tracked: true) is not { } row)
        {
            return CodeOutcome.Expired;
        }
        var (outcome, after) = OneTimeCodes.Check(Code(row), typed, invitation.Id, purpose, clock.GetCurrentInstant());
        (row.Attempts, row.UsedAt) = (after.Attempts, after.UsedAt);
        return outcome;
    }

    private static OneTimeCode Code(MediationCodeRecord row) => new(row.Hash, row.IssuedAt, row.ExpiresAt, row.Attempts, row.UsedAt);

    private static Task<MediationCodeRecord?> LastCodeAsync(FengqiaoDbContext db, Guid invitation, CodePurpose purpose, CancellationToken ct, bool tracked = false)
    {
        var codes = tracked ? db.MediationCodes : db.MediationCodes.AsNoTracking();
        return codes.Where(c => c.InvitationId == invitation && c.Purpose == purpose).OrderByDescending(c => c.IssuedAt).ThenByDescending(c => c.Id).FirstOrDefaultAsync(ct);
    }

    private static async Task<MediationInvitationRecord?> FindAsync(FengqiaoDbContext db, string? token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 64)
        {
            return null;
        }
        var hash = MediationDesk.TokenHash(token.Trim());
        return await db.MediationInvitations.FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
    }

    private async Task<JoinView?> ViewAsync(FengqiaoDbContext db, MediationInvitationRecord? invitation, CancellationToken ct)
    {
        if (invitation is null || await new MediationDesk(db, clock).MediationAsync(invitation.MediationId, ct) is not { } view)
        {
            return null;
        }
        var m = view.Mediation;
        var text = m.AgreementDocumentText;
        return new JoinView(invitation.Id, invitation.PartyName, invitation.PhoneMasked, view.Committee, view.Record.Parties, m.State,
            m.RemoteSessions.FirstOrDefault(s => s.Number == invitation.SessionNumber), text, text is null ? null : AgreementText.Sha256(text), m.Signatures,
            m.Agreement?.EffectiveAt, m.ConfirmationDueDate, m.Id);
    }
}
