using System.Globalization;
using Fengqiao.Core.Calendar;
using Fengqiao.Core.Cases.Deadlines;

namespace Fengqiao.Core.Cases;

/// <summary>
/// Rebuilds a case from its stored event log (event sourcing): each event is turned back into the command that
/// caused it and applied again, and the result must match the stored event. The log is the record; the state is
/// derived from it, so a stored state can never drift from its history unnoticed.
/// </summary>
/// <remarks>Deadlines are recomputed with the profile and calendar given now, so an edited profile or calendar year shows up in a rebuilt case.</remarks>
public static class CaseReplay
{
    public static CaseFile Rehydrate(Guid caseId, IEnumerable<CaseEvent> events, SlaProfileSelector profiles, DeadlineCalculator calculator)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(profiles);
        using var cursor = events.GetEnumerator();
        if (!cursor.MoveNext())
        {
            throw new ArgumentException("事件为空 (a case needs at least its registration event)", nameof(events));
        }
        var first = cursor.Current;
        if (first.Kind is not (CaseEventKinds.Registered or CaseEventKinds.ResolvedOnTheSpot))
        {
            throw new InvalidOperationException($"第一个事件应为登记，实为 {first.Kind} (the first event must be the registration)");
        }
        var code = Value(first, "profile");
        var profile = profiles.Find(code) ?? throw new InvalidOperationException($"未知的时限规则 {code} (no profile with code {code})");
        var registration = new RegisterCase(
            caseId,
            Enum.Parse<CaseKind>(Value(first, "kind")),
            Enum.Parse<CaseChannel>(Value(first, "channel")),
            first.Data.GetValueOrDefault("category"),
            Value(first, "urgent") == "true",
            first.At,
            first.Actor);
        var policy = new CasePolicy(profile, calculator);
        var file = first.Kind == CaseEventKinds.Registered
            ? CaseFile.Register(registration, policy).Case
            : CaseFile.RegisterResolvedOnTheSpot(registration, policy, Value(first, "resolution")).Case;
        var sequence = 1;
        while (cursor.MoveNext())
        {
            sequence++;
            var stored = cursor.Current;
            var replayed = file.Apply(ToCommand(stored));
            if (replayed.Event.Kind != stored.Kind || replayed.Event.Before != stored.Before || replayed.Event.After != stored.After || replayed.Event.Stage != stored.Stage)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"第 {sequence} 个事件重放结果不一致 (replaying event {sequence}, {stored.Kind}, gave a different result)"));
            }
            file = replayed.Case;
        }
        return file;
    }

    /// <summary>The command that produced a stored event (not for registration events).</summary>
    public static CaseCommand ToCommand(CaseEvent stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var (at, actor) = (stored.At, stored.Actor);
        if (!CaseEventKinds.TryGetAction(stored.Kind, out var action))
        {
            throw new InvalidOperationException($"无法重放事件 {stored.Kind} (cannot replay event kind {stored.Kind})");
        }
        return action switch
        {
            CaseAction.Accept => new AcceptCase(at, actor),
            CaseAction.NotAccept => new NotAcceptCase(at, actor, Value(stored, "reason")),
            CaseAction.Transfer => new TransferCase(at, actor, Unit(stored, "toUnit"), stored.Data.GetValueOrDefault("note")),
            CaseAction.Assign => new AssignCase(at, actor, Unit(stored, "handlingUnit"), Units(stored.Data.GetValueOrDefault("coHandlers"))),
            CaseAction.StartHandling => new StartHandling(at, actor),
            CaseAction.Reply => new ReplyToCase(at, actor, Value(stored, "replyText"), stored.Data.TryGetValue("signerUnit", out var signer) ? Guid.Parse(signer, CultureInfo.InvariantCulture) : null),
            CaseAction.SubmitReply => new SubmitReply(at, actor, Value(stored, "draftText")),
            CaseAction.ReturnReply => new ReturnReply(at, actor, Value(stored, "reason")),
            CaseAction.Rate => new RateCase(at, actor, Enum.Parse<CaseRating>(Value(stored, "rating"))),
            CaseAction.RecordNoRating => new RecordNoRating(at, actor),
            CaseAction.Close => new CloseCase(at, actor),
            CaseAction.RequestReview => new RequestReview(at, actor, Unit(stored, "reviewingUnit"), Value(stored, "grounds")),
            CaseAction.RequestReReview => new RequestReReview(at, actor, Unit(stored, "reviewingUnit"), Value(stored, "grounds")),
            CaseAction.RequestExtension => new RequestExtension(at, actor, int.Parse(Value(stored, "days"), CultureInfo.InvariantCulture), Value(stored, "reason")),
            CaseAction.ApproveExtension => new ApproveExtension(at, actor, Unit(stored, "approverUnit")),
            CaseAction.RejectExtension => new RejectExtension(at, actor, Unit(stored, "approverUnit"), Value(stored, "reason")),
            CaseAction.RecordMediationSession => new RecordMediationSession(at, actor, Value(stored, "mediator"), Value(stored, "summary")),
            CaseAction.RecordMediationAgreement => new RecordMediationAgreement(at, actor, Value(stored, "terms")),
            CaseAction.RecordAgreementFollowUp => new RecordAgreementFollowUp(at, actor, Value(stored, "honoured") == "true", Value(stored, "note")),
            CaseAction.SuspendHandling => new SuspendHandling(at, actor, Value(stored, "reason")),
            CaseAction.ResumeHandling => new ResumeHandling(at, actor),
            CaseAction.Reopen => new ReopenCase(at, actor, Unit(stored, "handlingUnit"), Value(stored, "reason")),
            _ => throw new InvalidOperationException($"无法重放事件 {stored.Kind} (cannot replay event kind {stored.Kind})"),
        };
    }

    private static string Value(CaseEvent stored, string key) =>
        stored.Data.TryGetValue(key, out var value)
            ? value
            : throw new InvalidOperationException($"事件 {stored.Kind} 缺少 {key} (event {stored.Kind} lacks {key})");

    private static Guid Unit(CaseEvent stored, string key) => Guid.Parse(Value(stored, key), CultureInfo.InvariantCulture);

    private static Guid[] Units(string? list) =>
        string.IsNullOrEmpty(list) ? [] : [.. list.Split(',').Select(u => Guid.Parse(u, CultureInfo.InvariantCulture))];
}
