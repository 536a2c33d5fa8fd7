using Fengqiao.Core.Audit;
using Fengqiao.Core.Calendar;
using Fengqiao.Core.Cases;
using Fengqiao.Core.Contracting;
using Fengqiao.Core.Organisations;
using Fengqiao.Core.Whistles;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Contracting;
using Fengqiao.Data.Tests.Whistles;
using Fengqiao.Data.Whistles;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Fengqiao.Data.Tests.Contracting;

/// <summary>Contracting, reception days, follow-up visits, look-back reviews, whistle limits and published notices on the demo database.</summary>
public sealed class ContractingDataTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> AccountAsync(string userName)
    {
        await using var db = fixture.Database.Context();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).FirstAsync(Ct);
    }

    private async Task<CaseRecord> CaseAsync(Func<IQueryable<CaseRecord>, IQueryable<CaseRecord>> where, int skip)
    {
        await using var db = fixture.Database.Context();
        return await where(db.Cases.AsNoTracking()).OrderBy(c => c.TrackingCode).Skip(skip).FirstAsync(Ct);
    }

    private static async Task<bool> ChainIntactAsync(FengqiaoDbContext db, Guid caseId)
    {
        var events = await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == caseId).OrderBy(e => e.Sequence).ToListAsync(Ct);
        return EventChain.FirstBrokenLink(events.Select(e => (CaseEventLog.ToLink(e), e.PreviousHash, e.Hash))) is null;
    }

    [Fact]
    public async Task The_demo_has_reception_days_with_cases_contracts_visits_and_a_reopened_case()
    {
        await using var db = fixture.Database.Context();
        Assert.Equal(2, await db.ReceptionSchedules.CountAsync(Ct));
        var received = await db.ReceptionCases.Join(db.Cases, r => r.CaseId, c => c.Id, (r, c) => c.Channel).ToListAsync(Ct);
        Assert.NotEmpty(received);
        Assert.All(received, ch => Assert.Equal(CaseChannel.Visit, ch));
        Assert.True(await db.CaseContracts.CountAsync(c => c.Kind == ContractKind.Dual, Ct) >= 1);
        Assert.True(await db.CaseContracts.CountAsync(c => c.State == ContractState.Released, Ct) >= 1);
        Assert.True(await db.FollowUpVisits.CountAsync(Ct) >= 10);
        var reopened = await db.LookBackReviews.Where(r => r.Decision == LookBackDecision.NotTrulyResolved).Select(r => r.CaseId).ToListAsync(Ct);
        Assert.NotEmpty(reopened);
        var c = await db.Cases.AsNoTracking().FirstAsync(x => x.Id == reopened[0], Ct);
        Assert.Equal(CaseState.Assigned, c.State);
        Assert.Null(c.ClosedAt);
        Assert.True(await ChainIntactAsync(db, c.Id));
    }

    [Fact]
    public async Task A_dual_contract_is_stored_with_its_event_listed_for_each_leader_and_a_second_or_ineligible_one_is_refused()
    {
        var c = await CaseAsync(q => q.Where(x => x.State != CaseState.Closed && x.State != CaseState.NotAccepted), 3);
        var (town, village, clerk) = (await AccountAsync("townlead"), await AccountAsync("grid"), await AccountAsync("clerk"));
        await using (var db = fixture.Database.Context())
        {
            var desk = new ContractingDesk(db, TestTime.Clock);
            // A clerk is no area leader: refused before anything is written.
            var wrong = await Assert.ThrowsAsync<ContractingRuleException>(() => desk.AssignAsync(c.TrackingCode, ContractKind.Dual,
                [new(clerk, LeaderRole.AreaLeader), new(village, LeaderRole.VillageLeader)], "office", Ct));
            Assert.Contains("不能以该身份包案", wrong.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<ContractingRuleException>(() => desk.AssignAsync(c.TrackingCode, ContractKind.Dual, [new(town, LeaderRole.AreaLeader)], "office", Ct));
            Assert.Equal(0, await db.CaseContracts.CountAsync(x => x.CaseId == c.Id, Ct));
            Assert.Equal(0, await db.CaseEvents.CountAsync(e => e.CaseId == c.Id && e.Kind == ContractingEvent.ContractAssigned, Ct));
        }
        await using (var db = fixture.Database.Context())
        {
            var desk = new ContractingDesk(db, TestTime.Clock);
            var view = await desk.AssignAsync(c.TrackingCode, ContractKind.Dual, [new(town, LeaderRole.AreaLeader), new(village, LeaderRole.VillageLeader)], "office", Ct);
            Assert.NotNull(view);
            Assert.Equal(2, view.Leaders.Count);
            await Assert.ThrowsAsync<ContractingRuleException>(() => desk.AssignAsync(c.TrackingCode, ContractKind.Single, [new(town, LeaderRole.TownLeader)], "office", Ct));
        }
        await using (var db = fixture.Database.Context())
        {
            var desk = new ContractingDesk(db, TestTime.Clock);
            Assert.Contains(await desk.MineAsync(village, Ct), v => v.CaseCode == c.TrackingCode);
            Assert.Contains(await desk.MineAsync(town, Ct), v => v.CaseCode == c.TrackingCode);
            Assert.DoesNotContain(await desk.MineAsync(clerk, Ct), v => v.CaseCode == c.TrackingCode);
            Assert.Equal(1, await db.CaseContracts.CountAsync(x => x.CaseId == c.Id, Ct));
            Assert.Equal(1, await db.CaseEvents.CountAsync(e => e.CaseId == c.Id && e.Kind == ContractingEvent.ContractAssigned, Ct));
            Assert.True(await ChainIntactAsync(db, c.Id));
            // The case's lifecycle still replays: contracting events are in the chain but not in the lifecycle.
            var workflow = fixture.Services.CreateScope().ServiceProvider.GetRequiredService<CaseWorkflow>();
            Assert.NotNull(await workflow.LoadAsync(c.TrackingCode, Ct));
        }
    }

    [Fact]
    public async Task A_unit_outside_the_case_scope_sees_no_contract()
    {
        await using var system = fixture.Database.Context();
        var contract = await system.CaseContracts.AsNoTracking().FirstAsync(Ct);
        var caseRow = await system.Cases.AsNoTracking().FirstAsync(c => c.Id == contract.CaseId, Ct);
        var otherCounty = await system.Units.AsNoTracking().FirstAsync(u => u.Kind == UnitKind.Department && !caseRow.DivisionCode.StartsWith(u.DivisionCode)
            && u.Id != caseRow.RegisteringUnitId && u.Id != caseRow.HandlingUnitId, Ct);
        await using var db = fixture.Database.Context(new FixedScope(AccessScope.For([StaffRole.Handler], "h", otherCounty.Id, DivisionCode.Parse(otherCounty.DivisionCode))));
        Assert.False(await db.CaseContracts.AnyAsync(c => c.Id == contract.Id, Ct));
        Assert.False(await db.CaseContractLeaders.AnyAsync(l => l.ContractId == contract.Id, Ct));
    }

    [Fact]
    public async Task Only_a_closed_case_is_visited_and_a_look_back_that_finds_it_unresolved_reopens_it_in_one_save()
    {
        var open = await CaseAsync(q => q.Where(x => x.State == CaseState.InProgress), 0);
        var closed = await CaseAsync(q => q.Where(x => x.State == CaseState.Closed && x.ClosedAt != null && !x.ResolvedOnTheSpot && x.HandlingUnitId != null), 7);
        await using (var db = fixture.Database.Context())
        {
            var desk = new ContractingDesk(db, TestTime.Clock);
            await Assert.ThrowsAsync<ContractingRuleException>(() => desk.RecordVisitAsync(open.TrackingCode, FollowUpMethod.Phone, FollowUpOutcome.Resolved, true, null, "visitor", Ct));
            await Assert.ThrowsAsync<ContractingRuleException>(() => desk.RecordVisitAsync(closed.TrackingCode, FollowUpMethod.Phone, FollowUpOutcome.NotResolved, false, " ", "visitor", Ct));
            await Assert.ThrowsAsync<ContractingRuleException>(() => desk.StartReviewAsync(open.TrackingCode, null, "专项回头看", "office", Ct));
            Assert.Equal(0, await db.FollowUpVisits.CountAsync(v => v.CaseId == open.Id || v.CaseId == closed.Id, Ct));
        }
        Guid reviewId;
        await using (var db = fixture.Database.Context())
        {
            var desk = new ContractingDesk(db, TestTime.Clock);
            var visit = await desk.RecordVisitAsync(closed.TrackingCode, FollowUpMethod.OnSite, FollowUpOutcome.NotResolved, false, "漏水仍未修好", "visitor", Ct);
            Assert.True(visit!.CallsForLookBack);
            var review = await desk.StartReviewAsync(closed.TrackingCode, visit.Id, "回访不满意", "office", Ct);
            reviewId = review!.Id;
            await Assert.ThrowsAsync<ContractingRuleException>(() => desk.StartReviewAsync(closed.TrackingCode, null, "再来一次", "office", Ct));
        }
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FengqiaoDbContext>();
            var desk = new ContractingDesk(db, TestTime.Clock);
            var workflow = scope.ServiceProvider.GetRequiredService<CaseWorkflow>();
            // Reopening needs a unit; refused with nothing stored.
            await Assert.ThrowsAsync<ContractingRuleException>(() => desk.DecideReviewAsync(reviewId, 0, LookBackDecision.NotTrulyResolved, "程序性办结", null, "office", workflow, Ct));
            db.ChangeTracker.Clear();
            await desk.DecideReviewAsync(reviewId, 0, LookBackDecision.NotTrulyResolved, "程序性办结，漏水未修", closed.HandlingUnitId, "office", workflow, Ct);
        }
        await using (var db = fixture.Database.Context())
        {
            var c = await db.Cases.AsNoTracking().FirstAsync(x => x.Id == closed.Id, Ct);
            Assert.Equal((CaseState.Assigned, (Instant?)null), (c.State, c.ClosedAt));
            Assert.NotNull(c.DueAt);
            var kinds = await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == closed.Id).OrderBy(e => e.Sequence).Select(e => e.Kind).ToListAsync(Ct);
            Assert.Equal([ContractingEvent.FollowUpRecorded, ContractingEvent.LookBackStarted, ContractingEvent.LookBackDecided, "case.reopened"], kinds.TakeLast(4));
            Assert.True(await ChainIntactAsync(db, closed.Id));
            var review = await db.LookBackReviews.AsNoTracking().FirstAsync(r => r.Id == reviewId, Ct);
            Assert.Equal(closed.HandlingUnitId, review.ReopenedTo);
            var desk = new ContractingDesk(db, TestTime.Clock);
            var workflow = fixture.Services.CreateScope().ServiceProvider.GetRequiredService<CaseWorkflow>();
            await Assert.ThrowsAsync<ContractingRuleException>(() => desk.DecideReviewAsync(reviewId, review.Version, LookBackDecision.TrulyResolved, "改判", null, "office", workflow, Ct));
            var month = TestTime.Now.InZone(DeadlineCalculator.ChinaTimeZone).Date;
            var counts = await desk.CountsPerUnitAsync(new YearMonth(month.Year, month.Month), Ct);
            var mine = counts.Single(x => x.UnitId == closed.HandlingUnitId);
            Assert.True(mine.Reopened >= 1 && mine.Visits >= 1 && mine.Unsatisfied >= 1);
        }
    }

    [Fact]
    public async Task A_resident_received_on_a_reception_day_becomes_a_visit_case_and_another_day_is_refused()
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FengqiaoDbContext>();
        var workflow = scope.ServiceProvider.GetRequiredService<CaseWorkflow>();
        var schedule = await db.ReceptionSchedules.AsNoTracking().OrderBy(s => s.Day).FirstAsync(Ct);
        var desk = new ReceptionDesk(db, CaseRules.Default, TestTime.Clock);
        var today = TestTime.Now.InZone(DeadlineCalculator.ChinaTimeZone).Date;
        var sessions = desk.Sessions(schedule, new YearMonth(today.Year, today.Month)).Concat(desk.Sessions(schedule, new YearMonth(today.PlusMonths(-1).Year, today.PlusMonths(-1).Month)))
            .Where(d => d <= today).OrderDescending().ToList();
        var village = await db.Divisions.AsNoTracking().Where(d => d.Code.StartsWith(schedule.DivisionCode) && d.Code.Length == 12).Select(d => d.Code).FirstAsync(Ct);
        var request = new NewCase(CaseKind.Petition, CaseChannel.Letter, "反映路灯不亮", "接访日当面反映", village, null, null, false, [new NewParty("测试人", null, "13900000000", false)], null, schedule.UnitId, null, null, null);
        var before = await db.Cases.CountAsync(Ct);
        await Assert.ThrowsAsync<ContractingRuleException>(() => desk.ReceiveAsync(schedule.Id, sessions[0].PlusDays(1), request, workflow, "clerk", Ct));
        Assert.Equal(before, await db.Cases.CountAsync(Ct));
        var received = await desk.ReceiveAsync(schedule.Id, sessions[0], request, workflow, "clerk", Ct);
        Assert.Equal(CaseChannel.Visit, received!.Value.Intake.Case.Channel);
        Assert.Equal(sessions[0].ToDateOnly(), received.Value.Link.Date);
        var counts = await desk.CountsAsync(sessions[0].Year, Ct);
        Assert.Contains(counts, c => c.LeaderStaffId == schedule.LeaderStaffId && c.Month == new YearMonth(sessions[0].Year, sessions[0].Month) && c.Residents >= 1);
    }

    [Fact]
    public async Task Stored_whistle_limits_replace_the_defaults_for_the_timer_and_bad_limits_store_nothing()
    {
        var store = new WhistlePolicyStore(CaseRules.Default, Duration.FromHours(24));
        await using (var db = fixture.Database.Context())
        {
            await Assert.ThrowsAsync<WhistleRuleException>(() => store.SaveAsync(db, WhistleLevel.Street, new WhistleLimitInput(5, SlaUnit.WorkingDays, 1, SlaUnit.WorkingDays, 7, SlaUnit.WorkingDays), null, "admin", TestTime.Now, Ct));
            Assert.False(await db.WhistleLimits.AnyAsync(Ct));
            var saved = await store.SaveAsync(db, WhistleLevel.Street, new WhistleLimitInput(6, SlaUnit.Hours, 1, SlaUnit.WorkingDays, 4, SlaUnit.WorkingDays), null, "admin", TestTime.Now, Ct);
            await Assert.ThrowsAsync<WhistleRuleException>(() => store.SaveAsync(db, WhistleLevel.Street, new WhistleLimitInput(6, SlaUnit.Hours, 1, SlaUnit.WorkingDays, 4, SlaUnit.WorkingDays), null, "admin", TestTime.Now, Ct));
            Assert.Equal(SlaPeriod.Hours(6), store.Current.Limits[WhistleLevel.Street].Acknowledge);
            Assert.Equal(WhistlePolicy.DefaultLimits[WhistleLevel.Community], store.Current.Limits[WhistleLevel.Community]);
        }
        // Another node reads them on its next timer pass.
        var other = new WhistlePolicyStore(CaseRules.Default, Duration.FromHours(24));
        Assert.Equal(SlaPeriod.Hours(24), other.Current.Limits[WhistleLevel.Street].Acknowledge);
        await using (var db = fixture.Database.Context())
        {
            var job = new WhistleEscalationJob(db, new WhistleDesk(db, other.Current, TestTime.Clock), other);
            await job.RunOnceAsync("node-x", TestTime.Now, Ct);
            Assert.Equal(SlaPeriod.Hours(6), other.Current.Limits[WhistleLevel.Street].Acknowledge);
            // Leave the defaults for the other tests of this class.
            await db.WhistleLimits.ExecuteDeleteAsync(Ct);
        }
    }

    [Fact]
    public async Task A_published_notice_keeps_its_figures_and_file_whatever_happens_later()
    {
        var now = TestTime.Now;
        var today = now.InZone(DeadlineCalculator.ChinaTimeZone).Date;
        var month = new YearMonth(today.Year, today.Month).PlusMonths(-1);
        Guid id;
        string text;
        await using (var db = fixture.Database.Context())
        {
            var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Kind == UnitKind.JointMeetingOffice, Ct);
            var notice = await RankingNotices.PublishAsync(db, new ContractingDesk(db, TestTime.Clock), month, null, Core.Assessment.AssessmentScheme.Default, unit.Id, unit.Name, "jointoffice", now, Ct);
            (id, text) = (notice.Id, notice.Text);
            Assert.StartsWith("PK", System.Text.Encoding.ASCII.GetString(notice.Docx, 0, 2), StringComparison.Ordinal);
        }
        await using (var db = fixture.Database.Context())
        {
            var stored = (await RankingNotices.ListAsync(db, Ct)).Single(n => n.Id == id);
            Assert.Equal(text, stored.Text);
            var figures = RankingNotices.Figures(stored);
            Assert.NotEmpty(figures.Departments.Concat(figures.Towns));
            Assert.Contains("访情通报", stored.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_visit_counts_toward_the_units_satisfaction_and_a_reopening_toward_its_overdue_in_the_monthly_assessment()
    {
        var today = TestTime.Today;
        var month = new YearMonth(today.Year, today.Month);
        var zone = DeadlineCalculator.ChinaTimeZone;
        var monthStart = month.OnDayOfMonth(1).AtStartOfDayInZone(zone).ToInstant();
        var monthEnd = month.PlusMonths(1).OnDayOfMonth(1).AtStartOfDayInZone(zone).ToInstant();
        // A case whose first reply fell due in another month: reopening restarts its limit, which takes the case out of
        // the month it was due in (with its on-time reply and rating), so only a case due elsewhere shows the visit and
        // the reopening alone.
        var closed = await CaseAsync(q => q.Where(x => x.State == CaseState.Closed && x.ClosedAt != null && !x.ResolvedOnTheSpot && x.HandlingUnitId != null
            && (x.ReplyDueAt < monthStart || x.ReplyDueAt >= monthEnd)), 11);
        var unit = closed.HandlingUnitId!.Value;
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FengqiaoDbContext>();
        var cohort = await db.Units.Where(u => u.Id == unit).Select(u => u.Kind).FirstAsync(Ct) == UnitKind.Department
            ? Data.Assessment.AssessmentCohort.Departments : Data.Assessment.AssessmentCohort.Towns;
        async Task<Core.Assessment.UnitMonthInput?> InputAsync() =>
            (await Data.Assessment.AssessmentQueries.InputsAsync(db, cohort, month, null, TestTime.Now, Ct)).FirstOrDefault(i => i.UnitCode == unit.ToString("D"));
        var before = await InputAsync();
        var desk = new ContractingDesk(db, TestTime.Clock);
        var visit = await desk.RecordVisitAsync(closed.TrackingCode, FollowUpMethod.Phone, FollowUpOutcome.NotResolved, false, "仍未解决", "visitor", Ct);
        var review = await desk.StartReviewAsync(closed.TrackingCode, visit!.Id, "回访不满意", "office", Ct);
        await desk.DecideReviewAsync(review!.Id, review.Version, LookBackDecision.NotTrulyResolved, "程序性办结", unit, "office", scope.ServiceProvider.GetRequiredService<CaseWorkflow>(), Ct);
        var after = await InputAsync();
        Assert.NotNull(after);
        Assert.Equal((before?.RatedCases ?? 0) + 1, after.RatedCases);
        Assert.Equal(before?.SatisfiedCases ?? 0, after.SatisfiedCases);
        Assert.Equal((before?.OverdueCount ?? 0) + 1, after.OverdueCount);
    }

    [Fact]
    public async Task An_unanswered_case_counts_as_overdue_in_its_month_only_once_its_deadline_has_passed()
    {
        await using var db = fixture.Database.Context();
        var open = await db.Cases.AsNoTracking().Where(c => c.HandlingUnitId != null && c.RepliedAt == null && c.ReplyDueAt != null)
            .OrderBy(c => c.TrackingCode).FirstAsync(Ct);
        var unit = open.HandlingUnitId!.Value;
        var due = open.ReplyDueAt!.Value;
        var dueDay = due.InZone(DeadlineCalculator.ChinaTimeZone).Date;
        var month = new YearMonth(dueDay.Year, dueDay.Month);
        var cohort = await db.Units.Where(u => u.Id == unit).Select(u => u.Kind).FirstAsync(Ct) == UnitKind.Department
            ? Data.Assessment.AssessmentCohort.Departments : Data.Assessment.AssessmentCohort.Towns;
        async Task<int> OverdueAsOfAsync(Instant asOf) =>
            (await Data.Assessment.AssessmentQueries.InputsAsync(db, cohort, month, null, asOf, Ct)).FirstOrDefault(i => i.UnitCode == unit.ToString("D"))?.OverdueCount ?? 0;
        // Every unanswered case of the unit falling due at that very instant (deadlines end at the close of a day).
        var dueTogether = await db.Cases.CountAsync(c => c.HandlingUnitId == unit && c.RepliedAt == null && c.ReplyDueAt == due, Ct);

        var beforeDeadline = await OverdueAsOfAsync(due - Duration.FromMinutes(1));
        var afterDeadline = await OverdueAsOfAsync(due + Duration.FromMinutes(1));

        Assert.Equal(beforeDeadline + dueTogether, afterDeadline);
    }
}
