using Fengqiao.Core.Cases;
using Fengqiao.Core.Letters;
using Fengqiao.Core.Organisations;
using Fengqiao.Core.Whistles;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Infrastructure;
using Fengqiao.Data.Letters;
using Fengqiao.Data.Scope;
using Fengqiao.Data.Whistles;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Tests.Whistles;

/// <summary>A clock the test moves by hand.</summary>
internal sealed class TestClock(Instant now) : IClock
{
    public Instant Now { get; set; } = now;

    public Instant GetCurrentInstant() => Now;
}

/// <summary>A principal's scope for a context, without the web host.</summary>
internal sealed class FixedScope(AccessScope scope) : IAccessScopeProvider
{
    public AccessScope Current => scope;
}

/// <summary>Whistles and letters stored, replayed, escalated and numbered on the demo database (SQLite and PostgreSQL).</summary>
public sealed class WhistleDataTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static WhistlePolicy Policy => WhistlePolicy.Default(CaseRules.Default.Calculator);

    private sealed record Setting(CaseRecord Case, Guid Blower, Guid Housing, Guid Labour, Guid Bureau);

    /// <summary>An open demo case with a handling unit, the case's registering unit as blower, two departments of its district and its petition bureau.</summary>
    private async Task<Setting> SettingAsync(int skip)
    {
        await using var db = fixture.Database.Context();
        var c = await db.Cases.AsNoTracking().Where(x => x.State != CaseState.Closed && x.HandlingUnitId != null).OrderBy(x => x.TrackingCode).Skip(skip).FirstAsync(Ct);
        var county = c.DivisionCode[..6];
        var departments = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.Department && u.DivisionCode == county).OrderBy(u => u.Name).Take(2).ToListAsync(Ct);
        var bureau = await db.Units.AsNoTracking().FirstAsync(u => u.Kind == UnitKind.PetitionBureau && u.DivisionCode == county, Ct);
        return new Setting(c, c.RegisteringUnitId, departments[0].Id, departments[1].Id, bureau.Id);
    }

    private static BlowRequest Request(Setting s, WhistleLevel level = WhistleLevel.Community) =>
        new(WhistleSource.ResidentRequest, level, "多部门职责交叉，需联合处置", [new(s.Housing, "现场核查并提出整改方案"), new(s.Labour, "核实欠薪情况")]);

    [Fact]
    public async Task A_whistle_is_stored_replayed_and_projected_and_a_refused_action_stores_nothing()
    {
        var s = await SettingAsync(0);
        var clock = new TestClock(TestTime.Now);
        Guid id;
        await using (var db = fixture.Database.Context())
        {
            var desk = new WhistleDesk(db, Policy, clock);
            var blown = await desk.BlowAsync(s.Case.TrackingCode, Request(s), s.Blower, "blower-1", Ct);
            id = blown!.Value.Record.Id;
            clock.Now += Duration.FromHours(1);
            await desk.ApplyAsync(id, 1, (w, at) => w.Acknowledge(s.Housing, at, "housing-1"), Ct);
            clock.Now += Duration.FromHours(1);
            await desk.ApplyAsync(id, 2, (w, at) => w.StartActing(s.Housing, at, "housing-1", "到场"), Ct);
            await desk.ApplyAsync(id, 3, (w, at) => w.Report(s.Housing, at, "housing-1", "已整改"), Ct);
        }
        await using (var db = fixture.Database.Context())
        {
            var desk = new WhistleDesk(db, Policy, clock);
            // Only the blowing unit rates: another unit is refused and nothing is written.
            var refused = await Assert.ThrowsAsync<WhistleRuleException>(() => desk.ApplyAsync(id, 4, (w, at) => w.Rate(s.Labour, s.Housing, Rating(), at, "labour-1"), Ct));
            Assert.Contains("只有吹哨单位", refused.Message, StringComparison.Ordinal);
            // A stale version is a conflict, not a silent overwrite.
            await Assert.ThrowsAsync<WhistleConflictException>(() => desk.ApplyAsync(id, 2, (w, at) => w.Rate(s.Blower, s.Housing, Rating(), at, "blower-1"), Ct));
        }
        await using (var db = fixture.Database.Context())
        {
            Assert.Equal(4, await db.WhistleEvents.CountAsync(e => e.WhistleId == id, Ct));
            var desk = new WhistleDesk(db, Policy, clock);
            await desk.ApplyAsync(id, 4, (w, at) => w.Rate(s.Blower, s.Housing, Rating(), at, "blower-1"), Ct);
        }
        await using (var db = fixture.Database.Context())
        {
            var loaded = await new WhistleDesk(db, Policy, clock).LoadAsync(id, Ct);
            var (record, whistle) = loaded!.Value;
            Assert.Equal(5, whistle.Version);
            Assert.Equal(SummonsStatus.Reported, whistle.Find(s.Housing).Status);
            Assert.Equal(4m, whistle.Find(s.Housing).Rating!.Average);
            var rows = await db.WhistleSummonses.Where(x => x.WhistleId == id).OrderBy(x => x.DepartmentName).ToListAsync(Ct);
            var housing = rows.Single(r => r.DepartmentId == s.Housing);
            Assert.Equal((5, 4, 3), (housing.Timeliness, housing.Attitude, housing.ResultScore));
            Assert.Equal(SummonsStatus.Summoned, rows.Single(r => r.DepartmentId == s.Labour).Status);
            Assert.Equal(whistle.DueOf(s.Labour), record.NextDueAt);
            Assert.Equal(5, record.EventCount);
        }
    }

    [Fact]
    public async Task A_whistle_cannot_be_blown_on_a_closed_case_nor_summon_an_unknown_department()
    {
        var s = await SettingAsync(1);
        await using var db = fixture.Database.Context();
        var before = await db.Whistles.CountAsync(w => w.CaseId == s.Case.Id, Ct);
        var desk = new WhistleDesk(db, Policy, TestTime.Clock);
        var unknown = await Assert.ThrowsAsync<WhistleRuleException>(() => desk.BlowAsync(s.Case.TrackingCode,
            Request(s) with { Departments = [new(Guid.NewGuid(), "x")] }, s.Blower, "blower-1", Ct));
        Assert.Contains("不存在", unknown.Message, StringComparison.Ordinal);
        var closed = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.State == CaseState.Closed, Ct);
        if (closed is not null)
        {
            await Assert.ThrowsAsync<WhistleRuleException>(() => desk.BlowAsync(closed.TrackingCode, Request(s), closed.RegisteringUnitId, "blower-1", Ct));
        }
        Assert.Null(await desk.BlowAsync("NO-SUCH-CASE", Request(s), s.Blower, "blower-1", Ct));
        Assert.Equal(before, await db.Whistles.CountAsync(w => w.CaseId == s.Case.Id, Ct));
    }

    [Fact]
    public async Task Several_nodes_run_the_escalation_timer_and_a_silent_department_walks_the_whistle_up_one_level_at_a_time()
    {
        var s = await SettingAsync(2);
        var clock = new TestClock(TestTime.Now);
        Guid id;
        await using (var db = fixture.Database.Context())
        {
            id = (await new WhistleDesk(db, Policy, clock).BlowAsync(s.Case.TrackingCode, Request(s), s.Blower, "blower-1", Ct))!.Value.Record.Id;
            await db.Leases.Where(l => l.Name == WhistleEscalationJob.LeaseName).ExecuteUpdateAsync(x => x.SetProperty(l => l.ExpiresAt, Leases.LongAgo), Ct);
        }
        var levels = new List<WhistleLevel>();
        var passes = 0;
        while (levels.LastOrDefault() != WhistleLevel.DistrictLeader && passes++ < 10)
        {
            // Past the current due time; each pass uses fresh node names and an expired lease, as if minutes passed.
            await using (var peek = fixture.Database.Context())
            {
                clock.Now = (await peek.Whistles.SingleAsync(w => w.Id == id, Ct)).NextDueAt!.Value + Duration.FromMinutes(1);
            }
            var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(async n =>
            {
                await using var db = fixture.Database.Context();
                return await new WhistleEscalationJob(db, new WhistleDesk(db, Policy, clock)).RunOnceAsync($"pass{passes}-node{n}", clock.Now, Ct);
            }));
            Assert.True(runs.Count(r => r.RanHere) <= 1);
            await using (var db = fixture.Database.Context())
            {
                levels.Add((await db.Whistles.SingleAsync(w => w.Id == id, Ct)).Level);
                await db.Leases.Where(l => l.Name == WhistleEscalationJob.LeaseName).ExecuteUpdateAsync(x => x.SetProperty(l => l.ExpiresAt, Leases.LongAgo), Ct);
            }
        }
        Assert.Equal([WhistleLevel.Street, WhistleLevel.JointMeetingOffice, WhistleLevel.DistrictLeader], levels);
        await using var check = fixture.Database.Context();
        Assert.Equal(3, await check.WhistleEvents.CountAsync(e => e.WhistleId == id && e.Kind == WhistleEvent.Escalated, Ct));
        var notices = await check.Notices.Where(n => n.Kind == "whistle.escalated" && n.CaseId == s.Case.Id).ToListAsync(Ct);
        // Each escalation tells both late departments and the blowing unit, plus the new level's supervising unit where one exists.
        Assert.True(notices.Count >= 9, $"expected at least 9 notices, got {notices.Count}");
        Assert.Equal(notices.Count, notices.Select(n => n.DedupKey).Distinct().Count());
        Assert.Contains(notices, n => n.UnitId == s.Housing && n.Subject.Contains("区领导", StringComparison.Ordinal));
        var flagged = await check.WhistleSummonses.Where(x => x.WhistleId == id).ToListAsync(Ct);
        Assert.All(flagged, f => Assert.True(f.Flagged));
    }

    [Fact]
    public async Task Letters_issued_at_once_from_several_nodes_get_consecutive_unique_numbers()
    {
        var s = await SettingAsync(3);
        var clock = new TestClock(TestTime.Now);
        var ids = new List<Guid>();
        await using (var db = fixture.Database.Context())
        {
            var desk = new LetterDesk(db, CaseRules.Default, clock);
            for (var i = 0; i < 6; i++)
            {
                var drafted = await desk.DraftAsync(s.Case.TrackingCode, new DraftRequest(LetterType.Supervision, s.Housing), s.Bureau, "drafter", Ct);
                await desk.ApproveAsync(drafted!.Value.Record.Id, 1, "leader", Ct);
                ids.Add(drafted.Value.Record.Id);
            }
        }
        clock.Now += Duration.FromMinutes(5);
        var issued = await Task.WhenAll(ids.Select(async id =>
        {
            await using var db = fixture.Database.Context();
            return (await new LetterDesk(db, CaseRules.Default, clock).IssueAsync(id, 2, "clerk", Ct))!.Value.Letter.Number!.Value;
        }));
        var year = CaseRules.Default.Calculator.LocalDateOf(clock.Now).Year;
        await using var check = fixture.Database.Context();
        var before = (await check.LetterNumberSequences.SingleAsync(x => x.IssuingUnitId == s.Bureau && x.Type == LetterType.Supervision && x.Year == year, Ct)).Last;
        var sequences = issued.Select(n => n.Sequence).Order().ToList();
        Assert.Equal(Enumerable.Range(before - 5, 6), sequences);
        Assert.All(issued, n => Assert.Matches(@"^\p{IsCJKUnifiedIdeographs}+督〔\d{4}〕[1-9]\d*号$", n.ToString()));
        Assert.Equal(6, (await check.Letters.Where(l => ids.Contains(l.Id)).Select(l => l.Number).ToListAsync(Ct)).Distinct().Count());
    }

    [Fact]
    public async Task A_letter_is_replied_only_by_its_recipient_and_the_sweep_proposes_each_rule_once()
    {
        var s = await SettingAsync(4);
        var clock = new TestClock(TestTime.Now);
        await using (var db = fixture.Database.Context())
        {
            var desk = new LetterDesk(db, CaseRules.Default, clock);
            var id = (await desk.DraftAsync(s.Case.TrackingCode, new DraftRequest(LetterType.RiskAlert, s.Housing, Risk: "集体访风险"), s.Bureau, "drafter", Ct))!.Value.Record.Id;
            await Assert.ThrowsAsync<LetterRuleException>(() => desk.ApproveAsync(id, 1, "drafter", Ct));
            await desk.ApproveAsync(id, 1, "leader", Ct);
            await desk.IssueAsync(id, 2, "clerk", Ct);
            var wrong = await Assert.ThrowsAsync<LetterRuleException>(() => desk.ReplyAsync(id, 3, s.Labour, "labour-1", "不是给我的", Ct));
            Assert.Contains("并非发给本单位", wrong.Message, StringComparison.Ordinal);
            var replied = await desk.ReplyAsync(id, 3, s.Housing, "housing-1", "已落实稳控措施", Ct);
            Assert.Equal(LetterState.Replied, replied!.Value.Record.State);
        }
        var later = clock.Now + Duration.FromDays(120);
        await using (var db = fixture.Database.Context())
        {
            await db.Leases.Where(l => l.Name == LetterProposalSweep.LeaseName).ExecuteUpdateAsync(x => x.SetProperty(l => l.ExpiresAt, Leases.LongAgo), Ct);
            var first = await new LetterProposalSweep(db).RunOnceAsync("n1", later, Ct);
            Assert.True(first.Proposed > 0);
        }
        await using (var db = fixture.Database.Context())
        {
            var second = await new LetterProposalSweep(db).RunOnceAsync("n1", later, Ct);
            Assert.Equal(0, second.Proposed);
            var proposals = await db.LetterProposals.ToListAsync(Ct);
            Assert.Equal(proposals.Count, proposals.Select(p => (p.CaseId, p.RuleCode)).Distinct().Count());
            Assert.Contains(proposals, p => p.RuleCode == "overdue-supervision" && p.Type == LetterType.Supervision);
            Assert.All(proposals, p => Assert.False(string.IsNullOrWhiteSpace(p.RuleName)));
        }
    }

    [Fact]
    public async Task A_summoned_department_sees_the_whistle_and_an_unrelated_unit_does_not()
    {
        var s = await SettingAsync(5);
        Guid id;
        await using (var db = fixture.Database.Context())
        {
            id = (await new WhistleDesk(db, Policy, TestTime.Clock).BlowAsync(s.Case.TrackingCode, Request(s), s.Blower, "blower-1", Ct))!.Value.Record.Id;
        }
        Guid outsider;
        await using (var db = fixture.Database.Context())
        {
            var county = s.Case.DivisionCode[..6];
            outsider = await db.Units.Where(u => u.Kind == UnitKind.Department && u.DivisionCode == county && u.Id != s.Housing && u.Id != s.Labour && u.Id != s.Case.HandlingUnitId)
                .Select(u => u.Id).FirstAsync(Ct);
        }
        await using (var housing = fixture.Database.Context(new FixedScope(new AccessScope(ScopeKind.Unit, s.Housing, null, "h"))))
        {
            Assert.True(await housing.Whistles.AnyAsync(w => w.Id == id, Ct));
            Assert.Equal(1, await housing.WhistleEvents.Where(e => e.WhistleId == id).CountAsync(Ct));
        }
        await using var other = fixture.Database.Context(new FixedScope(new AccessScope(ScopeKind.Unit, outsider, null, "o")));
        Assert.False(await other.Whistles.AnyAsync(w => w.Id == id, Ct));
        Assert.False(await other.WhistleSummonses.AnyAsync(x => x.WhistleId == id, Ct));
    }

    [Fact]
    public async Task The_whistle_log_refuses_updates_in_the_database_itself()
    {
        var s = await SettingAsync(6);
        await using var db = fixture.Database.Context();
        var id = (await new WhistleDesk(db, Policy, TestTime.Clock).BlowAsync(s.Case.TrackingCode, Request(s), s.Blower, "blower-1", Ct))!.Value.Record.Id;
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlAsync($"UPDATE \"WhistleEvents\" SET \"Actor\" = 'someone-else' WHERE \"WhistleId\" = {id}", Ct));
    }

    private static DepartmentRating Rating() => new(Score.Of(5), Score.Of(4), Score.Of(3), "响应及时");
}
