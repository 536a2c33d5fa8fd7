using CsCheck;
using Fengqiao.Core.Cases;
using Fengqiao.Core.Cases.Deadlines;
using Fengqiao.Core.Tests.Calendar;
using NodaTime;
using static Fengqiao.Core.Tests.Cases.CaseFixture;

namespace Fengqiao.Core.Tests.Cases;

/// <summary>
/// Offered = allowed: random walks through the lifecycle, taken by different people of different units at different
/// hours; in every state reached, every action the case offers a person succeeds when they take it with valid input,
/// and every action it does not offer is refused.
/// </summary>
public class CaseOfferProperties
{
    private static readonly CaseAction[] Actions = Enum.GetValues<CaseAction>();

    // Three people, two of them of the housing bureau, so that 起草/签发 and 申请/审批延期 have a second person to hand.
    private static readonly (string Name, Guid? Unit)[] People = [("handler", Housing), ("director", Housing), ("clerk", Labour), ("resident", null)];

    private static readonly Guid[] ChosenUnits = [Housing, Labour, CityBureau];

    /// <summary>One step: who acts, how much later, which offered action they take, and which unit they pick in the form.</summary>
    private readonly record struct Step(int Person, int Minutes, int Pick, int Unit);

    private static readonly Gen<Step> Steps = Gen.Select(Gen.Int[0, People.Length - 1], Gen.OneOf(Gen.Int[0, 60 * 24 * 3], Gen.Int[0, 60 * 24 * 45]), Gen.Int[0, 99], Gen.Int[0, ChosenUnits.Length - 1])
        .Select((person, minutes, pick, unit) => new Step(person, minutes, pick, unit));

    private static readonly Gen<(CaseKind Kind, CaseChannel Channel, bool Urgent, Step[] Steps)> Runs =
        Gen.Select(Gen.Enum<CaseKind>(), Gen.Enum<CaseChannel>(), Gen.Bool, Steps.Array[1, 40]);

    [Fact]
    public void Every_offered_action_succeeds_and_every_other_action_is_refused()
    {
        var offered = new HashSet<CaseAction>();
        var refused = new HashSet<CaseAction>();
        Runs.Sample(run => Walk(run, (action, isOffered) =>
        {
            lock (offered)
            {
                (isOffered ? offered : refused).Add(action);
            }
        }), iter: 1500, threads: 1);

        // The walks reach far enough that every action is both offered somewhere and refused somewhere.
        Assert.Equal(Actions.ToHashSet(), offered);
        Assert.Equal(Actions.ToHashSet(), refused);
    }

    [Fact]
    public void Nothing_is_offered_before_the_case_s_last_action()
    {
        var file = InProgress();
        Assert.NotEmpty(file.Offers("handler", Housing, file.LastActionAt));
        Assert.Empty(file.Offers("handler", Housing, file.LastActionAt - Duration.FromMinutes(1)));
    }

    [Fact]
    public void Extension_decisions_are_offered_only_while_a_request_waits_and_never_to_its_requester()
    {
        var file = InProgress();
        var at = ChinaTime.At(2026, 3, 5);
        Assert.DoesNotContain(CaseAction.ApproveExtension, file.Offers("director", Housing, at));
        Assert.DoesNotContain(CaseAction.RejectExtension, file.Offers("director", Housing, at));

        var requested = file.Then(new RequestExtension(at, "handler", 10, "需要鉴定"));
        Assert.Contains(CaseAction.ApproveExtension, requested.Offers("director", Housing, at));
        Assert.DoesNotContain(CaseAction.ApproveExtension, requested.Offers("handler", Housing, at));
        Assert.DoesNotContain(CaseAction.ApproveExtension, requested.Offers("clerk", Labour, at));
        Assert.DoesNotContain(CaseAction.RequestExtension, requested.Offers("handler", Housing, at));
    }

    [Fact]
    public void Resume_is_offered_only_to_a_suspended_case_and_then_alone()
    {
        var file = InProgress();
        var at = ChinaTime.At(2026, 3, 5);
        Assert.DoesNotContain(CaseAction.ResumeHandling, file.Offers("handler", Housing, at));
        var suspended = file.Then(new SuspendHandling(at, "handler", "等待司法鉴定"));
        Assert.Equal([CaseAction.ResumeHandling], suspended.Offers("handler", Housing, at));
    }

    private static void Walk((CaseKind Kind, CaseChannel Channel, bool Urgent, Step[] Steps) run, Action<CaseAction, bool> seen)
    {
        var at = ChinaTime.At(2026, 1, 5);
        var file = CaseFile.Register(new RegisterCase(Guid.NewGuid(), run.Kind, run.Channel, "0101", run.Urgent, at, "clerk"),
            CasePolicy.For(SlaProfileCatalog.DefaultSelector, ChinaTime.Calculator, run.Channel, run.Kind, "0101")).Case;
        foreach (var step in run.Steps)
        {
            at = file.LastActionAt + Duration.FromMinutes(step.Minutes);
            var (actor, unit) = People[step.Person];
            var input = ValidInput(ChosenUnits[step.Unit]);
            var offers = file.Offers(actor, unit, at);
            CaseFile? next = null;
            var taken = offers.Count == 0 ? (CaseAction?)null : offers.OrderBy(a => a).ElementAt(step.Pick % offers.Count);
            foreach (var action in Actions)
            {
                var build = input.ToCommand(action, actor, unit);
                var ok = build is not null && file.TryApply(build(at), out var transition, out _) && Keep(transition, action == taken, ref next);
                Assert.True(ok == offers.Contains(action),
                    $"{action} in {file.State}/{file.Stage} by {actor} of {unit} was {(offers.Contains(action) ? "offered but refused" : "not offered but accepted")}");
                seen(action, ok);
            }
            if (next is null)
            {
                return;
            }
            file = next;
        }
    }

    private static bool Keep(CaseTransition? transition, bool taken, ref CaseFile? next)
    {
        if (taken)
        {
            next = transition!.Case;
        }
        return true;
    }

    // What a careful person fills in: every field an action may ask for, valid.
    private static CaseActionInput ValidInput(Guid unit) => new(
        Reason: "理由", Note: "已回访", UnitId: unit, Text: "经核查，已督促整改。", Rating: CaseRating.Satisfied, Days: 1, Grounds: "不服答复",
        Mediator: "张调解员", Summary: "双方同意再谈", Terms: "三日内修复", Honoured: true);
}
