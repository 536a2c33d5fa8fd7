using Fengqiao.Core.Cases;
using Fengqiao.Core.Letters;
using Fengqiao.Core.Organisations;
using Fengqiao.Core.Whistles;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Infrastructure;
using Fengqiao.Data.Letters;
using Fengqiao.Data.Whistles;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Tests.Whistles;

/// <summary>
/// What the escalation leaves on record and who may still act on it: the notices each level sent, a closed case's
/// whistle left where it is, and an accountability suggestion that cites the department's failed whistle.
/// </summary>
public sealed class WhistleEscalationRecordTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static WhistlePolicy Policy => WhistlePolicy.Default(CaseRules.Default.Calculator);

    private sealed record Setting(string CaseCode, Guid CaseId, Guid Blower, Guid Silent, Guid Reporting, Guid Bureau);

    private async Task<Setting> SettingAsync()
    {
        await using var db = fixture.Database.Context();
        // Each test takes the first open case no whistle hangs on yet, so the tests never share a case.
        var c = await db.Cases.AsNoTracking().Where(x => x.State != CaseState.Closed && x.DivisionCode.StartsWith("370505"))
            .Where(x => !db.Whistles.Any(w => w.CaseId == x.Id))
            .OrderBy(x => x.TrackingCode).FirstAsync(Ct);
        var departments = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.Department && u.DivisionCode == "370505").OrderBy(u => u.Name).Take(2).Select(u => u.Id).ToListAsync(Ct);
        var bureau = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.PetitionBureau && u.DivisionCode == "370505").Select(u => u.Id).FirstAsync(Ct);
        return new Setting(c.TrackingCode, c.Id, c.RegisteringUnitId, departments[0], departments[1], bureau);
    }

    private async Task<Guid> BlowAsync(Setting s, IClock clock)
    {
        await using var db = fixture.Database.Context();
        var request = new BlowRequest(WhistleSource.ResidentRequest, WhistleLevel.Community, "多部门职责交叉", [new(s.Silent, "到场核查"), new(s.Reporting, "配合处置")]);
        return (await new WhistleDesk(db, Policy, clock).BlowAsync(s.CaseCode, request, s.Blower, "blower-1", Ct))!.Value.Record.Id;
    }

    /// <summary>One timer pass just past the whistle's next due time, on an expired lease (as if that much time had passed).</summary>
    private async Task<EscalationRunResult> PassAsync(Guid id, TestClock clock)
    {
        await using var db = fixture.Database.Context();
        await db.Leases.Where(l => l.Name == WhistleEscalationJob.LeaseName).ExecuteUpdateAsync(x => x.SetProperty(l => l.ExpiresAt, Leases.LongAgo), Ct);
        var due = (await db.Whistles.AsNoTracking().SingleAsync(w => w.Id == id, Ct)).NextDueAt!.Value;
        clock.Now = Instant.Max(clock.Now, due + Duration.FromMinutes(1));
        return await new WhistleEscalationJob(db, new WhistleDesk(db, Policy, clock)).RunOnceAsync("escalation-record-test", clock.Now, Ct);
    }

    private async Task<EscalationRunResult> RunAtAsync(Instant at)
    {
        await using var db = fixture.Database.Context();
        await db.Leases.Where(l => l.Name == WhistleEscalationJob.LeaseName).ExecuteUpdateAsync(x => x.SetProperty(l => l.ExpiresAt, Leases.LongAgo), Ct);
        return await new WhistleEscalationJob(db, new WhistleDesk(db, Policy, new TestClock(at))).RunOnceAsync("flag-test", at, Ct);
    }

    [Fact]
    public async Task A_department_silent_at_the_top_level_is_flagged_by_the_timer_once_past_the_threshold_and_the_ranking_counts_it()
    {
        var s = await SettingAsync();
        await using (var db = fixture.Database.Context())
        {
            // A department of its own that no other whistle summons (the demo's whistles reach nearly every department,
            // which ones depends on the seed): the timer's later passes then flag nothing else of it, and the ranking
            // count is this whistle's alone.
            var own = new Fengqiao.Data.Organisations.Unit { Name = "重点项目推进办公室", Kind = UnitKind.Department, DivisionCode = "370505" };
            db.Units.Add(own);
            await db.SaveChangesAsync(Ct);
            s = s with { Silent = own.Id };
        }
        var blownAt = TestTime.Now;
        var today = blownAt.InZone(Core.Calendar.DeadlineCalculator.ChinaTimeZone).Date;
        var month = new YearMonth(today.Year, today.Month);
        async Task<int> OverdueAsync()
        {
            await using var db = fixture.Database.Context();
            var inputs = await Assessment.AssessmentQueries.InputsAsync(db, Assessment.AssessmentCohort.Departments, month, "370505", TestTime.Now, Ct);
            return inputs.SingleOrDefault(i => i.UnitCode == s.Silent.ToString("D"))?.OverdueCount ?? 0;
        }
        var before = await OverdueAsync();
        Guid id;
        Instant due;
        await using (var db = fixture.Database.Context())
        {
            // Blown straight at the district leader: no escalation will ever re-project this whistle.
            var request = new BlowRequest(WhistleSource.MayorHotline, WhistleLevel.DistrictLeader, "区领导督办", [new(s.Silent, "两小时内报到")]);
            var blown = (await new WhistleDesk(db, Policy, new TestClock(blownAt)).BlowAsync(s.CaseCode, request, s.Blower, "blower-1", Ct))!.Value;
            id = blown.Record.Id;
            due = blown.Record.NextDueAt!.Value;
        }
        async Task<WhistleSummonsRecord> RowAsync()
        {
            await using var db = fixture.Database.Context();
            return await db.WhistleSummonses.AsNoTracking().SingleAsync(x => x.WhistleId == id, Ct);
        }

        // Late, but not yet beyond the threshold: not flagged.
        await RunAtAsync(due + Duration.FromHours(1));
        Assert.False((await RowAsync()).Flagged);
        Assert.Equal(before, await OverdueAsync());

        // Beyond it: flagged, counted as overdue, and the whistle neither moved nor gained an event.
        await RunAtAsync(due + Policy.LateFlagThreshold + Duration.FromMinutes(1));
        Assert.True((await RowAsync()).Flagged);
        Assert.Equal(before + 1, await OverdueAsync());
        await using (var db = fixture.Database.Context())
        {
            var record = await db.Whistles.AsNoTracking().SingleAsync(w => w.Id == id, Ct);
            Assert.Equal((WhistleLevel.DistrictLeader, 1, 1), (record.Level, record.FlaggedCount, record.EventCount));
            Assert.Equal(1, await db.WhistleEvents.CountAsync(e => e.WhistleId == id, Ct));
            // The joint-meeting office can now refer it: the flag is the rule's own, not only the projection's.
            var desk = new WhistleDesk(db, Policy, new TestClock(due + Policy.LateFlagThreshold + Duration.FromMinutes(2)));
            var referred = await desk.ApplyAsync(id, 1, (w, at) => w.Refer(Guid.CreateVersion7(), s.Silent, StaffRole.JointMeetingOffice, at, "office-1", "拒不报到", []), Ct);
            Assert.Single(referred!.Value.Whistle.Referrals);
        }

        // Another pass adds nothing: the ranking still counts the department once.
        await RunAtAsync(due + Duration.FromDays(3));
        Assert.Equal(before + 1, await OverdueAsync());

        // The whistle is work the department is measured on: it is ranked, not excused as "not rated" (不参评).
        await using (var db = fixture.Database.Context())
        {
            var inputs = await Assessment.AssessmentQueries.InputsAsync(db, Assessment.AssessmentCohort.Departments, month, "370505", TestTime.Now, Ct);
            Assert.Equal(1, inputs.Single(i => i.UnitCode == s.Silent.ToString("D")).WhistlesSummoned);
            var ranking = Core.Assessment.MonthlyAssessment.Rank(month, inputs, Core.Assessment.AssessmentScheme.Default);
            Assert.NotNull(ranking.Find(s.Silent.ToString("D")));
            Assert.DoesNotContain(ranking.NotRated, u => u.UnitCode == s.Silent.ToString("D"));
        }
    }

    [Fact]
    public async Task Each_level_s_notices_are_read_back_with_the_units_told()
    {
        var s = await SettingAsync();
        var clock = new TestClock(TestTime.Now);
        var id = await BlowAsync(s, clock);
        await using (var db = fixture.Database.Context())
        {
            Assert.Empty(await WhistleDesk.EscalationNoticesAsync(db, id, Ct));
        }
        int before;
        await using (var db = fixture.Database.Context())
        {
            before = await db.Notices.CountAsync(n => n.Kind == "whistle.escalated", Ct);
        }
        var first = await PassAsync(id, clock);
        var second = await PassAsync(id, clock);
        await using (var db = fixture.Database.Context())
        {
            var notices = await WhistleDesk.EscalationNoticesAsync(db, id, Ct);
            // Each pass reports the notices its escalations queued, whichever whistles were due.
            Assert.Equal(await db.Notices.CountAsync(n => n.Kind == "whistle.escalated", Ct) - before, first.Notices + second.Notices);
            Assert.Equal([WhistleLevel.Street, WhistleLevel.JointMeetingOffice], notices.Select(n => n.Level).Distinct());
            foreach (var level in new[] { WhistleLevel.Street, WhistleLevel.JointMeetingOffice })
            {
                var told = notices.Where(n => n.Level == level).Select(n => n.UnitId).ToList();
                // Both silent departments and the blowing unit, each once per level.
                Assert.Contains(s.Silent, told);
                Assert.Contains(s.Reporting, told);
                Assert.Contains(s.Blower, told);
                Assert.Equal(told.Count, told.Distinct().Count());
            }
            var office = await db.Units.Where(u => u.Kind == UnitKind.JointMeetingOffice && u.DivisionCode == "370505").Select(u => u.Id).SingleAsync(Ct);
            Assert.Contains(notices, n => n.Level == WhistleLevel.JointMeetingOffice && n.UnitId == office && n.UnitName.Contains("联席", StringComparison.Ordinal));
            Assert.DoesNotContain(notices, n => n.Level == WhistleLevel.Street && n.UnitId == office);
            // Only this whistle's notices: each names its case.
            Assert.All(notices, n => Assert.Contains(s.CaseCode, n.Subject, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_whistle_whose_case_was_closed_is_neither_escalated_by_the_timer_nor_by_hand()
    {
        var s = await SettingAsync();
        var clock = new TestClock(TestTime.Now);
        var id = await BlowAsync(s, clock);
        await using (var db = fixture.Database.Context())
        {
            // The case was closed meanwhile (its projection, which is what every reader consults).
            await db.Cases.Where(c => c.Id == s.CaseId).ExecuteUpdateAsync(x => x.SetProperty(c => c.State, CaseState.Closed), Ct);
        }
        var run = await PassAsync(id, clock);
        Assert.True(run.RanHere);
        await using (var db = fixture.Database.Context())
        {
            var desk = new WhistleDesk(db, Policy, clock);
            var refused = await Assert.ThrowsAsync<WhistleRuleException>(() => desk.EnsureCaseOpenAsync(s.CaseId, Ct));
            Assert.Equal("案件已办结，吹哨不能再升级 (the case is closed; its whistle cannot be escalated)", refused.Message);
            var record = await db.Whistles.AsNoTracking().SingleAsync(w => w.Id == id, Ct);
            Assert.Equal(WhistleLevel.Community, record.Level);
            Assert.Equal(1, await db.WhistleEvents.CountAsync(e => e.WhistleId == id, Ct));
            Assert.Empty(await WhistleDesk.EscalationNoticesAsync(db, id, Ct));
        }
        await using (var db = fixture.Database.Context())
        {
            // Reopened, the same whistle escalates on the next pass: the check is the case's state, not the whistle's.
            await db.Cases.Where(c => c.Id == s.CaseId).ExecuteUpdateAsync(x => x.SetProperty(c => c.State, CaseState.InProgress), Ct);
        }
        await PassAsync(id, clock);
        await using (var db = fixture.Database.Context())
        {
            Assert.Equal(WhistleLevel.Street, (await db.Whistles.AsNoTracking().SingleAsync(w => w.Id == id, Ct)).Level);
        }
    }

    [Fact]
    public async Task An_accountability_suggestion_cites_the_recipient_s_failed_whistle_and_without_one_needs_a_reason()
    {
        var s = await SettingAsync();
        var clock = new TestClock(TestTime.Now);
        await using (var db = fixture.Database.Context())
        {
            var desk = new LetterDesk(db, CaseRules.Default, clock);
            var before = await db.Letters.CountAsync(Ct);
            var refused = await Assert.ThrowsAsync<LetterRuleException>(() => desk.DraftAsync(s.CaseCode, new DraftRequest(LetterType.AccountabilitySuggestion, s.Silent), s.Bureau, "clerk-1", Ct));
            Assert.Equal("问责建议函须写明问责事由 (an accountability suggestion needs a reason)", refused.Message);
            Assert.Equal(before, await db.Letters.CountAsync(Ct));
            // A typed reason is used as typed.
            var typed = await desk.DraftAsync(s.CaseCode, new DraftRequest(LetterType.AccountabilitySuggestion, s.Silent, Reason: "多次推诿"), s.Bureau, "clerk-1", Ct);
            Assert.Contains("办理中，多次推诿。", typed!.Value.Record.Body, StringComparison.Ordinal);
        }
        var id = await BlowAsync(s, clock);
        await using (var db = fixture.Database.Context())
        {
            // The reporting department answers at once, so only the silent one stays late.
            var desk = new WhistleDesk(db, Policy, clock);
            await desk.ApplyAsync(id, 1, (w, at) => w.Acknowledge(s.Reporting, at, "reporting-1"), Ct);
            await desk.ApplyAsync(id, 2, (w, at) => w.StartActing(s.Reporting, at, "reporting-1", "到场"), Ct);
            await desk.ApplyAsync(id, 3, (w, at) => w.Report(s.Reporting, at, "reporting-1", "已处置"), Ct);
        }
        for (var pass = 0; pass < 3; pass++)
        {
            await PassAsync(id, clock);
        }
        await using (var db = fixture.Database.Context())
        {
            Assert.True((await db.WhistleSummonses.AsNoTracking().SingleAsync(x => x.WhistleId == id && x.DepartmentId == s.Silent, Ct)).Flagged);
            var desk = new LetterDesk(db, CaseRules.Default, clock);
            var drafted = await desk.DraftAsync(s.CaseCode, new DraftRequest(LetterType.AccountabilitySuggestion, s.Silent), s.Bureau, "clerk-1", Ct);
            Assert.Contains("你单位被吹哨召集后未在时限内报到、处置或反馈，吹哨已逐级升级至区领导", drafted!.Value.Record.Body, StringComparison.Ordinal);
            // A department that did not fail the whistle gets no such citation: a reason is still required.
            await Assert.ThrowsAsync<LetterRuleException>(() => desk.DraftAsync(s.CaseCode, new DraftRequest(LetterType.AccountabilitySuggestion, s.Reporting), s.Bureau, "clerk-1", Ct));
        }
    }
}
