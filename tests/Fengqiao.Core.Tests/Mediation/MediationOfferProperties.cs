using CsCheck;
using Fengqiao.Core.Mediation;
using Fengqiao.Core.Organisations;
using NodaTime;
using static Fengqiao.Core.Tests.Mediation.MediationFixture;

namespace Fengqiao.Core.Tests.Mediation;

/// <summary>
/// Offered = allowed for mediations: through random walks by mediation staff and others, with steps up to 40 days
/// apart (so time limits and the 30-day confirmation window run out), every action a mediation offers a person
/// succeeds when they take it with valid input, and every other action is refused.
/// </summary>
public sealed class MediationOfferProperties
{
    private static readonly MediationAction[] Actions = Enum.GetValues<MediationAction>();

    private static readonly MediationActor[] People =
    [
        Staff,
        new("网格员", [StaffRole.GridMember]),
        new("管理员", [StaffRole.Administrator]),
        Handler,
        Resident,
    ];

    private readonly record struct Step(int Person, int Minutes, int Pick);

    private static readonly Gen<(MediationInitiation Initiation, Step[] Steps)> Runs =
        Gen.Select(Gen.Int[1, 3].Select(i => (MediationInitiation)i),
            Gen.Select(Gen.Int[0, People.Length - 1], Gen.Int[0, 60 * 24 * 40], Gen.Int[0, 99]).Select((p, m, k) => new Step(p, m, k)).Array[1, 24]);

    [Fact]
    public void Every_offered_action_succeeds_and_every_other_action_is_refused()
    {
        var offered = new HashSet<MediationAction>();
        var refused = new HashSet<MediationAction>();
        // Some actions lie deep in a walk: with 1,000 walks two runs in ten missed one, so 15,000 keep a miss below one in a million.
        Runs.Sample(run =>
        {
            var mediation = Open(run.Initiation);
            foreach (var step in run.Steps)
            {
                var at = mediation.LastActionAt + Duration.FromMinutes(step.Minutes);
                var actor = People[step.Person];
                var offers = mediation.Offers(actor, at);
                var taken = offers.Count == 0 ? (MediationAction?)null : offers.Order().ElementAt(step.Pick % offers.Count);
                Core.Mediation.Mediation? next = null;
                foreach (var action in Actions)
                {
                    var ok = TryTake(mediation, action, actor, at, out var after);
                    Assert.True(ok == offers.Contains(action), $"{action} on a {mediation.State} mediation by {actor.Name} was {(ok ? "accepted but not offered" : "offered but refused")}");
                    Assert.True(ok == (mediation.Refusal(action, actor, at) is null));
                    if (action == taken)
                    {
                        next = after;
                    }
                    (ok ? offered : refused).Add(action);
                }
                // A person offered nothing leaves the mediation as it was; the walk goes on with the next person.
                mediation = next ?? mediation;
            }
        }, iter: 15000, threads: 1);
        Assert.Equal(string.Join(",", Actions), string.Join(",", Actions.Where(offered.Contains)));
        Assert.Equal(string.Join(",", Actions), string.Join(",", Actions.Where(refused.Contains)));
    }

    private static bool TryTake(Core.Mediation.Mediation m, MediationAction action, MediationActor actor, Instant at, out Core.Mediation.Mediation? after)
    {
        try
        {
            after = action switch
            {
                MediationAction.Accept => m.Accept(actor, at),
                MediationAction.RefuseApplication => m.RefuseApplication(actor, at, "已诉至法院"),
                MediationAction.RecordConsent => m.RecordConsent(actor, at),
                MediationAction.RecordDeclined => m.RecordDeclined(actor, at, "不同意调解"),
                MediationAction.RecordSession => m.RecordSession(actor, at, "调解室", false, ["张大山", "李小河"], "双方陈述"),
                MediationAction.Extend => m.Extend(actor, at, 15, true, "双方同意"),
                MediationAction.DraftAgreement => m.DraftAgreement(actor, at, Terms(at.InZone(Core.Mediation.Mediation.Zone).Date.PlusDays(10))),
                MediationAction.SignAgreement => m.SignAgreement(actor, at),
                MediationAction.RecordOralAgreement => m.RecordOralAgreement(actor, at, "握手言和"),
                MediationAction.RecordFailure => m.RecordFailure(actor, at, "分歧过大", "告知可起诉"),
                MediationAction.ApplyForConfirmation => m.ApplyForConfirmation(actor, at, "区人民法院"),
                MediationAction.RecordConfirmationRuling => m.RecordConfirmationRuling(actor, at, true, "民特1号"),
                MediationAction.RecordFollowUp => m.RecordFollowUp(actor, at, PerformanceFinding.Urged, "已督促"),
                MediationAction.ScheduleRemoteSession => m.ScheduleRemoteSession(actor, at, at + Duration.FromDays(1), ["张大山", "李小河"]),
                MediationAction.SignAsMediator => m.SignAsMediator(actor, at, AgreementText.Sha256(m.AgreementDocumentText ?? "")),
                _ => throw new ArgumentOutOfRangeException(nameof(action)),
            };
            return true;
        }
        catch (MediationRuleException)
        {
            after = null;
            return false;
        }
    }
}
