using Fengqiao.Core.Letters;
using Fengqiao.Core.Organisations;
using Fengqiao.Core.Tests.Letters;
using Fengqiao.Core.Whistles;
using NodaTime;
using static Fengqiao.Core.Tests.Calendar.ChinaTime;
using static Fengqiao.Core.Tests.Whistles.WhistleFixture;

namespace Fengqiao.Core.Tests.Whistles;

/// <summary>A stored whistle log must rebuild the same whistle, or the data layer would act on a different one.</summary>
public class WhistleReplayTests
{
    [Fact]
    public void A_whistle_through_every_kind_of_event_replays_from_its_links_to_the_same_state()
    {
        var letter = LetterFixture.IssuedSupervision();
        var w = Blown().Completed(Labour, At(2026, 3, 2, 10));
        w = w.Summon(new SummonDepartment(Police, "公安分局", "维持秩序"), At(2026, 3, 2, 13), "street-1").Whistle;
        w = w.RefuseSummons(Police, At(2026, 3, 2, 14), "police-1", "不属本部门职责").Whistle;
        w = w.Escalate(At(2026, 3, 4), "scheduler").Whistle;
        w = w.Rate(Community, Labour, Rating(5, 4, 3), At(2026, 3, 4, 10), "community-1").Whistle;
        w = w.Refer(Guid.NewGuid(), Police, StaffRole.JointMeetingOffice, At(2026, 3, 12), "jmo-1", "拒不报到", [letter.Reference]).Whistle;

        var links = w.Events.Select((e, i) => e.ToLink(w.Id, i + 1)).ToList();
        var replayed = WhistleReplay.Rehydrate(w.Id, links.Select(WhistleReplay.FromLink), Policy, _ => [letter.Reference]);

        Assert.Equal(w.Level, replayed.Level);
        Assert.Equal(WhistleLevel.Street, replayed.Level);
        Assert.Equal(links, replayed.Events.Select((e, i) => e.ToLink(w.Id, i + 1)));
        Assert.Equal(w.Summonses.Select(s => (s.DepartmentId, s.Status, s.Rating, s.StepFirstDue)), replayed.Summonses.Select(s => (s.DepartmentId, s.Status, s.Rating, s.StepFirstDue)));
        Assert.Equal(w.DueOf(Housing), replayed.DueOf(Housing));
        var pack = Assert.Single(replayed.Referrals);
        Assert.Equal(w.Referrals[0].Flags.AsEnumerable(), pack.Flags.AsEnumerable());
        Assert.Equal("垦信督〔2026〕15号", Assert.Single(pack.Letters).Number.ToString());
    }

    [Fact]
    public void A_log_that_does_not_start_with_the_blowing_is_refused()
    {
        var w = Blown().Then(x => x.Acknowledge(Housing, At(2026, 3, 2, 10), "h"));
        var tail = w.Events.Skip(1).Select((e, i) => WhistleReplay.FromLink(e.ToLink(w.Id, i + 2)));
        Assert.Throws<FormatException>(() => WhistleReplay.Rehydrate(w.Id, tail, Policy, _ => []));
    }

    [Fact]
    public void A_letter_through_issue_and_reply_replays_from_its_links()
    {
        var issued = LetterFixture.IssuedSupervision(15);
        // Rebuild the event list the way the data layer stores it: each action's event, in order.
        var drafted = Letter.Draft(LetterFixture.Request() with { LetterId = issued.Id });
        var approved = drafted.Letter.Approve(At(2026, 3, 10, 15), "leader");
        var issuing = approved.Letter.Issue(DocumentNumber.Create("垦信", LetterType.Supervision, 2026, 15), Calculator, At(2026, 3, 11), "clerk");
        var ack = issuing.Letter.Acknowledge(LetterFixture.Housing, At(2026, 3, 12), "housing-1");
        var reply = ack.Letter.Reply(LetterFixture.Housing, At(2026, 3, 20), "housing-1", "已完成排水改造");
        var log = new[] { drafted.Event, approved.Event, issuing.Event, ack.Event, reply.Event }
            .Select((e, i) => LetterEvent.FromLink(e.ToLink(issued.Id, i + 1)));
        var head = new LetterHead(issued.Id, issued.CaseId, issued.Type, issued.IssuingUnit, issued.IssuerPrefix, issued.RecipientUnit, issued.Content, null);

        var rebuilt = Letter.Rehydrate(head, log, Calculator);

        Assert.Equal(LetterState.Replied, rebuilt.State);
        Assert.Equal("垦信督〔2026〕15号", rebuilt.Number.ToString());
        Assert.Equal("已完成排水改造", rebuilt.ReplyText);
        Assert.Equal(reply.Letter.ReplyDeadline, rebuilt.ReplyDeadline);
        Assert.Equal(LetterReplyStatus.RepliedOnTime, rebuilt.ReplyStatusAt(At(2026, 5, 1)));
    }
}
