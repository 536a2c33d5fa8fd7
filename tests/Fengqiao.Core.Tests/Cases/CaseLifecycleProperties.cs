using CsCheck;
using Fengqiao.Core.Audit;
using Fengqiao.Core.Cases;
using Fengqiao.Core.Cases.Deadlines;
using NodaTime;
using static Fengqiao.Core.Tests.Cases.CaseFixture;

namespace Fengqiao.Core.Tests.Cases;

public class CaseLifecycleProperties
{
    private static readonly CaseAction[] Actions = Enum.GetValues<CaseAction>();

    /// <summary>One random step: which action (steered towards allowed ones most of the time), how much later, and a variant that spoils or varies the input.</summary>
    private readonly record struct Step(int Pick, int Action, int Minutes, int Variant);

    private static readonly Gen<Step> Steps = Gen.Select(Gen.Int[0, 9], Gen.Int[0, Actions.Length - 1], Gen.Int[0, 60 * 24 * 12], Gen.Int[0, 9])
        .Select((pick, action, minutes, variant) => new Step(pick, action, minutes, variant));

    private static readonly Gen<(CaseKind Kind, CaseChannel Channel, bool Urgent, Step[] Steps)> Runs = Gen.Select(
        Gen.Enum<CaseKind>(),
        Gen.Enum<CaseChannel>(),
        Gen.Bool,
        Steps.Array[1, 40]);

    [Fact]
    public void Every_transition_is_allowed_by_the_table_and_refusals_leave_the_case_unchanged() =>
        Runs.Sample(run => Walk(run, _ => { }), iter: 1000);

    [Fact]
    public void Random_walks_reach_every_state_only_through_allowed_transitions()
    {
        var reached = new HashSet<CaseState>();
        Runs.Sample(run => Walk(run, state =>
        {
            lock (reached)
            {
                reached.Add(state);
            }
        }), iter: 2000, threads: 1);
        Assert.Equal(Enum.GetValues<CaseState>().ToHashSet(), reached);
    }

    [Fact]
    public void The_table_connects_every_state_to_registration()
    {
        var seen = new HashSet<CaseState> { CaseState.Registered };
        var queue = new Queue<CaseState>(seen);
        while (queue.TryDequeue(out var state))
        {
            foreach (var target in CaseLifecycle.ActionsFrom(state).Select(CaseLifecycle.TargetOf).OfType<CaseState>())
            {
                if (seen.Add(target))
                {
                    queue.Enqueue(target);
                }
            }
        }
        Assert.Equal(Enum.GetValues<CaseState>().ToHashSet(), seen);
    }

    [Fact]
    public void Every_action_refused_by_the_table_gets_a_bilingual_message()
    {
        foreach (var state in Enum.GetValues<CaseState>())
        {
            foreach (var action in Actions.Where(a => !CaseLifecycle.IsAllowed(state, a)))
            {
                var message = CaseRuleException.NotAllowed(state, action).Message;
                Assert.Contains($"『{CaseNames.Chinese(state)}』", message, StringComparison.Ordinal);
                Assert.Contains("(cannot ", message, StringComparison.Ordinal);
            }
        }
    }

    private static void Walk((CaseKind Kind, CaseChannel Channel, bool Urgent, Step[] Steps) run, Action<CaseState> reached)
    {
        var at = Calendar.ChinaTime.At(2026, 1, 5);
        var caseId = Guid.NewGuid();
        var registered = CaseFile.Register(
            new RegisterCase(caseId, run.Kind, run.Channel, "0101", run.Urgent, at, "clerk"),
            CasePolicy.For(SlaProfileCatalog.DefaultSelector, Calendar.ChinaTime.Calculator, run.Channel, run.Kind, "0101"));
        var file = registered.Case;
        var log = new List<EventChain.Link> { registered.Event.ToLink(caseId, 1) };
        reached(file.State);
        foreach (var step in run.Steps)
        {
            var allowed = CaseLifecycle.ActionsFrom(file.State).ToArray();
            var action = step.Pick < 7 && allowed.Length > 0 ? allowed[step.Action % allowed.Length] : Actions[step.Action];
            // Variant 9 dates the action a minute before the previous one, which must always be refused.
            at = step.Variant == 9 ? file.LastActionAt - Duration.FromMinutes(1) : at + Duration.FromMinutes(step.Minutes);
            var command = Command(action, at, step.Variant);

            var (state, version, deadline, stage) = (file.State, file.Version, file.Deadline, file.Stage);
            var ok = file.TryApply(command, out var transition, out var error);

            if (!CaseLifecycle.IsAllowed(state, action) || step.Variant == 9)
            {
                Assert.False(ok);
            }
            if (ok)
            {
                Assert.True(CaseLifecycle.IsAllowed(state, action));
                Assert.Equal(CaseLifecycle.TargetOf(action) ?? state, transition!.Case.State);
                Assert.Equal(state, transition.Event.Before);
                Assert.Equal(transition.Case.State, transition.Event.After);
                Assert.Equal(version + 1, transition.Case.Version);
                Assert.Equal(file.Id, transition.Case.Id);
                Assert.Equal(CaseEventKinds.For(action), transition.Event.Kind);
                file = transition.Case;
                log.Add(transition.Event.ToLink(caseId, log.Count + 1));
                reached(file.State);
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(error));
                Assert.Contains("(", error, StringComparison.Ordinal); // Chinese text followed by the English in brackets
                Assert.Equal((state, version, deadline, stage), (file.State, file.Version, file.Deadline, file.Stage));
                at = file.LastActionAt;
            }
        }

        // The stored log alone rebuilds the same case.
        var rebuilt = CaseReplay.Rehydrate(caseId, log.Select(CaseEvent.FromLink), SlaProfileCatalog.DefaultSelector, Calendar.ChinaTime.Calculator);
        Assert.Equal((file.State, file.Stage, file.Version, file.Deadline?.Deadline.Due, file.Extension?.Decision, file.Agreement?.Honoured, file.PendingReply, file.ReplyText),
            (rebuilt.State, rebuilt.Stage, rebuilt.Version, rebuilt.Deadline?.Deadline.Due, rebuilt.Extension?.Decision, rebuilt.Agreement?.Honoured, rebuilt.PendingReply, rebuilt.ReplyText));
    }

    private static CaseCommand Command(CaseAction action, Instant at, int variant)
    {
        var spoiled = variant == 0; // one in ten inputs is blank or otherwise invalid
        var text = spoiled ? " " : "内容";
        return action switch
        {
            CaseAction.Accept => new AcceptCase(at, "clerk"),
            CaseAction.NotAccept => new NotAcceptCase(at, "clerk", text),
            CaseAction.Transfer => new TransferCase(at, "clerk", spoiled ? Guid.Empty : Housing),
            CaseAction.Assign => new AssignCase(at, "clerk", Housing, spoiled ? [Housing] : [Labour]),
            CaseAction.StartHandling => new StartHandling(at, "handler"),
            CaseAction.SubmitReply => new SubmitReply(at, "handler", text),
            CaseAction.ReturnReply => new ReturnReply(at, "director", text),
            CaseAction.Reply => new ReplyToCase(at, variant == 1 ? "handler" : "director", variant == 3 ? "" : text, variant == 2 ? Labour : Housing),
            CaseAction.Rate => new RateCase(at, "resident", (CaseRating)(variant % 4 + 1)),
            CaseAction.RecordNoRating => new RecordNoRating(at, "system"),
            CaseAction.Close => new CloseCase(at, "clerk"),
            CaseAction.RequestReview => new RequestReview(at, "resident", CityBureau, text),
            CaseAction.RequestReReview => new RequestReReview(at, "resident", ProvinceBureau, text),
            CaseAction.RequestExtension => new RequestExtension(at, "handler", variant * 4, text),
            CaseAction.ApproveExtension => new ApproveExtension(at, variant == 1 ? "handler" : "director", variant == 2 ? Labour : Housing),
            CaseAction.RejectExtension => new RejectExtension(at, "director", Housing, text),
            CaseAction.RecordMediationSession => new RecordMediationSession(at, "mediator", "张调解员", text),
            CaseAction.RecordMediationAgreement => new RecordMediationAgreement(at, "mediator", text),
            CaseAction.RecordAgreementFollowUp => new RecordAgreementFollowUp(at, "grid", variant % 2 == 0, text),
            CaseAction.SuspendHandling => new SuspendHandling(at, "handler", text),
            CaseAction.ResumeHandling => new ResumeHandling(at, "handler"),
            CaseAction.Reopen => new ReopenCase(at, "reviewer", spoiled ? Guid.Empty : Housing, text),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "no command for this action"),
        };
    }
}
