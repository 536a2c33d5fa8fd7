using CsCheck;
using Fengqiao.Core.Letters;
using Fengqiao.Core.Organisations;
using Fengqiao.Core.Tests.Calendar;
using NodaTime;
using static Fengqiao.Core.Tests.Letters.LetterFixture;

namespace Fengqiao.Core.Tests.Letters;

/// <summary>
/// Offered = allowed for supervision letters: through random walks by people of the issuing unit, the recipient and
/// elsewhere, every action a letter offers a person succeeds when they take it, and every other action is refused.
/// </summary>
public class LetterOfferProperties
{
    private static readonly LetterAction[] Actions = Enum.GetValues<LetterAction>();

    // The drafter holds the power to sign (a town leader), so only the drafter rule keeps 审签 from them.
    private static readonly LetterActor[] People =
    [
        new("drafter", Bureau, [StaffRole.TownLeader]),
        new("leader", Bureau, [StaffRole.DistrictLeader]),
        new("clerk", Bureau, [StaffRole.Clerk]),
        new("housing", Housing, [StaffRole.Handler]),
        new("labour-leader", Labour, [StaffRole.TownLeader]),
        new("admin", Labour, [StaffRole.Administrator]),
        new("resident", null, [StaffRole.Resident]),
    ];

    private readonly record struct Step(int Person, int Minutes, int Pick);

    private static readonly Gen<Step[]> Runs = Gen.Select(Gen.Int[0, People.Length - 1], Gen.Int[0, 60 * 24 * 40], Gen.Int[0, 99])
        .Select((person, minutes, pick) => new Step(person, minutes, pick)).Array[1, 12];

    [Fact]
    public void Every_offered_action_succeeds_and_every_other_action_is_refused()
    {
        var offered = new HashSet<LetterAction>();
        var refused = new HashSet<LetterAction>();
        Runs.Sample(steps =>
        {
            var letter = Letter.Draft(Request()).Letter;
            var sequence = 0;
            foreach (var step in steps)
            {
                var at = letter.LastActionAt + Duration.FromMinutes(step.Minutes);
                var actor = People[step.Person];
                var offers = letter.Offers(actor, at);
                Assert.Empty(letter.Offers(actor, letter.LastActionAt - Duration.FromMinutes(1)));
                Letter? next = null;
                var taken = offers.Count == 0 ? (LetterAction?)null : offers.Order().ElementAt(step.Pick % offers.Count);
                foreach (var action in Actions)
                {
                    var ok = TryTake(letter, action, actor, at, ++sequence, out var after);
                    Assert.True(ok == offers.Contains(action), $"{action} on a {letter.State} letter by {actor.Name} was {(ok ? "accepted but not offered" : "offered but refused")}");
                    if (action == taken)
                    {
                        next = after;
                    }
                    lock (offered)
                    {
                        (ok ? offered : refused).Add(action);
                    }
                }
                if (next is null)
                {
                    return;
                }
                letter = next;
            }
        }, iter: 1000, threads: 1);
        Assert.Equal(Actions.ToHashSet(), offered);
        Assert.Equal(Actions.ToHashSet(), refused);
    }

    [Fact]
    public void The_drafter_is_not_offered_the_sign_off_of_their_own_letter_even_as_a_leader()
    {
        var drafted = Drafted();
        Assert.DoesNotContain(LetterAction.Approve, drafted.Offers(People[0], IssueAt));
        Assert.Contains(LetterAction.Approve, drafted.Offers(People[1], IssueAt));
    }

    // What the desk does: who signs for the issuing unit is checked first, then the letter applies its own rules.
    private static bool TryTake(Letter letter, LetterAction action, LetterActor actor, Instant at, int sequence, out Letter? after)
    {
        after = null;
        if (action is LetterAction.Approve or LetterAction.Issue && actor.SignRefusal(letter.IssuingUnit) is not null)
        {
            return false;
        }
        try
        {
            var number = DocumentNumber.Create(letter.IssuerPrefix, letter.Type, ChinaTime.Calculator.LocalDateOf(at).Year, sequence);
            after = action switch
            {
                LetterAction.Approve => letter.Approve(at, actor.Name).Letter,
                LetterAction.Issue => letter.Issue(number, ChinaTime.Calculator, at, actor.Name).Letter,
                LetterAction.Acknowledge => letter.Acknowledge(actor.Unit ?? Guid.Empty, at, actor.Name).Letter,
                _ => letter.Reply(actor.Unit ?? Guid.Empty, at, actor.Name, "已督促整改到位").Letter,
            };
            return true;
        }
        catch (LetterRuleException)
        {
            return false;
        }
    }
}
