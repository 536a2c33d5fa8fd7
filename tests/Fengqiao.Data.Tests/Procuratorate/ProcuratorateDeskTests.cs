using Fengqiao.Core.Calendar;
using Fengqiao.Core.Organisations;
using Fengqiao.Core.Procuratorate;
using Fengqiao.Data.Procuratorate;
using Fengqiao.Data.Tests.Whistles;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Tests.Procuratorate;

/// <summary>Public hearings and procuratorial suggestions on the seeded demo: held with every officer's opinion, suggestions tracked to their reply, refusals storing nothing.</summary>
public sealed class ProcuratorateDeskTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant Now { get; set; } = now;

        public Instant GetCurrentInstant() => Now;
    }

    private async Task<Guid> KenliAsync(FengqiaoDbContext db) =>
        await db.Units.Where(u => u.Kind == UnitKind.Procuratorate && u.DivisionCode == "370505").Select(u => u.Id).SingleAsync(Ct);

    private static List<NewHearingParticipant> Participants(int officers) =>
    [
        new("检察官 郑洁", HearingRole.Presiding, null),
        new("申诉人 王某", HearingRole.Party, null),
        .. Enumerable.Range(1, officers).Select(i => new NewHearingParticipant($"听证员{i}", HearingRole.HearingOfficer, null)),
    ];

    [Fact]
    public async Task A_hearing_is_held_with_every_officers_opinion_and_reads_back_the_same()
    {
        await using var db = fixture.Database.Context();
        var clock = new FixedClock(TestTime.Now);
        var desk = new ProcuratorateDesk(db, clock, WorkCalendar.China);
        var hearing = await desk.ScheduleHearingAsync(new NewHearing("垦检控申〔2026〕901号", "不服不起诉决定申诉", clock.Now + Duration.FromDays(3), "听证室", Participants(3)), await KenliAsync(db), Ct);

        var early = await Assert.ThrowsAsync<ProcuratorateRuleException>(() => desk.HoldHearingAsync(hearing.Id, HearingOutcome.PetitionSettled,
            [new("听证员1", true, "同意"), new("听证员2", true, "同意"), new("听证员3", true, "同意")], "息诉", Ct));
        Assert.Contains("公告的听证时间", early.Message, StringComparison.Ordinal);
        clock.Now += Duration.FromDays(3) + Duration.FromHours(2);
        var missing = await Assert.ThrowsAsync<ProcuratorateRuleException>(() => desk.HoldHearingAsync(hearing.Id, HearingOutcome.PetitionSettled,
            [new("听证员1", true, "同意"), new("听证员2", true, "同意")], "息诉", Ct));
        Assert.Contains("每名听证员", missing.Message, StringComparison.Ordinal);
        var held = await desk.HoldHearingAsync(hearing.Id, HearingOutcome.DecisionUpheld,
            [new("听证员1", true, "同意"), new("听证员2", false, "建议补充调查｜再议"), new("听证员3", true, "同意")], "多数听证员同意维持", Ct);

        db.ChangeTracker.Clear();
        var row = await db.PublicHearings.SingleAsync(h => h.Id == hearing.Id, Ct);
        Assert.Equal(HearingState.Held, row.State);
        Assert.Equal(HearingOutcome.DecisionUpheld, row.Outcome);
        Assert.Equal([("听证员1", true), ("听证员2", false), ("听证员3", true)], ProcuratorateDesk.ReadOpinions(row.Opinions).Select(o => (o.OfficerName, o.Supports)));
        Assert.Equal(5, ProcuratorateDesk.ReadParticipants(row.Participants).Count);
        await Assert.ThrowsAsync<ProcuratorateRuleException>(() => desk.HoldHearingAsync(hearing.Id, HearingOutcome.PetitionSettled,
            [new("听证员1", true, "同意"), new("听证员2", true, "同意"), new("听证员3", true, "同意")], "再次", Ct));
    }

    [Fact]
    public async Task A_hearing_with_two_officers_or_no_party_is_refused_and_not_stored()
    {
        await using var db = fixture.Database.Context();
        var desk = new ProcuratorateDesk(db, TestTime.Clock, WorkCalendar.China);
        var unit = await KenliAsync(db);
        var before = await db.PublicHearings.CountAsync(Ct);

        var few = await Assert.ThrowsAsync<ProcuratorateRuleException>(() => desk.ScheduleHearingAsync(new NewHearing("案1", "事由", TestTime.Now, "听证室", Participants(2)), unit, Ct));
        Assert.Contains("3–7", few.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ProcuratorateRuleException>(() => desk.ScheduleHearingAsync(new NewHearing("案2", "事由", TestTime.Now, "听证室",
            [.. Participants(3).Where(p => p.Role != HearingRole.Party)]), unit, Ct));
        var bureau = await db.Units.Where(u => u.Kind == UnitKind.PetitionBureau).Select(u => u.Id).FirstAsync(Ct);
        await Assert.ThrowsAsync<ProcuratorateRuleException>(() => desk.ScheduleHearingAsync(new NewHearing("案3", "事由", TestTime.Now, "听证室", Participants(3)), bureau, Ct));

        Assert.Equal(before, await db.PublicHearings.CountAsync(Ct));
    }

    [Fact]
    public async Task A_suggestion_is_due_two_months_after_service_on_a_working_day_and_its_status_follows_the_reply()
    {
        await using var db = fixture.Database.Context();
        // Served on 2026-08-01: two months later is Thursday 2026-10-01, inside the National Day holiday, so the reply is due on the first working day after it.
        var clock = new FixedClock(new LocalDate(2026, 8, 1).AtStartOfDayInZone(Shanghai).ToInstant() + Duration.FromHours(10));
        var desk = new ProcuratorateDesk(db, clock, WorkCalendar.China);
        var unit = await KenliAsync(db);
        var issued = await desk.IssueSuggestionAsync(new NewSuggestion("垦检建〔2026〕901号", "垦利区住房和城乡建设局", "物业维修资金监管", "建议开展专项检查。", null, null), unit, Ct);

        var due = LocalDate.FromDateOnly(issued.Record.ReplyDueOn);
        Assert.Equal(WorkCalendar.China.NextWorkingDayOnOrAfter(new LocalDate(2026, 10, 1)), due);
        Assert.True(due > new LocalDate(2026, 10, 1));
        Assert.Equal(SuggestionStatus.AwaitingReply, issued.Status);
        clock.Now = due.PlusDays(1).AtStartOfDayInZone(Shanghai).ToInstant();
        Assert.Equal(SuggestionStatus.Overdue, (await desk.SuggestionsAsync(Ct)).Single(s => s.Record.Id == issued.Record.Id).Status);
        var replied = await desk.RecordReplyAsync(issued.Record.Id, null, "已整改", true, Ct);
        Assert.Equal(SuggestionStatus.RepliedLate, replied!.Status);
        await Assert.ThrowsAsync<ProcuratorateRuleException>(() => desk.RecordReplyAsync(issued.Record.Id, null, "再次回复", true, Ct));

        var duplicate = await Assert.ThrowsAsync<ProcuratorateRuleException>(() => desk.IssueSuggestionAsync(new NewSuggestion("垦检建〔2026〕901号", "某单位", "事由", "内容", null, null), unit, Ct));
        Assert.Contains("已使用", duplicate.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ProcuratorateRuleException>(() => desk.IssueSuggestionAsync(new NewSuggestion("垦检建〔2026〕902号", "某单位", "事由", " ", null, null), unit, Ct));
        Assert.False(await db.ProcuratorialSuggestions.AnyAsync(s => s.DocumentNumber == "垦检建〔2026〕902号", Ct));
    }

    [Fact]
    public async Task The_demo_shows_every_suggestion_status_and_kenli_sees_none_of_qingpus()
    {
        await using var db = fixture.Database.Context();
        var tally = await new ProcuratorateDesk(db, TestTime.Clock, WorkCalendar.China).TallyAsync(Ct);
        Assert.True(tally.HearingsHeld >= 3 && tally.HearingsScheduled > tally.HearingsHeld, $"{tally}");
        Assert.True(tally.RepliedOnTime >= 1 && tally.RepliedLate >= 1 && tally.AwaitingReply >= 1 && tally.Overdue >= 1, $"{tally}");

        var kenli = await KenliAsync(db);
        await using var scoped = fixture.Database.Context(new FixedScope(new AccessScope(ScopeKind.Unit, kenli, null, "procurator")));
        var numbers = (await new ProcuratorateDesk(scoped, TestTime.Clock, WorkCalendar.China).SuggestionsAsync(Ct)).Select(s => s.Record.DocumentNumber).ToList();
        Assert.Contains("垦检建〔2026〕3号", numbers);
        Assert.DoesNotContain("青检建〔2026〕2号", numbers);
    }
}
