using Fengqiao.Core.Mediation;
using NodaTime;

namespace Fengqiao.Data.Mediation;

/// <summary>A people's mediation committee (人民调解委员会), validated by Core's <see cref="MediationCommittee"/> before it is stored.</summary>
public sealed class MediationCommitteeRecord : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public CommitteeKind Kind { get; set; }
    /// <summary>Where the committee sits; the area scope tests this.</summary>
    public required string DivisionCode { get; set; }
    /// <summary>The field of an industry committee (医疗纠纷 …).</summary>
    public string? Field { get; set; }
    /// <summary>The judicial office or bureau that registered and guides it (司法所、司法局); the unit scope tests this.</summary>
    public Guid? GuidingUnitId { get; set; }
    public Instant RegisteredAt { get; set; }
    public int Version { get; set; }
}

/// <summary>One member of a committee, in the order entered.</summary>
public sealed class MediationCommitteeMemberRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CommitteeId { get; set; }
    public int Position { get; set; }
    public required string Name { get; set; }
    public bool IsWoman { get; set; }
    public CommitteeSeat Seat { get; set; }
}

/// <summary>A named mediation room (品牌调解室) of a committee.</summary>
public sealed class MediationRoomRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CommitteeId { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
}

/// <summary>A mediator (人民调解员) of a committee with the profile residents read.</summary>
public sealed class MediatorRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CommitteeId { get; set; }
    public required string Name { get; set; }
    public MediatorEmployment Employment { get; set; }
    /// <summary>Specialities joined by 、.</summary>
    public string Specialities { get; set; } = "";
    /// <summary>A respected local figure (新乡贤).</summary>
    public bool IsRespectedLocal { get; set; }
    public string? Profile { get; set; }
}

/// <summary>A mediation projected from Core's <see cref="Core.Mediation.Mediation"/>, which is rebuilt from its log.</summary>
public sealed class MediationRecord : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The committee; scope follows it.</summary>
    public Guid CommitteeId { get; set; }
    public Guid? RoomId { get; set; }
    public Guid? MediatorId { get; set; }
    public MediationInitiation Initiation { get; set; }
    public DisputeKind Kind { get; set; }
    /// <summary>The parties as a list shows them: applicants, then respondents, joined by 、 and 与.</summary>
    public required string Parties { get; set; }
    public required string Matter { get; set; }
    public MediationState State { get; set; }
    public Instant AppliedAt { get; set; }
    public Instant LastActionAt { get; set; }
    /// <summary>The last day of the time limit (Beijing date), once mediation started.</summary>
    public DateOnly? LimitDate { get; set; }
    public Instant? AgreementEffectiveAt { get; set; }
    /// <summary>The last day to apply for judicial confirmation (第三十三条), once an agreement took effect.</summary>
    public DateOnly? ConfirmationDueDate { get; set; }
    public int Sessions { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// One step of a mediation with its full input, so the aggregate can be rebuilt through the same rules; hash-chained and
/// append-only like the case log, so a changed or removed step (a signature above all) is found by the chain audit.
/// </summary>
public sealed class MediationEventRecord : Audit.IChainedLogEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MediationId { get; set; }
    public int Sequence { get; set; }
    public required string Kind { get; set; }
    public MediationAction? Action { get; set; }
    public MediationState Before { get; set; }
    public MediationState After { get; set; }
    public Instant At { get; set; }
    public required string Actor { get; set; }
    public string? Data { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }

    Guid Audit.IChainedLogEntry.OwnerId => MediationId;

    // The step's action is part of the chained data: the kind alone does not say which command replay applies.
    Core.Audit.EventChain.Link Audit.IChainedLogEntry.Link => LinkOf(MediationId, Sequence, Kind, Action, Actor, At, Data);

    internal static Core.Audit.EventChain.Link LinkOf(Guid mediationId, int sequence, string kind, MediationAction? action, string actor, Instant at, string? data) =>
        new(mediationId, sequence, action is { } a ? $"{kind}#{(int)a}" : kind, actor, at.ToUnixTimeMilliseconds(), data ?? "");
}

/// <summary>
/// A party's invitation to an online session (远程调解): the link's token (only its SHA-256 is kept), the party's mobile
/// sealed like every phone, and when they opened the session with an SMS code.
/// </summary>
public sealed class MediationInvitationRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MediationId { get; set; }
    public int SessionNumber { get; set; }
    public required string PartyName { get; set; }
    /// <summary>The mobile, encrypted; only the SMS sender decrypts it.</summary>
    public required string PhoneCipher { get; set; }
    public required string PhoneMasked { get; set; }
    /// <summary>SHA-256 of the link's token; the token itself is only in the SMS.</summary>
    public required string TokenHash { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant? JoinedAt { get; set; }
}

/// <summary>A one-time SMS code sent for an invitation (Core's <see cref="OneTimeCode"/>): its hash, expiry, tries and use.</summary>
public sealed class MediationCodeRecord : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid InvitationId { get; set; }
    public CodePurpose Purpose { get; set; }
    public required string Hash { get; set; }
    public Instant IssuedAt { get; set; }
    public Instant ExpiresAt { get; set; }
    public int Attempts { get; set; }
    public Instant? UsedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// The contact a resident left when applying online (网上申请调解): the mobile sealed like every phone, a masked copy
/// for staff lists, and the receipt code the resident keeps. Kept apart from the log, which never holds a phone.
/// </summary>
public sealed class MediationApplicantRecord
{
    public Guid MediationId { get; set; }
    public required string PhoneCipher { get; set; }
    public required string PhoneMasked { get; set; }
    public required string ReceiptCode { get; set; }
    public Instant SubmittedAt { get; set; }
}
