using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using Fengqiao.Core.Organisations;
using NodaTime;

namespace Fengqiao.Core.Mediation;

/// <summary>What is needed to open a mediation: an application by one or both parties, or the committee's own start.</summary>
public sealed record NewMediation(Guid Id, Guid CommitteeId, Guid? RoomId, Guid? MediatorId, MediationInitiation Initiation, DisputeKind Kind,
    string Matter, IReadOnlyList<MediationParty> Parties, Instant At, string Actor);

/// <summary>
/// A people's mediation (人民调解) as an immutable value, through the People's Mediation Law: application by a party or
/// both, or the committee's own start (第十七条); acceptance or refusal; the other party's consent, without which there
/// is no mediation (voluntary: 当事人一方明确拒绝调解的，不得调解); sessions within the usual one-month limit, extended
/// only with both parties' consent; then a written agreement (第二十九条) that takes effect once signed and sealed,
/// an oral agreement, or failure with the other routes explained (第二十六条); judicial confirmation applied for within
/// 30 days of the agreement taking effect (第三十三条); follow-up of performance. <see cref="Refusal"/> holds the rules
/// once; the commands throw what it returns and <see cref="Offers"/> lists what it lets through.
/// </summary>
public sealed record Mediation
{
    /// <summary>The usual time limit (一般在一个月内调结).</summary>
    public static readonly Period UsualLimit = Period.FromMonths(1);

    /// <summary>Judicial confirmation is applied for within 30 days of the agreement taking effect (第三十三条).</summary>
    public const int ConfirmationDays = 30;

    public const int MaxExtensionDays = 30;

    /// <summary>Days and deadlines are counted in Beijing time, as the parties count them.</summary>
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private Mediation(NewMediation n, ImmutableArray<MediationParty> parties, string matter)
    {
        Id = n.Id;
        CommitteeId = n.CommitteeId;
        RoomId = n.RoomId;
        MediatorId = n.MediatorId;
        Initiation = n.Initiation;
        Kind = n.Kind;
        Matter = matter;
        Parties = parties;
        AppliedAt = n.At;
        LastActionAt = n.At;
    }

    public Guid Id { get; }

    public Guid CommitteeId { get; }

    /// <summary>The named room (品牌调解室) the applicant chose, if any.</summary>
    public Guid? RoomId { get; }

    /// <summary>The mediator chosen or assigned, if any.</summary>
    public Guid? MediatorId { get; }

    public MediationInitiation Initiation { get; }

    public DisputeKind Kind { get; }

    public string Matter { get; }

    public ImmutableArray<MediationParty> Parties { get; }

    public Instant AppliedAt { get; }

    public MediationState State { get; private init; } = MediationState.Applied;

    public Instant? AcceptedAt { get; private init; }

    /// <summary>Why the committee did not accept, or why a party declined, or why mediation failed.</summary>
    public string? Reason { get; private init; }

    /// <summary>What the parties were told of the other routes (仲裁、行政、司法途径) when mediation failed.</summary>
    public string? RoutesExplained { get; private init; }

    public Instant? StartedAt { get; private init; }

    /// <summary>The last day of the time limit, Beijing date; none before mediation starts.</summary>
    public LocalDate? LimitDate { get; private init; }

    public ImmutableArray<LimitExtension> Extensions { get; private init; } = [];

    public ImmutableArray<MediationSession> Sessions { get; private init; } = [];

    public MediationAgreement? Agreement { get; private init; }

    public JudicialConfirmation? Confirmation { get; private init; }

    public ImmutableArray<PerformanceFollowUp> FollowUps { get; private init; } = [];

    public ImmutableArray<RemoteSession> RemoteSessions { get; private init; } = [];

    /// <summary>Signatures given online under the written agreement (parties by SMS code, the mediator on the case page).</summary>
    public ImmutableArray<AgreementSignature> Signatures { get; private init; } = [];

    /// <summary>The exact text of the written agreement as it stands, what a signature's hash covers; null without one.</summary>
    public string? AgreementDocumentText => Agreement?.Terms is { } terms ? AgreementText.Of(terms) : null;

    /// <summary>The parties the written agreement names, each of whom signs.</summary>
    public IReadOnlyList<string> Signatories => Agreement?.Terms is { } terms ? [.. terms.Parties] : [];

    public Instant LastActionAt { get; private init; }

    public ImmutableArray<MediationEvent> History { get; private init; } = [];

    /// <summary>The last day the parties may apply for judicial confirmation: 30 days after the agreement took effect.</summary>
    public LocalDate? ConfirmationDueDate => Agreement?.EffectiveAt is { } effective ? effective.InZone(Zone).Date.PlusDays(ConfirmationDays) : null;

    public bool IsClosed => State is MediationState.Refused or MediationState.Declined or MediationState.Failed or MediationState.Performed or MediationState.Unperformed;

    /// <summary>Whether the time limit has run out at <paramref name="at"/> (the limit's last day is still inside).</summary>
    public bool IsLapsedAt(Instant at) => LimitDate is { } limit && at.InZone(Zone).Date > limit;

    public static Mediation Open(NewMediation request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Id == Guid.Empty || request.CommitteeId == Guid.Empty)
        {
            throw new MediationRuleException("调解须有编号和调解委员会 (a mediation needs an id and a committee)");
        }
        if (!Enum.IsDefined(request.Initiation) || !Enum.IsDefined(request.Kind))
        {
            throw new MediationRuleException("请选择发起方式和纠纷类型 (choose how it started and the kind of dispute)");
        }
        var matter = Text(request.Matter, "纠纷事项", "the matter", TextLimits.Long);
        var parties = (request.Parties ?? []).Where(p => p is not null && !string.IsNullOrWhiteSpace(p.Name))
            .Select(p => p with { Name = p.Name.Trim() }).ToImmutableArray();
        if (!parties.Any(p => p.Side == PartySide.Applicant) || !parties.Any(p => p.Side == PartySide.Respondent))
        {
            throw new MediationRuleException("纠纷须有双方当事人：申请人和被申请人 (a dispute has two sides: an applicant and a respondent)");
        }
        if (parties.Any(p => p.Name.Length > 50) || parties.Select(p => p.Name).Distinct(StringComparer.Ordinal).Count() != parties.Length)
        {
            throw new MediationRuleException("当事人姓名不超过 50 字且不能重复 (party names are at most 50 characters and distinct)");
        }
        var actor = Text(request.Actor, "登记人", "who registered it", 256);
        var opened = new Mediation(request, parties, matter);
        // The committee that starts a mediation has accepted it; the parties' consent is still needed.
        return request.Initiation == MediationInitiation.Committee
            ? opened.Logged(opened with { State = MediationState.AwaitingConsent, AcceptedAt = request.At }, null, "mediation.started", request.At, actor)
            : opened.Logged(opened, null, "mediation.applied", request.At, actor);
    }

    /// <summary>The committee accepts (受理). Both parties applied: mediation starts; one applied: the other's consent is asked.</summary>
    public Mediation Accept(MediationActor actor, Instant at)
    {
        var who = Begin(MediationAction.Accept, actor, at);
        var accepted = this with { AcceptedAt = at };
        return Initiation == MediationInitiation.BothParties
            ? Logged(accepted.Started(at), MediationAction.Accept, "mediation.accepted", at, who)
            : Logged(accepted with { State = MediationState.AwaitingConsent }, MediationAction.Accept, "mediation.accepted", at, who);
    }

    /// <summary>The committee does not accept, with the reason (e.g. the dispute is already before a court).</summary>
    public Mediation RefuseApplication(MediationActor actor, Instant at, string reason)
    {
        var who = Begin(MediationAction.RefuseApplication, actor, at);
        return Logged(this with { State = MediationState.Refused, Reason = Text(reason, "不予受理的理由", "the reason", TextLimits.Long) },
            MediationAction.RefuseApplication, "mediation.refused", at, who);
    }

    /// <summary>The party who did not apply (or both, when the committee started it) agrees to be mediated.</summary>
    public Mediation RecordConsent(MediationActor actor, Instant at)
    {
        var who = Begin(MediationAction.RecordConsent, actor, at);
        return Logged(Started(at), MediationAction.RecordConsent, "mediation.consented", at, who);
    }

    /// <summary>A party refuses mediation; that ends it (当事人一方明确拒绝调解的，不得调解).</summary>
    public Mediation RecordDeclined(MediationActor actor, Instant at, string reason)
    {
        var who = Begin(MediationAction.RecordDeclined, actor, at);
        return Logged(this with { State = MediationState.Declined, Reason = Text(reason, "当事人拒绝的情况", "what the party said", TextLimits.Long) },
            MediationAction.RecordDeclined, "mediation.declined", at, who);
    }

    /// <summary>A session's record (调解笔录), within the time limit.</summary>
    public Mediation RecordSession(MediationActor actor, Instant at, string place, bool online, IEnumerable<string> participants, string record)
    {
        var who = Begin(MediationAction.RecordSession, actor, at);
        var present = (participants ?? []).Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).Distinct(StringComparer.Ordinal).ToImmutableArray();
        if (present.IsEmpty)
        {
            throw new MediationRuleException("笔录须列明参加人 (a session record names who took part)");
        }
        var session = new MediationSession(Sessions.Length + 1, at, Text(place, online ? "线上方式" : "调解地点", online ? "how it was held online" : "the place", 200), online,
            present, Text(record, "笔录内容", "what each side said", TextLimits.Long), who);
        return Logged(this with { Sessions = Sessions.Add(session) }, MediationAction.RecordSession, "mediation.session", at, who);
    }

    /// <summary>Extends the time limit by some days, only with both parties' consent.</summary>
    public Mediation Extend(MediationActor actor, Instant at, int days, bool bothPartiesConsent, string consentNote)
    {
        var who = Begin(MediationAction.Extend, actor, at);
        if (!bothPartiesConsent)
        {
            throw new MediationRuleException("延长调解期限须经双方当事人同意 (the time limit is extended only with both parties' consent)");
        }
        if (days is < 1 or > MaxExtensionDays)
        {
            throw new MediationRuleException($"每次延长 1–{MaxExtensionDays} 天 (extend by 1 to {MaxExtensionDays} days at a time)");
        }
        // An extension after the limit ran out counts from the day it is agreed, not from the old limit.
        var from = LimitDate!.Value < at.InZone(Zone).Date ? at.InZone(Zone).Date : LimitDate.Value;
        var extension = new LimitExtension(at, days, from.PlusDays(days), Text(consentNote, "双方同意的情况", "how both parties consented", 2_000));
        return Logged(this with { LimitDate = extension.NewLimit, Extensions = Extensions.Add(extension) }, MediationAction.Extend, "mediation.extended", at, who);
    }

    /// <summary>Writes the agreement (人民调解协议书) with the contents the law lists; it takes effect when signed and sealed.</summary>
    public Mediation DraftAgreement(MediationActor actor, Instant at, AgreementTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var who = Begin(MediationAction.DraftAgreement, actor, at);
        if (terms.Problems() is { Count: > 0 } problems)
        {
            throw new MediationRuleException(string.Join("；", problems));
        }
        var trimmed = terms.Trimmed();
        if (Parties.Any(p => !trimmed.Parties.Contains(p.Name)))
        {
            throw new MediationRuleException("协议须列明本案全部当事人 (the agreement names every party of the mediation)");
        }
        if (trimmed.PerformanceDeadline < at.InZone(Zone).Date)
        {
            throw new MediationRuleException("履行期限不能早于协议日期 (the performance deadline cannot be before the agreement)");
        }
        return Logged(this with { State = MediationState.AgreementDrafted, Agreement = new MediationAgreement(AgreementForm.Written, trimmed, null, at, null) },
            MediationAction.DraftAgreement, "mediation.agreement-drafted", at, who);
    }

    /// <summary>Every party and the mediator have signed and the committee's seal is applied: the agreement takes effect.</summary>
    public Mediation SignAgreement(MediationActor actor, Instant at)
    {
        var who = Begin(MediationAction.SignAgreement, actor, at);
        return Logged(this with { State = MediationState.Agreed, Agreement = Agreement! with { EffectiveAt = at } }, MediationAction.SignAgreement, "mediation.agreement-effective", at, who);
    }

    /// <summary>An oral agreement, recorded; it takes effect the day the parties agree (第三十条).</summary>
    public Mediation RecordOralAgreement(MediationActor actor, Instant at, string content)
    {
        var who = Begin(MediationAction.RecordOralAgreement, actor, at);
        var agreement = new MediationAgreement(AgreementForm.Oral, null, Text(content, "口头协议内容", "what was agreed", TextLimits.Long), at, at);
        return Logged(this with { State = MediationState.Agreed, Agreement = agreement }, MediationAction.RecordOralAgreement, "mediation.oral-agreement", at, who);
    }

    /// <summary>Mediation failed: it ends, and the parties are told of arbitration, administrative and judicial routes (第二十六条).</summary>
    public Mediation RecordFailure(MediationActor actor, Instant at, string reason, string routesExplained)
    {
        var who = Begin(MediationAction.RecordFailure, actor, at);
        return Logged(this with
        {
            State = MediationState.Failed,
            Reason = Text(reason, "调解不成的原因", "why it failed", TextLimits.Long),
            RoutesExplained = Text(routesExplained, "告知的其他解决途径", "the other routes the parties were told of", TextLimits.Long),
        }, MediationAction.RecordFailure, "mediation.failed", at, who);
    }

    /// <summary>The parties' joint application to a court for judicial confirmation, within 30 days of the agreement taking effect.</summary>
    public Mediation ApplyForConfirmation(MediationActor actor, Instant at, string court)
    {
        var who = Begin(MediationAction.ApplyForConfirmation, actor, at);
        return Logged(this with { Confirmation = new JudicialConfirmation(at, Text(court, "受理法院", "the court", 200)) },
            MediationAction.ApplyForConfirmation, "mediation.confirmation-applied", at, who);
    }

    /// <summary>The court's ruling: confirmed (enforceable) or not (the parties may mediate again or sue).</summary>
    public Mediation RecordConfirmationRuling(MediationActor actor, Instant at, bool confirmed, string ruling)
    {
        var who = Begin(MediationAction.RecordConfirmationRuling, actor, at);
        return Logged(this with { Confirmation = Confirmation! with { RuledAt = at, Confirmed = confirmed, Ruling = Text(ruling, "裁定书文号或内容", "the ruling", 2_000) } },
            MediationAction.RecordConfirmationRuling, "mediation.confirmation-ruled", at, who);
    }

    /// <summary>The committee checks performance (履行回访): performed ends it; guidance to sue ends it unperformed.</summary>
    public Mediation RecordFollowUp(MediationActor actor, Instant at, PerformanceFinding finding, string note)
    {
        var who = Begin(MediationAction.RecordFollowUp, actor, at);
        if (!Enum.IsDefined(finding))
        {
            throw new MediationRuleException("请选择回访结果 (choose what the follow-up found)");
        }
        var followUp = new PerformanceFollowUp(at, finding, Text(note, "回访情况", "what was found", TextLimits.Long), who);
        var state = finding switch
        {
            PerformanceFinding.Performed => MediationState.Performed,
            PerformanceFinding.GuidedToSue => MediationState.Unperformed,
            _ => State,
        };
        return Logged(this with { State = state, FollowUps = FollowUps.Add(followUp) }, MediationAction.RecordFollowUp, "mediation.followed-up", at, who);
    }

    /// <summary>
    /// Schedules an online session (远程调解): when it starts and which parties are invited (each gets an SMS link). It is
    /// held before or after the agreement is drafted, never after mediation ended or its time limit ran out.
    /// </summary>
    public Mediation ScheduleRemoteSession(MediationActor actor, Instant at, Instant startsAt, IEnumerable<string> invited)
    {
        var who = Begin(MediationAction.ScheduleRemoteSession, actor, at);
        var names = (invited ?? []).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).Distinct(StringComparer.Ordinal).ToImmutableArray();
        if (names.IsEmpty)
        {
            throw new MediationRuleException("请选择要邀请的当事人 (choose the parties to invite)");
        }
        if (names.FirstOrDefault(n => !Parties.Any(p => p.Name == n)) is { } stranger)
        {
            throw new MediationRuleException($"“{stranger}”不是本案当事人 ({stranger} is not a party of this mediation)");
        }
        if (startsAt < at - Duration.FromHours(1))
        {
            throw new MediationRuleException("远程调解时间不能早于现在 (the session cannot start in the past)");
        }
        var session = new RemoteSession(RemoteSessions.Length + 1, startsAt, names, at, who);
        return Logged(this with { RemoteSessions = RemoteSessions.Add(session) }, MediationAction.ScheduleRemoteSession, "mediation.remote-scheduled", at, who);
    }

    /// <summary>The mediator signs the drafted agreement's exact text; once every party has signed too, it takes effect.</summary>
    public Mediation SignAsMediator(MediationActor actor, Instant at, string textSha256)
    {
        var who = Begin(MediationAction.SignAsMediator, actor, at);
        if (!string.Equals(textSha256, AgreementText.Sha256(AgreementDocumentText!), StringComparison.Ordinal))
        {
            throw new MediationRuleException("协议书内容已变化，请重新阅读后签署 (the agreement's text has changed; read it again before signing)");
        }
        return Signed(new AgreementSignature(who, true, at, textSha256), MediationAction.SignAsMediator, "mediation.mediator-signed");
    }

    /// <summary>
    /// Why <paramref name="party"/> may not sign the agreement text with hash <paramref name="textSha256"/> at
    /// <paramref name="at"/>, or null when they may: a written agreement awaiting signatures, a party it names who has not
    /// signed yet, the exact text as it stands.
    /// </summary>
    public string? PartySigningRefusal(string? party, Instant at, string? textSha256) =>
        State != MediationState.AgreementDrafted || AgreementDocumentText is null ? "协议书不在待签署状态 (the agreement is not awaiting signatures)"
        : at < LastActionAt ? "操作时间早于上一步骤 (the step is dated before the previous one)"
        : string.IsNullOrWhiteSpace(party) || !Signatories.Contains(party.Trim()) ? "只有协议书列明的当事人本人可以签署 (only a party named in the agreement may sign)"
        : Signatures.Any(s => !s.IsMediator && s.Signer == party.Trim()) ? "您已签署过本协议书 (you have already signed this agreement)"
        : !string.Equals(textSha256, AgreementText.Sha256(AgreementDocumentText), StringComparison.Ordinal) ? "协议书内容已变化，请重新阅读后签署 (the agreement's text has changed; read it again before signing)"
        : null;

    /// <summary>A party signs the agreement text they read, having proved their phone with a one-time code; the last signature makes it effective.</summary>
    public Mediation SignAsParty(string party, Instant at, string textSha256)
    {
        if (PartySigningRefusal(party, at, textSha256) is { } refusal)
        {
            throw new MediationRuleException(refusal);
        }
        var name = party.Trim();
        return Signed(new AgreementSignature(name, false, at, textSha256), null, "mediation.party-signed");
    }

    /// <summary>Whether every party the agreement names and the mediator have signed its current text.</summary>
    public bool AllSigned => AgreementDocumentText is { } text
        && Signatures.Any(s => s.IsMediator && s.TextSha256 == AgreementText.Sha256(text))
        && Signatories.All(p => Signatures.Any(s => !s.IsMediator && s.Signer == p && s.TextSha256 == AgreementText.Sha256(text)));

    private Mediation Signed(AgreementSignature signature, MediationAction? action, string kind)
    {
        var signed = this with { Signatures = Signatures.Add(signature) };
        // The last signature puts the agreement into effect, as the existing signing step does (第二十九条).
        var after = signed.AllSigned ? signed with { State = MediationState.Agreed, Agreement = Agreement! with { EffectiveAt = signature.At } } : signed;
        return Logged(after, action, kind, signature.At, signature.Signer);
    }

    /// <summary>The actions <paramref name="actor"/> may take at <paramref name="at"/> (given valid input where one is asked).</summary>
    public IReadOnlySet<MediationAction> Offers(MediationActor actor, Instant at) =>
        Enum.GetValues<MediationAction>().Where(a => Refusal(a, actor, at) is null).ToFrozenSet();

    /// <summary>
    /// Why <paramref name="actor"/> may not take <paramref name="action"/> at <paramref name="at"/>, or null when they may:
    /// the role (<see cref="StaffAction.Mediate"/>), the order of steps, then the mediation's own rules.
    /// </summary>
    public MediationRuleException? Refusal(MediationAction action, MediationActor actor, Instant at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var message = !StaffPermissions.Allows(actor.Roles, StaffAction.Mediate) ? "只有人民调解工作人员可以办理调解 (only mediation staff may act on a mediation)"
            : at < LastActionAt ? "操作时间早于上一步骤 (the step is dated before the previous one)"
            : OwnRefusal(action, at);
        return message is null ? null : new MediationRuleException(message);
    }

    private string? OwnRefusal(MediationAction action, Instant at) => action switch
    {
        MediationAction.Accept or MediationAction.RefuseApplication => StateRefusal(action, MediationState.Applied),
        MediationAction.RecordConsent or MediationAction.RecordDeclined => StateRefusal(action, MediationState.AwaitingConsent),
        MediationAction.RecordSession => StateRefusal(action, MediationState.InMediation) ?? LapseRefusal(at),
        MediationAction.Extend => StateRefusal(action, MediationState.InMediation),
        MediationAction.DraftAgreement or MediationAction.RecordOralAgreement => StateRefusal(action, MediationState.InMediation)
            ?? (Sessions.IsEmpty ? "尚无调解笔录，不能记录协议 (record a session before an agreement)" : null)
            ?? LapseRefusal(at),
        MediationAction.RecordFailure => State is MediationState.InMediation or MediationState.AgreementDrafted ? null : StateText(action),
        MediationAction.SignAgreement => StateRefusal(action, MediationState.AgreementDrafted),
        MediationAction.ApplyForConfirmation => StateRefusal(action, MediationState.Agreed)
            ?? (Agreement!.Form != AgreementForm.Written ? "口头协议没有协议书，不能申请司法确认 (an oral agreement has no document to confirm)" : null)
            ?? (Confirmation is not null ? "已申请司法确认 (judicial confirmation has already been applied for)" : null)
            ?? (at.InZone(Zone).Date > ConfirmationDueDate!.Value
                ? string.Create(CultureInfo.InvariantCulture, $"已超过司法确认申请期限 {ConfirmationDueDate:yyyy-MM-dd}（协议生效之日起三十日内，人民调解法第三十三条） (the 30 days for judicial confirmation ended on {ConfirmationDueDate:yyyy-MM-dd})")
                : null),
        MediationAction.RecordConfirmationRuling => StateRefusal(action, MediationState.Agreed)
            ?? (Confirmation is null ? "尚未申请司法确认 (no judicial confirmation has been applied for)"
                : Confirmation.RuledAt is not null ? "法院已作出裁定 (the court has already ruled)" : null),
        MediationAction.RecordFollowUp => StateRefusal(action, MediationState.Agreed),
        MediationAction.ScheduleRemoteSession => State is MediationState.InMediation ? LapseRefusal(at)
            : State is MediationState.AgreementDrafted ? null : StateText(action),
        MediationAction.SignAsMediator => StateRefusal(action, MediationState.AgreementDrafted)
            ?? (Agreement?.Terms is null ? "没有书面协议可签署 (there is no written agreement to sign)" : null)
            ?? (Signatures.Any(s => s.IsMediator) ? "调解员已签署本协议书 (the mediator has already signed)" : null),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "未知的调解操作 (unknown mediation action)"),
    };

    private string? StateRefusal(MediationAction action, MediationState expected) => State != expected ? StateText(action) : null;

    private string StateText(MediationAction action) =>
        $"调解处于“{Chinese(State)}”，不能{Chinese(action)} (cannot {action} a mediation that is {State})";

    private string? LapseRefusal(Instant at) => IsLapsedAt(at)
        ? string.Create(CultureInfo.InvariantCulture, $"调解期限已于 {LimitDate:yyyy-MM-dd} 届满，须经双方当事人同意延长后继续 (the time limit ended on {LimitDate:yyyy-MM-dd}; extend it with both parties' consent first)")
        : null;

    private Mediation Started(Instant at) => this with
    {
        State = MediationState.InMediation,
        StartedAt = at,
        LimitDate = at.InZone(Zone).Date.Plus(UsualLimit),
    };

    private string Begin(MediationAction action, MediationActor actor, Instant at)
    {
        if (Refusal(action, actor, at) is { } refusal)
        {
            throw refusal;
        }
        return Text(actor.Name, "操作人", "actor", 256);
    }

    private Mediation Logged(Mediation after, MediationAction? action, string kind, Instant at, string actor) =>
        after with { LastActionAt = at, History = History.Add(new MediationEvent(action, kind, History.IsEmpty ? after.State : State, after.State, at, actor)) };

    public static string Chinese(MediationState state) => state switch
    {
        MediationState.Applied => "待受理",
        MediationState.AwaitingConsent => "待当事人同意",
        MediationState.InMediation => "调解中",
        MediationState.Refused => "不予受理",
        MediationState.Declined => "当事人拒绝调解",
        MediationState.AgreementDrafted => "协议待签署",
        MediationState.Agreed => "协议已生效",
        MediationState.Failed => "调解不成",
        MediationState.Performed => "履行完毕",
        MediationState.Unperformed => "未履行",
        _ => state.ToString(),
    };

    public static string Chinese(MediationAction action) => action switch
    {
        MediationAction.Accept => "受理",
        MediationAction.RefuseApplication => "不予受理",
        MediationAction.RecordConsent => "记录当事人同意",
        MediationAction.RecordDeclined => "记录当事人拒绝",
        MediationAction.RecordSession => "记录调解笔录",
        MediationAction.Extend => "延长期限",
        MediationAction.DraftAgreement => "制作协议书",
        MediationAction.SignAgreement => "签署协议",
        MediationAction.RecordOralAgreement => "记录口头协议",
        MediationAction.RecordFailure => "终止调解",
        MediationAction.ApplyForConfirmation => "申请司法确认",
        MediationAction.RecordConfirmationRuling => "记录确认裁定",
        MediationAction.RecordFollowUp => "履行回访",
        MediationAction.ScheduleRemoteSession => "安排远程调解",
        MediationAction.SignAsMediator => "调解员签署协议书",
        _ => action.ToString(),
    };

    private static string Text(string? value, string chinese, string english, int max)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new MediationRuleException($"{chinese}不能为空 ({english} is required)");
        }
        return trimmed.Length <= max
            ? trimmed
            : throw new MediationRuleException(string.Create(CultureInfo.InvariantCulture, $"{chinese}超过 {max} 字 ({english} is longer than {max} characters)"));
    }
}
