using CsCheck;
using Fengqiao.Core.Organisations;
using Fengqiao.Core.Whistles;
using NodaTime;
using static Fengqiao.Core.Tests.Whistles.WhistleFixture;

namespace Fengqiao.Core.Tests.Whistles;

/// <summary>
/// Offered = allowed for 吹哨报到: through random walks by the blowing unit, the summoned departments, one not summoned,
/// the joint-meeting office and an account without a unit, on a case that may be closed meanwhile, every action a whistle
/// offers a person succeeds when they take it with valid input, and every other action is refused.
/// </summary>
public class WhistleOfferProperties
{
    private static readonly WhistleAction[] Actions = Enum.GetValues<WhistleAction>();

    private static readonly Guid Joint = new("00000000-0000-0000-0000-0000000000b1");

    private static readonly WhistleActor[] People =
    [
        new("community-1", Community, [StaffRole.Clerk]),
        new("housing", Housing, [StaffRole.Handler]),
        new("labour", Labour, [StaffRole.Handler]),
        new("police", Police, [StaffRole.Handler]),
        new("jointoffice", Joint, [StaffRole.JointMeetingOffice]),
        new("unitless", null, [StaffRole.Administrator]),
    ];

    // The departments an action may name: the two summoned at blowing, one that may be summoned later, none.
    private static readonly Guid?[] Departments = [Housing, Labour, Police, null];

    private readonly record struct Step(int Person, int Minutes, int Pick, bool CloseCase);

    private static readonly Gen<Step[]> Runs = Gen.Select(Gen.Int[0, People.Length - 1], Gen.Int[0, 60 * 24 * 6], Gen.Int[0, 99], Gen.Int[0, 19])
        .Select((person, minutes, pick, close) => new Step(person, minutes, pick, close == 0)).Array[1, 24];

    [Fact]
    public void Every_offered_action_succeeds_and_every_other_action_is_refused()
    {
        var offered = new HashSet<WhistleAction>();
        var refused = new HashSet<WhistleAction>();
        // 评价 and 结束 lie deep in a walk: with 1,500 walks about one run in 25 never reached one, so 6,000 keep a miss near one in a million.
        Runs.Sample(steps =>
        {
            var whistle = Blown();
            var caseClosed = false;
            foreach (var step in steps)
            {
                caseClosed |= step.CloseCase;
                var at = whistle.LastActionAt + Duration.FromMinutes(step.Minutes);
                var actor = People[step.Person];
                var offers = whistle.Offers(actor, at, caseClosed);
                Assert.Empty(whistle.Offers(actor, whistle.LastActionAt - Duration.FromMinutes(1), caseClosed));
                var taken = offers.Count == 0 ? (WhistleOffer?)null : offers.OrderBy(o => o.Action).ThenBy(o => o.Department).ElementAt(step.Pick % offers.Count);
                Whistle? next = null;
                foreach (var candidate in Candidates(actor))
                {
                    var ok = TryTake(whistle, candidate, actor, at, caseClosed, out var after);
                    Assert.True(ok == offers.Contains(candidate),
                        $"{candidate} on a {whistle.State} whistle at level {whistle.Level} by {actor.Name} was {(ok ? "accepted but not offered" : "offered but refused")}");
                    Assert.Equal(ok, whistle.Refusal(candidate.Action, candidate.Department, actor, at, caseClosed) is null);
                    if (candidate == taken)
                    {
                        next = after;
                    }
                    lock (offered)
                    {
                        (ok ? offered : refused).Add(candidate.Action);
                    }
                }
                if (next is null)
                {
                    return;
                }
                whistle = next;
            }
        }, iter: 6000, threads: 1);
        Assert.Equal(Actions.ToHashSet(), offered);
        Assert.Equal(Actions.ToHashSet(), refused);
    }

    [Fact]
    public void The_whistle_of_a_closed_case_offers_no_escalation_and_a_department_offers_only_its_own_next_step()
    {
        var blower = People[0];
        var whistle = Blown();
        Assert.Contains(new WhistleOffer(WhistleAction.Escalate, null), whistle.Offers(blower, BlownAt, caseClosed: false));
        Assert.DoesNotContain(new WhistleOffer(WhistleAction.Escalate, null), whistle.Offers(blower, BlownAt, caseClosed: true));
        var housing = whistle.Offers(People[1], BlownAt, caseClosed: false);
        Assert.Contains(new WhistleOffer(WhistleAction.Acknowledge, Housing), housing);
        Assert.DoesNotContain(new WhistleOffer(WhistleAction.Report, Housing), housing);
        Assert.DoesNotContain(housing, o => o.Action == WhistleAction.Close);
    }

    // Each action once for an own-summons action (the actor's unit), once per department for 评价 and 移交, once for the whistle.
    private static IEnumerable<WhistleOffer> Candidates(WhistleActor actor) => Actions.SelectMany(action =>
        WhistleActor.OnOwnSummons(action) ? [new WhistleOffer(action, actor.Unit)]
        : WhistleActor.NamesDepartment(action) ? Departments.Select(d => new WhistleOffer(action, d))
        : [new WhistleOffer(action, null)]);

    // What the desk does: an account without a unit and the escalation of a closed case are refused first, then the
    // whistle applies its own rules to valid input.
    private static bool TryTake(Whistle whistle, WhistleOffer offer, WhistleActor actor, Instant at, bool caseClosed, out Whistle? after)
    {
        after = null;
        if (actor.Unit is not { } unit || (offer.Action == WhistleAction.Escalate && caseClosed))
        {
            return false;
        }
        var department = offer.Department ?? Guid.Empty;
        var role = actor.Roles.Contains(StaffRole.JointMeetingOffice) ? StaffRole.JointMeetingOffice : actor.Roles.First();
        var unsummoned = new[] { Housing, Labour, Police }.Where(d => !whistle.Summonses.Exists(s => s.DepartmentId == d)).Append(Guid.NewGuid()).First();
        try
        {
            after = (offer.Action switch
            {
                WhistleAction.Acknowledge => whistle.Acknowledge(unit, at, actor.Name),
                WhistleAction.Act => whistle.StartActing(unit, at, actor.Name, "已到场"),
                WhistleAction.Report => whistle.Report(unit, at, actor.Name, "已疏通排水管道"),
                WhistleAction.Refuse => whistle.RefuseSummons(unit, at, actor.Name, "不属本部门职责"),
                WhistleAction.Rate => whistle.Rate(unit, department, Rating(), at, actor.Name),
                WhistleAction.Close => whistle.Close(unit, at, actor.Name, "各部门均已反馈，问题解决"),
                WhistleAction.Escalate => whistle.Escalate(at, actor.Name, "区领导要求提级督办"),
                WhistleAction.Summon => whistle.Summon(new SummonDepartment(unsummoned, "增派部门", "配合处置"), at, actor.Name),
                _ => whistle.Refer(Guid.NewGuid(), department, role, at, actor.Name, "拒不报到，督办后仍未处置", []),
            }).Whistle;
            return true;
        }
        catch (WhistleRuleException)
        {
            return false;
        }
    }
}
