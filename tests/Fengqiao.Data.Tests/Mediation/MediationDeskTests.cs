using Fengqiao.Core.Mediation;
using Fengqiao.Core.Organisations;
using Fengqiao.Data.Mediation;
using Fengqiao.Data.Scope;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Tests.Mediation;

/// <summary>The mediation desk on the seeded demo: a lifecycle stored as a log and rebuilt from it, refusals that leave nothing behind, and scope.</summary>
public sealed class MediationDeskTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    private const string Town = "370505001";
    private static readonly MediationActor Staff = new("司法所 冯磊", [StaffRole.JudicialOfficer]);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static NewMediationRequest Request(Guid committee, MediationInitiation initiation = MediationInitiation.OneParty) =>
        new(committee, null, null, initiation, DisputeKind.Neighbour, "两家之间的排水沟堵塞，雨天积水倒灌。",
            [new MediationParty("张大山", PartySide.Applicant), new MediationParty("李小河", PartySide.Respondent)]);

    private static async Task<Guid> CommitteeAsync(FengqiaoDbContext db, CommitteeKind kind, string? under = null) =>
        await db.MediationCommittees.Where(c => c.Kind == kind && (under == null || c.DivisionCode.StartsWith(under))).OrderBy(c => c.DivisionCode).Select(c => c.Id).FirstAsync(Ct);

    [Fact]
    public async Task The_demo_shows_committees_of_every_kind_named_rooms_and_mediations_in_many_states()
    {
        await using var db = fixture.Database.Context();
        var desk = new MediationDesk(db, TestTime.Clock);
        var committees = await desk.CommitteesAsync(Ct);
        Assert.Contains(committees, c => c.Record.Kind == CommitteeKind.Industry && c.Record.Field == "医疗纠纷");
        Assert.Contains(committees, c => c.Record.Kind == CommitteeKind.Village);
        Assert.Contains(committees, c => c.Record.Kind == CommitteeKind.Town);
        Assert.All(committees, c => Assert.True(c.Members is >= 3 and <= 9 && c.Women >= 1, c.Record.Name));
        Assert.True(await db.MediationRooms.AnyAsync(r => r.Name == "老杨调解室", Ct));
        Assert.True(await db.Mediators.AnyAsync(m => m.IsRespectedLocal, Ct));
        var states = (await desk.MediationsAsync(ct: Ct)).Select(m => m.Record.State).Distinct().ToList();
        Assert.True(states.Count == Enum.GetValues<MediationState>().Length, "states seeded: " + string.Join(", ", states));
        // Every seeded mediation rebuilds from its log into the state its row shows.
        foreach (var row in await db.Mediations.AsNoTracking().ToListAsync(Ct))
        {
            var view = await desk.MediationAsync(row.Id, Ct);
            Assert.Equal(row.State, view!.Mediation.State);
        }
    }

    [Fact]
    public async Task A_mediation_goes_from_application_to_judicial_confirmation_and_its_log_rebuilds_it()
    {
        await using var db = fixture.Database.Context();
        var clock = new MovableClock(TestTime.Now);
        var desk = new MediationDesk(db, clock);
        var committee = await CommitteeAsync(db, CommitteeKind.Village, Town);

        var opened = await desk.OpenAsync(Request(committee), "grid", Ct);
        Assert.Equal(MediationState.Applied, opened.State);
        clock.Advance(Duration.FromHours(2));
        var accepted = await desk.TakeAsync(opened.Id, opened.Version, Staff, MediationAction.Accept, new MediationStep(), Ct);
        Assert.Equal(MediationState.AwaitingConsent, accepted!.Record.State);
        await desk.TakeAsync(opened.Id, null, Staff, MediationAction.RecordConsent, new MediationStep(), Ct);
        clock.Advance(Duration.FromDays(2));
        await desk.TakeAsync(opened.Id, null, Staff, MediationAction.RecordSession, new MediationStep(Place: "村调解室", Participants: ["张大山", "李小河"], Record: "双方陈述……"), Ct);
        var terms = new AgreementTerms(["张大山", "李小河"], "排水沟堵塞。", "疏通费用分担。", "各负一半。", "共同雇人疏通，费用各半。", "现金结清",
            clock.GetCurrentInstant().InZone(Core.Mediation.Mediation.Zone).Date.PlusDays(10));
        await desk.TakeAsync(opened.Id, null, Staff, MediationAction.DraftAgreement, new MediationStep(Terms: terms), Ct);
        clock.Advance(Duration.FromDays(1));
        var signed = await desk.TakeAsync(opened.Id, null, Staff, MediationAction.SignAgreement, new MediationStep(), Ct);
        Assert.Equal(MediationState.Agreed, signed!.Record.State);
        Assert.Equal(signed.Mediation.ConfirmationDueDate!.Value.ToDateOnly(), signed.Record.ConfirmationDueDate);
        Assert.Equal(clock.GetCurrentInstant().InZone(Core.Mediation.Mediation.Zone).Date.PlusDays(30).ToDateOnly(), signed.Record.ConfirmationDueDate);
        var applied = await desk.TakeAsync(opened.Id, null, Staff, MediationAction.ApplyForConfirmation, new MediationStep(Court: "垦利区人民法院"), Ct);

        Assert.Equal(["mediation.applied", "mediation.accepted", "mediation.consented", "mediation.session", "mediation.agreement-drafted", "mediation.agreement-effective",
            "mediation.confirmation-applied"], applied!.Events.Select(e => e.Kind));
        Assert.Equal(Enumerable.Range(1, 7), applied.Events.Select(e => e.Sequence));
        var replayed = MediationDesk.Replay(applied.Events);
        Assert.Equal(applied.Mediation.Agreement!.Terms!.AgreedTerms, replayed.Agreement!.Terms!.AgreedTerms);
        Assert.Equal(terms.PerformanceDeadline, replayed.Agreement.Terms.PerformanceDeadline);
        Assert.Equal("垦利区人民法院", replayed.Confirmation!.Court);
        Assert.Equal(applied.Mediation.Sessions.Single().Participants, replayed.Sessions.Single().Participants);
    }

    [Fact]
    public async Task A_session_after_the_limit_is_refused_and_changes_nothing_until_both_parties_consent()
    {
        await using var db = fixture.Database.Context();
        var clock = new MovableClock(TestTime.Now);
        var desk = new MediationDesk(db, clock);
        var opened = await desk.OpenAsync(Request(await CommitteeAsync(db, CommitteeKind.Town, Town), MediationInitiation.BothParties), "townlead", Ct);
        var started = await desk.TakeAsync(opened.Id, null, Staff, MediationAction.Accept, new MediationStep(), Ct);
        clock.Advance(Duration.FromDays(40));
        var session = new MediationStep(Place: "镇调解室", Participants: ["张大山"], Record: "……");

        var ex = await Assert.ThrowsAsync<MediationRuleException>(() => desk.TakeAsync(opened.Id, started!.Record.Version, Staff, MediationAction.RecordSession, session, Ct));
        Assert.Contains("双方当事人同意延长", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<MediationRuleException>(() => desk.TakeAsync(opened.Id, started!.Record.Version, Staff, MediationAction.Extend, new MediationStep(Days: 10, Note: "只有一方同意"), Ct));
        await using (var fresh = fixture.Database.Context())
        {
            var row = await fresh.Mediations.SingleAsync(m => m.Id == opened.Id, Ct);
            Assert.Equal(started!.Record.Version, row.Version);
            Assert.Equal(2, await fresh.MediationEvents.CountAsync(e => e.MediationId == opened.Id, Ct));
        }
        db.ChangeTracker.Clear();
        await desk.TakeAsync(opened.Id, null, Staff, MediationAction.Extend, new MediationStep(Days: 10, BothPartiesConsent: true, Note: "双方签字同意延长十日"), Ct);
        var after = await desk.TakeAsync(opened.Id, null, Staff, MediationAction.RecordSession, session, Ct);
        Assert.Single(after!.Mediation.Sessions);
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict()
    {
        await using var db = fixture.Database.Context();
        var desk = new MediationDesk(db, TestTime.Clock);
        var opened = await desk.OpenAsync(Request(await CommitteeAsync(db, CommitteeKind.Village, Town)), "grid", Ct);
        // The version the caller read; the row object itself is tracked and moves on with the step.
        var read = opened.Version;
        await desk.TakeAsync(opened.Id, read, Staff, MediationAction.Accept, new MediationStep(), Ct);
        await Assert.ThrowsAsync<MediationConflictException>(() => desk.TakeAsync(opened.Id, read, Staff, MediationAction.RecordConsent, new MediationStep(), Ct));
    }

    [Fact]
    public async Task A_committee_without_a_woman_member_is_refused_with_the_reason_and_nothing_is_stored()
    {
        await using var db = fixture.Database.Context();
        var desk = new MediationDesk(db, TestTime.Clock);
        var before = await db.MediationCommittees.CountAsync(Ct);
        // A name no other test gives a member: the class's tests share one database, in any order.
        var director = "无妇女委员会主任" + Guid.NewGuid().ToString("N")[..6];
        var members = new[] { new CommitteeMember(director, false, CommitteeSeat.Director), new CommitteeMember("乙", false, CommitteeSeat.Member), new CommitteeMember("丙", false, CommitteeSeat.Member) };
        var ex = await Assert.ThrowsAsync<MediationRuleException>(() => desk.RegisterCommitteeAsync(new NewCommittee("试点村人民调解委员会", CommitteeKind.Village, "370505001202", null, members), null, Ct));
        Assert.Contains("妇女成员", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, await db.MediationCommittees.CountAsync(Ct));
        Assert.Equal(0, await db.MediationCommitteeMembers.CountAsync(m => m.Name == director, Ct));
    }

    [Fact]
    public async Task A_judicial_office_registers_only_in_its_own_town_and_guides_what_it_registers()
    {
        await using var system = fixture.Database.Context();
        var office = await system.Units.Where(u => u.Kind == UnitKind.JudicialOffice && u.DivisionCode == Town).Select(u => u.Id).SingleAsync(Ct);
        var scope = AccessScope.For([StaffRole.JudicialOfficer], "judicial", office, DivisionCode.Parse(Town));
        await using var db = fixture.Database.Context(new FixedAccessScopeProvider(scope));
        var desk = new MediationDesk(db, TestTime.Clock);
        var members = new[] { new CommitteeMember("甲", false, CommitteeSeat.Director), new CommitteeMember("乙", true, CommitteeSeat.Member), new CommitteeMember("丙", false, CommitteeSeat.Member) };
        var outside = await system.Divisions.Where(d => d.Level == DivisionLevel.Village && d.Code.StartsWith("370505") && !d.Code.StartsWith(Town)).Select(d => d.Code).FirstAsync(Ct);
        await Assert.ThrowsAsync<MediationRuleException>(() => desk.RegisterCommitteeAsync(new NewCommittee("外镇村人民调解委员会", CommitteeKind.Village, outside, null, members), office, Ct));
        var record = await desk.RegisterCommitteeAsync(new NewCommittee("本镇企业人民调解委员会", CommitteeKind.Enterprise, Town, null, members), office, Ct);
        Assert.Equal(office, record.GuidingUnitId);
        Assert.NotNull(await desk.CommitteeAsync(record.Id, Ct));
    }

    [Theory]
    [InlineData("townlead")]
    [InlineData("grid")]
    [InlineData("distlead")]
    [InlineData("judicial")]
    [InlineData("qingpu.clerk")]
    [InlineData("handler")]
    public async Task Committees_are_seen_in_their_area_or_by_their_guiding_office_and_everything_else_follows_them(string userName)
    {
        var scope = await ScopeOf(userName);
        await using var system = fixture.Database.Context();
        var all = await system.MediationCommittees.AsNoTracking().ToListAsync(Ct);
        var expected = all.Where(c => scope.SeesAll || (scope.UnitId is { } u && scope.Kind >= ScopeKind.Unit && c.GuidingUnitId == u)
            || (scope.Area is { } a && DivisionCode.Parse(c.DivisionCode).IsWithin(a))).Select(c => c.Id).Order().ToList();

        await using var scoped = fixture.Database.Context(new FixedAccessScopeProvider(scope));
        var desk = new MediationDesk(scoped, TestTime.Clock);
        Assert.Equal(expected, (await desk.CommitteesAsync(Ct)).Select(c => c.Record.Id).Order().ToList());
        var mediations = await desk.MediationsAsync(ct: Ct);
        Assert.All(mediations, m => Assert.Contains(m.Record.CommitteeId, expected));
        Assert.Equal(await system.Mediations.CountAsync(m => expected.Contains(m.CommitteeId), Ct), mediations.Count);
        Assert.Equal(await system.MediationEvents.CountAsync(e => system.Mediations.Any(m => m.Id == e.MediationId && expected.Contains(m.CommitteeId)), Ct),
            await scoped.MediationEvents.CountAsync(Ct));
        Assert.True(await scoped.MediationRooms.AllAsync(r => expected.Contains(r.CommitteeId), Ct));
        Assert.True(await scoped.Mediators.AllAsync(r => expected.Contains(r.CommitteeId), Ct));

        switch (userName)
        {
            case "distlead":
                Assert.Equal(all.Count(c => c.DivisionCode.StartsWith("370505")), expected.Count);
                break;
            case "townlead":
                Assert.Contains(all, c => c.Kind == CommitteeKind.Industry && !expected.Contains(c.Id));
                Assert.Contains(all, c => c.Kind == CommitteeKind.Town && expected.Contains(c.Id));
                break;
            case "grid":
                Assert.All(all.Where(c => expected.Contains(c.Id)), c => Assert.Equal(CommitteeKind.Village, c.Kind));
                Assert.NotEmpty(expected);
                break;
            case "judicial":
                Assert.NotEmpty(expected);
                break;
            default:
                Assert.Empty(expected);
                break;
        }
    }

    private async Task<AccessScope> ScopeOf(string userName)
    {
        await using var db = fixture.Database.Context();
        var account = Seeding.DemoAccounts.All.Single(a => a.UserName == userName);
        var user = await db.Users.SingleAsync(u => u.UserName == userName, Ct);
        var unit = user.UnitId is { } id ? await db.Units.SingleAsync(u => u.Id == id, Ct) : null;
        return AccessScope.For([account.Role], user.Id, unit?.Id, unit is null ? null : DivisionCode.Parse(unit.DivisionCode));
    }
}
