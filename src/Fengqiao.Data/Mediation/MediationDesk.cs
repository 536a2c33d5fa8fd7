using System.Text.Json;
using Fengqiao.Core;
using Fengqiao.Core.Mediation;
using Fengqiao.Core.Organisations;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Data.Mediation;

/// <summary>A committee as entered: its kind, where it sits, the field of an industry committee, the members.</summary>
public sealed record NewCommittee(string? Name, CommitteeKind Kind, string? DivisionCode, string? Field, IReadOnlyList<CommitteeMember>? Members);

/// <summary>A mediation as entered: the committee, optionally a named room and mediator, how it started, the parties and the matter.</summary>
public sealed record NewMediationRequest(Guid CommitteeId, Guid? RoomId, Guid? MediatorId, MediationInitiation Initiation, DisputeKind Kind,
    string? Matter, IReadOnlyList<MediationParty>? Parties);

/// <summary>
/// The input of one step, whichever it is; each action reads the fields it needs. It is also what the step's log row
/// keeps, so replaying the log applies the same input through the same rules.
/// </summary>
public sealed record MediationStep(
    string? Reason = null,
    string? Place = null,
    bool Online = false,
    IReadOnlyList<string>? Participants = null,
    string? Record = null,
    int Days = 0,
    bool BothPartiesConsent = false,
    string? Note = null,
    AgreementTerms? Terms = null,
    string? Content = null,
    string? Routes = null,
    string? Court = null,
    bool Confirmed = false,
    string? Ruling = null,
    PerformanceFinding Finding = PerformanceFinding.Urged,
    Instant? StartsAt = null,
    IReadOnlyList<string>? Invited = null,
    string? TextSha256 = null,
    string? Party = null);

/// <summary>A party to invite to an online session and the mobile the SMS goes to (kept sealed, never in the log).</summary>
public sealed record RemoteInvitee(string Party, string? Mobile);

/// <summary>An invitation as staff see it: the party, the masked mobile, the session, whether they joined and signed.</summary>
public sealed record InvitationSummary(Guid Id, int SessionNumber, string Party, string PhoneMasked, Instant CreatedAt, Instant? JoinedAt, Instant? SignedAt);

/// <summary>Someone acted on the mediation first: the caller's version is stale.</summary>
public sealed class MediationConflictException() : Exception("该调解已被他人更新，请刷新后重试 (someone updated the mediation first; reload and try again)");

public sealed record CommitteeSummary(MediationCommitteeRecord Record, string DivisionName, int Members, int Women, int Rooms, int Mediators, int Mediations);

public sealed record CommitteeView(MediationCommitteeRecord Record, string DivisionName, IReadOnlyList<MediationCommitteeMemberRecord> Members,
    IReadOnlyList<MediationRoomRecord> Rooms, IReadOnlyList<MediatorRecord> Mediators);

/// <summary>A mediation as lists show it, with how near its time limit is now (<see cref="MediationLimit"/>).</summary>
public sealed record MediationSummary(MediationRecord Record, string Committee, string? Room, MediationLimitStatus Limit = MediationLimitStatus.OnTrack, string? Mediator = null);

public sealed record MediationView(MediationRecord Record, Core.Mediation.Mediation Mediation, string Committee, string? Room, string? Mediator,
    IReadOnlyList<MediationEventRecord> Events);

/// <summary>
/// People's mediation (人民调解) over the database: committees, rooms and mediators, and each mediation's steps as rows
/// of its log with the step's full input. Core's <see cref="Core.Mediation.Mediation"/> is rebuilt by replaying them,
/// so every rule is Core's and the row is only the projection lists and scope read. Scope is the query filters': a
/// committee outside the caller's area (or guidance) and its mediations are simply not found.
/// </summary>
public sealed class MediationDesk(FengqiaoDbContext db, IClock clock, Security.PersonalDataProtector? protector = null)
{
    /// <summary>The log kind of a party's own signature, the one step taken by someone who is not staff.</summary>
    public const string PartySignedKind = "mediation.party-signed";

    // Chinese kept as it is, so long records stay within the column.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(), new LocalDateConverter(), new InstantConverter() },
    };

    public async Task<IReadOnlyList<CommitteeSummary>> CommitteesAsync(CancellationToken ct = default)
    {
        var committees = await db.MediationCommittees.AsNoTracking().OrderBy(c => c.DivisionCode).ThenBy(c => c.Name).ToListAsync(ct);
        var ids = committees.Select(c => c.Id).ToList();
        var members = await db.MediationCommitteeMembers.AsNoTracking().Where(m => ids.Contains(m.CommitteeId))
            .GroupBy(m => m.CommitteeId).Select(g => new { g.Key, Count = g.Count(), Women = g.Count(m => m.IsWoman) }).ToDictionaryAsync(g => g.Key, ct);
        var rooms = await Counts(db.MediationRooms.Where(r => ids.Contains(r.CommitteeId)).Select(r => r.CommitteeId), ct);
        var mediators = await Counts(db.Mediators.Where(m => ids.Contains(m.CommitteeId)).Select(m => m.CommitteeId), ct);
        var mediations = await Counts(db.Mediations.Where(m => ids.Contains(m.CommitteeId)).Select(m => m.CommitteeId), ct);
        var names = await DivisionNames(committees.Select(c => c.DivisionCode), ct);
        return [.. committees.Select(c => new CommitteeSummary(c, names.GetValueOrDefault(c.DivisionCode, c.DivisionCode),
            members.TryGetValue(c.Id, out var m) ? m.Count : 0, m?.Women ?? 0, rooms.GetValueOrDefault(c.Id), mediators.GetValueOrDefault(c.Id), mediations.GetValueOrDefault(c.Id)))];
    }

    public async Task<CommitteeView?> CommitteeAsync(Guid id, CancellationToken ct = default)
    {
        var committee = await db.MediationCommittees.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (committee is null)
        {
            return null;
        }
        var members = await db.MediationCommitteeMembers.AsNoTracking().Where(m => m.CommitteeId == id).OrderBy(m => m.Position).ToListAsync(ct);
        var rooms = await db.MediationRooms.AsNoTracking().Where(r => r.CommitteeId == id).OrderBy(r => r.Name).ToListAsync(ct);
        var mediators = await db.Mediators.AsNoTracking().Where(m => m.CommitteeId == id).OrderBy(m => m.Name).ToListAsync(ct);
        var names = await DivisionNames([committee.DivisionCode], ct);
        return new CommitteeView(committee, names.GetValueOrDefault(committee.DivisionCode, committee.DivisionCode), members, rooms, mediators);
    }

    /// <summary>
    /// Registers a committee; when the caller sits in a judicial office (司法所), that office guides it. Core refuses a
    /// committee breaking 人民调解法第八条 with every reason; the place must be a known division the caller may see.
    /// </summary>
    public async Task<MediationCommitteeRecord> RegisterCommitteeAsync(NewCommittee request, Guid? callerUnitId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!DivisionCode.TryParse(request.DivisionCode, out var division, out _)
            || !await db.Divisions.AsNoTracking().AnyAsync(d => d.Code == division.Value, ct))
        {
            throw new MediationRuleException("请选择调解委员会所在的行政区划 (choose where the committee sits)");
        }
        // A judicial office guides the committees of its own area; any other unit registers within the area it sees.
        var unit = callerUnitId is { } u ? await db.Units.AsNoTracking().Where(x => x.Id == u).Select(x => new { x.Id, x.Kind, x.DivisionCode }).FirstOrDefaultAsync(ct) : null;
        var guiding = unit?.Kind == UnitKind.JudicialOffice ? unit : null;
        if (!db.Scope.SeesAll && !(db.Scope.Area is { } area && division.IsWithin(area))
            && !(guiding is not null && division.Value.StartsWith(guiding.DivisionCode, StringComparison.Ordinal)))
        {
            throw new MediationRuleException("只能在本辖区登记调解委员会 (a committee is registered only within your own area)");
        }
        var committee = MediationCommittee.Register(Guid.CreateVersion7(), request.Name, request.Kind, division, request.Field, request.Members);
        var record = new MediationCommitteeRecord
        {
            Id = committee.Id, Name = committee.Name, Kind = committee.Kind, DivisionCode = division.Value, Field = committee.Field,
            GuidingUnitId = guiding?.Id, RegisteredAt = clock.GetCurrentInstant(),
        };
        db.MediationCommittees.Add(record);
        db.MediationCommitteeMembers.AddRange(committee.Members.Select((m, i) => new MediationCommitteeMemberRecord
        {
            CommitteeId = record.Id, Position = i + 1, Name = m.Name, IsWoman = m.IsWoman, Seat = m.Seat,
        }));
        await db.SaveChangesAsync(ct);
        return record;
    }

    public async Task<MediationRoomRecord?> AddRoomAsync(Guid committeeId, string? name, string? description, CancellationToken ct = default)
    {
        if (!await db.MediationCommittees.AnyAsync(c => c.Id == committeeId, ct))
        {
            return null;
        }
        var room = MediationRoom.Create(Guid.CreateVersion7(), committeeId, name, description);
        var record = new MediationRoomRecord { Id = room.Id, CommitteeId = committeeId, Name = room.Name, Description = room.Description };
        db.MediationRooms.Add(record);
        await db.SaveChangesAsync(ct);
        return record;
    }

    public async Task<MediatorRecord?> AddMediatorAsync(Guid committeeId, string? name, MediatorEmployment employment, IEnumerable<string>? specialities,
        bool isRespectedLocal, string? profile, CancellationToken ct = default)
    {
        if (!await db.MediationCommittees.AnyAsync(c => c.Id == committeeId, ct))
        {
            return null;
        }
        var mediator = Mediator.Create(Guid.CreateVersion7(), committeeId, name, employment, specialities, isRespectedLocal, profile);
        var record = new MediatorRecord
        {
            Id = mediator.Id, CommitteeId = committeeId, Name = mediator.Name, Employment = mediator.Employment,
            Specialities = string.Join("、", mediator.Specialities), IsRespectedLocal = mediator.IsRespectedLocal, Profile = mediator.Profile,
        };
        db.Mediators.Add(record);
        await db.SaveChangesAsync(ct);
        return record;
    }

    /// <summary>
    /// Mediations in the caller's scope, latest activity first; of one committee, or one mediator's work list
    /// (their own cases, those nearest to or past the time limit first). Each carries its time-limit warning now.
    /// </summary>
    public async Task<IReadOnlyList<MediationSummary>> MediationsAsync(Guid? committeeId = null, CancellationToken ct = default, Guid? mediatorId = null)
    {
        var query = db.Mediations.AsNoTracking();
        if (committeeId is { } c)
        {
            query = query.Where(m => m.CommitteeId == c);
        }
        if (mediatorId is { } who)
        {
            query = query.Where(m => m.MediatorId == who);
        }
        var rows = await query.OrderByDescending(m => m.LastActionAt).ToListAsync(ct);
        var committees = await db.MediationCommittees.AsNoTracking().Select(x => new { x.Id, x.Name }).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var rooms = await db.MediationRooms.AsNoTracking().Select(x => new { x.Id, x.Name }).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var mediators = await db.Mediators.AsNoTracking().Select(x => new { x.Id, x.Name }).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var now = clock.GetCurrentInstant();
        var list = rows.Select(r => new MediationSummary(r, committees.GetValueOrDefault(r.CommitteeId, "?"), r.RoomId is { } room ? rooms.GetValueOrDefault(room) : null,
            MediationLimit.At(r.State, r.LimitDate is { } l ? LocalDate.FromDateOnly(l) : null, now),
            r.MediatorId is { } m ? mediators.GetValueOrDefault(m) : null));
        // A mediator works the warned cases first; the general lists keep the order of latest activity.
        return mediatorId is null ? [.. list] : [.. list.OrderByDescending(s => s.Limit).ThenBy(s => s.Record.LimitDate ?? DateOnly.MaxValue)];
    }

    /// <summary>One mediator as their work list heads it, or null outside the caller's scope.</summary>
    public Task<MediatorRecord?> MediatorAsync(Guid id, CancellationToken ct = default) =>
        db.Mediators.AsNoTracking().Where(m => db.MediationCommittees.Any(c => c.Id == m.CommitteeId)).FirstOrDefaultAsync(m => m.Id == id, ct);

    public async Task<MediationView?> MediationAsync(Guid id, CancellationToken ct = default)
    {
        var record = await db.Mediations.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (record is null)
        {
            return null;
        }
        var events = await db.MediationEvents.AsNoTracking().Where(e => e.MediationId == id).OrderBy(e => e.Sequence).ToListAsync(ct);
        var committee = await db.MediationCommittees.AsNoTracking().Where(c => c.Id == record.CommitteeId).Select(c => c.Name).FirstAsync(ct);
        var room = record.RoomId is { } r ? await db.MediationRooms.AsNoTracking().Where(x => x.Id == r).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        var mediator = record.MediatorId is { } m ? await db.Mediators.AsNoTracking().Where(x => x.Id == m).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        return new MediationView(record, Replay(events), committee, room, mediator, events);
    }

    /// <summary>Opens a mediation at a committee the caller may see; the room and mediator, if named, must be the committee's.</summary>
    public async Task<MediationRecord> OpenAsync(NewMediationRequest request, string actor, CancellationToken ct = default)
    {
        var record = await BuildAsync(request, actor, null, ct);
        await db.SaveChangesAsync(ct);
        return record;
    }

    // The committee must be one the caller sees; a named room and mediator must be the committee's.
    private async Task CheckOpeningAsync(NewMediationRequest request, CancellationToken ct)
    {
        if (!await db.MediationCommittees.AnyAsync(c => c.Id == request.CommitteeId, ct))
        {
            throw new MediationRuleException("调解委员会不存在或不在您的范围内 (no such committee in your scope)");
        }
        if (request.RoomId is { } room && !await db.MediationRooms.AnyAsync(r => r.Id == room && r.CommitteeId == request.CommitteeId, ct))
        {
            throw new MediationRuleException("所选调解室不属于该调解委员会 (the room is not the committee's)");
        }
        if (request.MediatorId is { } mediator && !await db.Mediators.AnyAsync(m => m.Id == mediator && m.CommitteeId == request.CommitteeId, ct))
        {
            throw new MediationRuleException("所选调解员不属于该调解委员会 (the mediator is not the committee's)");
        }
    }

    /// <summary>Takes one step; null when the mediation is not in the caller's scope. Core refuses what its rules refuse.</summary>
    public Task<MediationView?> TakeAsync(Guid id, int? expectedVersion, MediationActor actor, MediationAction action, MediationStep step, CancellationToken ct = default) =>
        TakeAsync(id, expectedVersion, actor, action, step, null, ct);

    /// <summary>
    /// Schedules an online session and invites the chosen parties: each gets an SMS (through the notice outbox, in the
    /// same save) with a link to the public session page; the link's token and the mobile are kept apart from the log
    /// (the token as a hash, the mobile sealed). Every invitee needs a valid mobile.
    /// </summary>
    public async Task<MediationView?> ScheduleRemoteSessionAsync(Guid id, int? expectedVersion, MediationActor actor, Instant startsAt, IReadOnlyList<RemoteInvitee> invitees,
        string linkBase, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(invitees);
        ArgumentNullException.ThrowIfNull(linkBase);
        var phones = new Dictionary<string, Core.Cases.Intake.PhoneNumber>(StringComparer.Ordinal);
        foreach (var invitee in invitees.Where(i => !string.IsNullOrWhiteSpace(i.Mobile)))
        {
            if (!Core.Cases.Intake.PhoneNumber.TryParse(invitee.Mobile, out var phone, out _) || phone.Value.StartsWith('0'))
            {
                throw new MediationRuleException($"{invitee.Party}的手机号不正确：须为 11 位手机号码 ({invitee.Party}'s mobile must be an 11-digit mobile number)");
            }
            phones[invitee.Party.Trim()] = phone;
        }
        var seal = protector ?? throw new InvalidOperationException("Inviting parties needs the personal data protector");
        await seal.EnsureReadyAsync(ct);
        var step = new MediationStep(StartsAt: startsAt, Invited: [.. phones.Keys]);
        return await TakeAsync(id, expectedVersion, actor, MediationAction.ScheduleRemoteSession, step, (after, now) =>
        {
            var session = after.RemoteSessions[^1];
            var when = session.StartsAt.InZone(Core.Mediation.Mediation.Zone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
            foreach (var (party, phone) in phones)
            {
                var token = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
                var sealedPhone = seal.ProtectPhone(phone.Value);
                var invitation = new MediationInvitationRecord
                {
                    MediationId = id, SessionNumber = session.Number, PartyName = party, PhoneCipher = sealedPhone.Cipher, PhoneMasked = phone.Masked,
                    TokenHash = TokenHash(token), CreatedAt = now,
                };
                db.MediationInvitations.Add(invitation);
                var text = $"【枫桥】{party}您好，人民调解委员会邀请您于 {when} 参加远程调解，打开链接并输入短信验证码进入：{linkBase.TrimEnd('/')}/mediation/join/{token}";
                db.Notices.Add(new Notices.Notice
                {
                    DedupKey = $"mediation.invitation:{invitation.Id:N}", Channel = Notices.NoticeChannel.Sms, Address = sealedPhone.Cipher, Kind = "mediation.invitation",
                    Subject = text, Body = text, CreatedAt = now,
                });
            }
        }, ct);
    }

    /// <summary>The invitations of a mediation, newest session first, with whether each party joined and signed.</summary>
    public async Task<IReadOnlyList<InvitationSummary>> InvitationsAsync(Guid id, CancellationToken ct = default)
    {
        if (await MediationAsync(id, ct) is not { } view)
        {
            return [];
        }
        var rows = await db.MediationInvitations.AsNoTracking().Where(i => i.MediationId == id).OrderByDescending(i => i.SessionNumber).ThenBy(i => i.PartyName).ToListAsync(ct);
        return [.. rows.Select(r => new InvitationSummary(r.Id, r.SessionNumber, r.PartyName, r.PhoneMasked, r.CreatedAt, r.JoinedAt,
            view.Mediation.Signatures.Where(s => !s.IsMediator && s.Signer == r.PartyName).Select(s => (Instant?)s.At).FirstOrDefault()))];
    }

    /// <summary>The written agreement as a document (人民调解协议书), or null when the mediation is not in scope or has none.</summary>
    public async Task<AgreementDocument?> AgreementDocumentAsync(Guid id, CancellationToken ct = default) =>
        await MediationAsync(id, ct) is { } view ? AgreementDocument.For(view.Mediation, view.Committee, view.Mediator) : null;

    /// <summary>The SHA-256 of a link token, which is all the database keeps of it.</summary>
    public static string TokenHash(string token) => AgreementText.Sha256(token);

    /// <summary>A party's own signature (not a staff step): appended to the mediation's chain with the text's hash, projected in the same save.</summary>
    internal async Task<Core.Mediation.Mediation?> SignAsPartyAsync(Guid id, string party, string textSha256, CancellationToken ct)
    {
        var record = await db.Mediations.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (record is null)
        {
            return null;
        }
        var events = await db.MediationEvents.AsNoTracking().Where(e => e.MediationId == id).OrderBy(e => e.Sequence).ToListAsync(ct);
        var mediation = Replay(events);
        var after = mediation.SignAsParty(party, StepTime(mediation), textSha256);
        Project(record, after);
        Append(id, after, events.Count + 1, events[^1].Hash, new MediationStep(TextSha256: textSha256, Party: party));
        return after;
    }

    private async Task<MediationView?> TakeAsync(Guid id, int? expectedVersion, MediationActor actor, MediationAction action, MediationStep step,
        Action<Core.Mediation.Mediation, Instant>? also, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(step);
        var record = await db.Mediations.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (record is null)
        {
            return null;
        }
        if (expectedVersion is { } v && v != record.Version)
        {
            throw new MediationConflictException();
        }
        var events = await db.MediationEvents.AsNoTracking().Where(e => e.MediationId == id).OrderBy(e => e.Sequence).ToListAsync(ct);
        var mediation = Replay(events);
        // A step is never dated before the last one, even if this node's clock lags another's.
        var now = StepTime(mediation);
        var after = Apply(mediation, action, step, actor, now);
        Project(record, after);
        Append(id, after, events.Count + 1, events[^1].Hash, step);
        also?.Invoke(after, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The version token or the unique (mediation, sequence) index: someone acted first.
            throw new MediationConflictException();
        }
        return await MediationAsync(id, ct);
    }

    /// <summary>The instant a step taken now would be dated: the clock, never before the last step (what offers are asked for).</summary>
    public Instant StepTime(Core.Mediation.Mediation mediation)
    {
        ArgumentNullException.ThrowIfNull(mediation);
        return Max(clock.GetCurrentInstant(), mediation.LastActionAt);
    }

    /// <summary>The one place a step's input meets Core's command, live and in replay.</summary>
    public static Core.Mediation.Mediation Apply(Core.Mediation.Mediation m, MediationAction action, MediationStep s, MediationActor actor, Instant at) => action switch
    {
        MediationAction.Accept => m.Accept(actor, at),
        MediationAction.RefuseApplication => m.RefuseApplication(actor, at, s.Reason ?? ""),
        MediationAction.RecordConsent => m.RecordConsent(actor, at),
        MediationAction.RecordDeclined => m.RecordDeclined(actor, at, s.Reason ?? ""),
        MediationAction.RecordSession => m.RecordSession(actor, at, s.Place ?? "", s.Online, s.Participants ?? [], s.Record ?? ""),
        MediationAction.Extend => m.Extend(actor, at, s.Days, s.BothPartiesConsent, s.Note ?? ""),
        MediationAction.DraftAgreement => m.DraftAgreement(actor, at, s.Terms ?? throw new MediationRuleException("请填写协议内容 (fill in the agreement)")),
        MediationAction.SignAgreement => m.SignAgreement(actor, at),
        MediationAction.RecordOralAgreement => m.RecordOralAgreement(actor, at, s.Content ?? ""),
        MediationAction.RecordFailure => m.RecordFailure(actor, at, s.Reason ?? "", s.Routes ?? ""),
        MediationAction.ApplyForConfirmation => m.ApplyForConfirmation(actor, at, s.Court ?? ""),
        MediationAction.RecordConfirmationRuling => m.RecordConfirmationRuling(actor, at, s.Confirmed, s.Ruling ?? ""),
        MediationAction.RecordFollowUp => m.RecordFollowUp(actor, at, s.Finding, s.Note ?? ""),
        MediationAction.ScheduleRemoteSession => m.ScheduleRemoteSession(actor, at, s.StartsAt ?? throw new MediationRuleException("请填写远程调解时间 (give the session's time)"), s.Invited ?? []),
        MediationAction.SignAsMediator => m.SignAsMediator(actor, at, s.TextSha256 ?? ""),
        _ => throw new MediationRuleException("未知的调解操作 (unknown mediation action)"),
    };

    /// <summary>Rebuilds the Core mediation from its log, applying each step's stored input through the same rules.</summary>
    public static Core.Mediation.Mediation Replay(IReadOnlyList<MediationEventRecord> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        Core.Mediation.Mediation? mediation = null;
        foreach (var e in events)
        {
            // The roles were checked when the step was taken; replay repeats the step, not the permission.
            var actor = new MediationActor(e.Actor, StaffPermissions.RolesFor(StaffAction.Mediate));
            mediation = mediation is null
                ? Open(e.MediationId, Read<OpenedData>(e.Data), e.At, e.Actor)
                // A link to a case (访调对接) is chained with the steps but changes nothing of the mediation itself.
                : e.Action is null && e.Kind is PetitionMediationLinks.MediationFromCaseKind or PetitionMediationLinks.MediationBackToCaseKind
                ? mediation
                : e.Action is null && e.Kind == PartySignedKind
                ? mediation.SignAsParty(Read<MediationStep>(e.Data).Party ?? "", e.At, Read<MediationStep>(e.Data).TextSha256 ?? "")
                : Apply(mediation, e.Action ?? throw new InvalidOperationException($"Mediation event {e.Sequence} has no action"), Read<MediationStep>(e.Data), actor, e.At);
        }
        return mediation ?? throw new InvalidOperationException("A mediation without its opening event");
    }

    private static Core.Mediation.Mediation Open(Guid id, OpenedData o, Instant at, string actor) =>
        Core.Mediation.Mediation.Open(new NewMediation(id, o.CommitteeId, o.RoomId, o.MediatorId, o.Initiation, o.Kind, o.Matter, o.Parties, at, actor));

    private static void Project(MediationRecord record, Core.Mediation.Mediation m)
    {
        record.State = m.State;
        record.LastActionAt = m.LastActionAt;
        record.LimitDate = m.LimitDate?.ToDateOnly();
        record.AgreementEffectiveAt = m.Agreement?.EffectiveAt;
        record.ConfirmationDueDate = m.ConfirmationDueDate?.ToDateOnly();
        record.Sessions = m.Sessions.Length;
    }

    private MediationEventRecord Append(Guid mediationId, Core.Mediation.Mediation after, int sequence, string previousHash, object data)
    {
        var last = after.History[^1];
        var json = JsonSerializer.Serialize(data, data.GetType(), Json);
        var link = MediationEventRecord.LinkOf(mediationId, sequence, last.Kind, last.Action, last.Actor, last.At, json);
        var entry = new MediationEventRecord
        {
            MediationId = mediationId, Sequence = sequence, Kind = last.Kind, Action = last.Action, Before = last.Before, After = last.After, At = last.At,
            Actor = last.Actor, Data = json, PreviousHash = previousHash, Hash = Core.Audit.EventChain.Hash(previousHash, link),
        };
        db.MediationEvents.Add(entry);
        return entry;
    }

    /// <summary>Appends a link to a case (访调对接) to the mediation's chain; the caller saves.</summary>
    internal void AppendLink(Guid mediationId, MediationState state, int sequence, string previousHash, string kind, string actor, Instant at, object data)
    {
        var json = JsonSerializer.Serialize(data, data.GetType(), Json);
        var link = MediationEventRecord.LinkOf(mediationId, sequence, kind, null, actor, at, json);
        db.MediationEvents.Add(new MediationEventRecord
        {
            MediationId = mediationId, Sequence = sequence, Kind = kind, Action = null, Before = state, After = state, At = at,
            Actor = actor, Data = json, PreviousHash = previousHash, Hash = Core.Audit.EventChain.Hash(previousHash, link),
        });
    }

    /// <summary>Opens a mediation and chains, in the same save (the caller's), the link to the case it came from.</summary>
    internal Task<MediationRecord> OpenFromCaseAsync(NewMediationRequest request, string actor, Func<Guid, object> caseLink, CancellationToken ct) =>
        BuildAsync(request, actor, caseLink, ct);

    /// <summary>Opens a mediation to be saved in the caller's save (the centre's reception that chose it).</summary>
    internal Task<MediationRecord> OpenUnsavedAsync(NewMediationRequest request, string actor, CancellationToken ct) => BuildAsync(request, actor, null, ct);

    private async Task<MediationRecord> BuildAsync(NewMediationRequest request, string actor, Func<Guid, object>? caseLink, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        await CheckOpeningAsync(request, ct);
        var opening = new OpenedData(request.CommitteeId, request.RoomId, request.MediatorId, request.Initiation, request.Kind, request.Matter ?? "", [.. request.Parties ?? []]);
        var mediation = Open(Guid.CreateVersion7(), opening, clock.GetCurrentInstant(), actor);
        var record = new MediationRecord
        {
            Id = mediation.Id, CommitteeId = mediation.CommitteeId, RoomId = mediation.RoomId, MediatorId = mediation.MediatorId, Initiation = mediation.Initiation,
            Kind = mediation.Kind, Matter = mediation.Matter, Parties = PartyLine(mediation), AppliedAt = mediation.AppliedAt,
        };
        Project(record, mediation);
        db.Mediations.Add(record);
        var first = Append(record.Id, mediation, 1, Core.Audit.EventChain.Genesis, opening);
        if (caseLink is not null)
        {
            AppendLink(record.Id, mediation.State, 2, first.Hash, PetitionMediationLinks.MediationFromCaseKind, actor, mediation.AppliedAt, caseLink(record.Id));
        }
        return record;
    }

    private static string PartyLine(Core.Mediation.Mediation m) =>
        string.Join("、", m.Parties.Where(p => p.Side == PartySide.Applicant).Select(p => p.Name)) + " 与 "
        + string.Join("、", m.Parties.Where(p => p.Side == PartySide.Respondent).Select(p => p.Name));

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;

    private static T Read<T>(string? json) => JsonSerializer.Deserialize<T>(json ?? "{}", Json) ?? throw new InvalidOperationException("Empty mediation event data");

    private static async Task<Dictionary<Guid, int>> Counts(IQueryable<Guid> committeeIds, CancellationToken ct) =>
        await committeeIds.GroupBy(c => c).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

    private async Task<Dictionary<string, string>> DivisionNames(IEnumerable<string> codes, CancellationToken ct)
    {
        var list = codes.Distinct().ToList();
        return await db.Divisions.AsNoTracking().Where(d => list.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
    }

    private sealed record OpenedData(Guid CommitteeId, Guid? RoomId, Guid? MediatorId, MediationInitiation Initiation, DisputeKind Kind, string Matter,
        IReadOnlyList<MediationParty> Parties);

    private sealed class InstantConverter : System.Text.Json.Serialization.JsonConverter<Instant>
    {
        public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            InstantPattern.ExtendedIso.Parse(reader.GetString() ?? "").GetValueOrThrow();

        public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) =>
            writer.WriteStringValue(InstantPattern.ExtendedIso.Format(value));
    }

    private sealed class LocalDateConverter : System.Text.Json.Serialization.JsonConverter<LocalDate>
    {
        public override LocalDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            LocalDatePattern.Iso.Parse(reader.GetString() ?? "").GetValueOrThrow();

        public override void Write(Utf8JsonWriter writer, LocalDate value, JsonSerializerOptions options) =>
            writer.WriteStringValue(LocalDatePattern.Iso.Format(value));
    }
}
