using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Fengqiao.Core.Calendar;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Core.Cases;

/// <summary>
/// One case's progress through the statutory lifecycle, as an immutable value. Every action goes through
/// <see cref="Apply"/>, which either returns the next case together with the event to log, or refuses with a
/// <see cref="CaseRuleException"/> and leaves this instance as it was. No clock is read: every command carries
/// its own instant.
/// </summary>
public sealed partial record CaseFile
{
    private const int MaxTextLength = TextLimits.Long;

    private CaseFile(Guid id, CaseKind kind, CaseChannel channel, string? categoryCode, bool urgent, CasePolicy policy, Instant registeredAt)
    {
        Id = id;
        Kind = kind;
        Channel = channel;
        CategoryCode = categoryCode;
        Urgent = urgent;
        Policy = policy;
        RegisteredAt = registeredAt;
        LastActionAt = registeredAt;
        State = CaseState.Registered;
        Stage = CaseStage.Original;
    }

    public Guid Id { get; }

    public CaseKind Kind { get; }

    public CaseChannel Channel { get; }

    public string? CategoryCode { get; }

    /// <summary>Marked urgent (紧急件) at registration; picks the profile's urgent handling stage when it has one.</summary>
    public bool Urgent { get; }

    public CasePolicy Policy { get; }

    public Instant RegisteredAt { get; }

    public CaseState State { get; private init; }

    public CaseStage Stage { get; private init; }

    /// <summary>Number of events so far; the data layer can use it for optimistic concurrency.</summary>
    public int Version { get; private init; }

    public Instant LastActionAt { get; private init; }

    /// <summary>Resolved and closed at registration (现场办结).</summary>
    public bool ResolvedOnTheSpot { get; private init; }

    public string? Resolution { get; private init; }

    public string? NotAcceptedReason { get; private init; }

    public Guid? TransferredTo { get; private init; }

    /// <summary>The body reviewing or re-reviewing the case, in those stages.</summary>
    public Guid? ReviewingUnit { get; private init; }

    public Guid? HandlingUnit { get; private init; }

    public ImmutableArray<Guid> CoHandlers { get; private init; } = [];

    /// <summary>The reply drafted and waiting for sign-off (待签发), or null.</summary>
    public ReplyDraft? PendingReply { get; private init; }

    /// <summary>The current stage's written reply (答复意见书 / 复查意见 / 复核意见).</summary>
    public string? ReplyText { get; private init; }

    public Instant? RepliedAt { get; private init; }

    public CaseRating? Rating { get; private init; }

    /// <summary>The running time limit, or null when nothing is due from the staff (e.g. after the reply).</summary>
    public StageDeadline? Deadline { get; private init; }

    /// <summary>Until when the resident may ask for review (after a reply) or re-review (after a review opinion).</summary>
    public Deadline? ReviewRequestWindow { get; private init; }

    /// <summary>Until when the resident may rate the reply; afterwards it is recorded as not rated.</summary>
    public Deadline? RatingWindow { get; private init; }

    /// <summary>The case's one extension request, if any (延期只能一次).</summary>
    public ExtensionRequest? Extension { get; private init; }

    /// <summary>When handling was suspended (中止), or null while the clock runs.</summary>
    public Instant? SuspendedAt { get; private init; }

    public string? SuspensionReason { get; private init; }

    public ImmutableList<MediationSession> MediationSessions { get; private init; } = [];

    public MediationAgreement? Agreement { get; private init; }

    /// <summary>Green, yellow or red for the running time limit; null when none runs. A suspended case keeps the colour it had when suspended.</summary>
    public DeadlineStatus? DeadlineStatusAt(Instant now) =>
        Deadline is { } d ? Policy.Calculator.StatusAt(d.Deadline, SuspendedAt ?? now, Policy.Profile.Rule(d.Stage).DueSoon) : null;

    /// <summary>Applies an action, or throws <see cref="CaseRuleException"/> with a bilingual reason.</summary>
    public CaseTransition Apply(CaseCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var action = command.Action;
        if (Refusal(action, command.Actor, UnitOf(command), command.At) is { } refused)
        {
            throw refused;
        }
        var actor = Text(command.Actor, "操作人", "actor", action, 200);
        var (next, data) = command switch
        {
            AcceptCase c => Accept(c),
            NotAcceptCase c => NotAccept(c),
            TransferCase c => Transfer(c),
            AssignCase c => Assign(c),
            StartHandling => (this, Data()),
            ReplyToCase c => Reply(c),
            SubmitReply c => Submit(c),
            ReturnReply c => Return(c),
            RateCase c => Rate(c),
            RecordNoRating c => NoRating(c),
            CloseCase => (this, Data()),
            RequestReview c => OpenReview(c, c.ReviewingUnit, c.Grounds, CaseStage.Review),
            RequestReReview c => OpenReview(c, c.ReviewingUnit, c.Grounds, CaseStage.ReReview),
            RequestExtension c => RequestExtensionOf(c),
            ApproveExtension c => Approve(c),
            RejectExtension c => Reject(c),
            RecordMediationSession c => Mediate(c),
            RecordMediationAgreement c => Agree(c),
            RecordAgreementFollowUp c => FollowUp(c),
            SuspendHandling c => Suspend(c),
            ResumeHandling c => Resume(c),
            ReopenCase c => Reopen(c),
            _ => throw new ArgumentException($"未知的操作 {command.GetType().Name} (unknown command)", nameof(command)),
        };
        var after = next with
        {
            State = CaseLifecycle.TargetOf(action) ?? State,
            LastActionAt = command.At,
            Version = Version + 1,
        };
        var @event = new CaseEvent(CaseEventKinds.For(action), State, after.State, after.Stage, command.At, actor, data);
        return new CaseTransition(after, @event);
    }

    /// <summary>Applies an action if the rules allow it; otherwise returns false with the reason and changes nothing.</summary>
    public bool TryApply(CaseCommand command, [NotNullWhen(true)] out CaseTransition? transition, [NotNullWhen(false)] out string? error)
    {
        try
        {
            transition = Apply(command);
            error = null;
            return true;
        }
        catch (CaseRuleException e)
        {
            transition = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>Rebuilds a case from its registration and the commands applied since, e.g. to check a stored state.</summary>
    public static CaseFile Replay(RegisterCase registration, CasePolicy policy, IEnumerable<CaseCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var file = Register(registration, policy).Case;
        foreach (var command in commands)
        {
            file = file.Apply(command).Case;
        }
        return file;
    }

    private CaseRuleException Refuse(CaseAction action, string message) => new(State, action, message);

    // The unit a command acts for where the rules ask: who decides an extension, who signs a reply.
    private static Guid? UnitOf(CaseCommand command) => command switch
    {
        ApproveExtension c => c.ApproverUnit,
        RejectExtension c => c.ApproverUnit,
        ReplyToCase c => c.SignerUnit,
        _ => null,
    };

    private string Text(string? value, string chinese, string english, CaseAction action, int max = MaxTextLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw Refuse(action, $"{chinese}不能为空 ({english} is required)");
        }
        return trimmed.Length <= max ? trimmed : throw Refuse(action, $"{chinese}超过 {max} 字 ({english} is longer than {max} characters)");
    }

    private static ImmutableSortedDictionary<string, string> Data(params (string Key, string? Value)[] items)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in items)
        {
            if (value is not null)
            {
                builder[key] = value;
            }
        }
        return builder.ToImmutable();
    }

    private static (string, string?)[] DeadlineData(StageDeadline? deadline) => deadline is { } d
        ?
        [
            ("deadlineStage", d.Stage.ToString()),
            ("dueAt", InstantPattern.ExtendedIso.Format(d.Deadline.Due)),
            ("dueDate", LocalDatePattern.Iso.Format(d.Deadline.DueDate)),
        ]
        : [];

    private static string Format(Instant instant) => InstantPattern.ExtendedIso.Format(instant);
}
