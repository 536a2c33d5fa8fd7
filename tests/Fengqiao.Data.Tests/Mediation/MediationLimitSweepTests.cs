using Fengqiao.Core.Mediation;
using Fengqiao.Core.Organisations;
using Fengqiao.Data.Infrastructure;
using Fengqiao.Data.Mediation;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Tests.Mediation;

/// <summary>
/// The time-limit warnings on a controlled clock: one notice per mediation, level and last day, to the committee's
/// judicial office, however many passes and nodes run; an agreed extension starts its own warnings; the lists flag it.
/// </summary>
public sealed class MediationLimitSweepTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    private static readonly MediationActor Staff = new("司法所 冯磊", [StaffRole.JudicialOfficer]);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<MediationLimitSweepResult> SweepAsync(string node, Instant now)
    {
        await using var db = fixture.Database.Context();
        return await new MediationLimitSweep(db).RunOnceAsync(node, now, Ct);
    }

    private static Instant Morning(LocalDate date) => date.AtStartOfDayInZone(Core.Mediation.Mediation.Zone).ToInstant() + Duration.FromHours(9);

    [Fact]
    public async Task A_mediation_is_warned_once_per_level_before_and_after_its_limit_and_again_after_an_extension()
    {
        await using (var reset = fixture.Database.Context())
        {
            await reset.Leases.Where(l => l.Name == MediationLimitSweep.LeaseName).ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, Leases.LongAgo), Ct);
        }
        Guid id, guidingUnit;
        LocalDate limit;
        var clock = new MovableClock(TestTime.Now);
        await using (var db = fixture.Database.Context())
        {
            var committee = await db.MediationCommittees.Where(c => c.Kind == CommitteeKind.Town && c.GuidingUnitId != null).OrderBy(c => c.DivisionCode).FirstAsync(Ct);
            guidingUnit = committee.GuidingUnitId!.Value;
            var desk = new MediationDesk(db, clock);
            var opened = await desk.OpenAsync(new NewMediationRequest(committee.Id, null, null, MediationInitiation.BothParties, DisputeKind.Neighbour,
                "两家院墙之间的通道被一方堆放杂物，另一方无法通行。", [new MediationParty("限期甲", PartySide.Applicant), new MediationParty("限期乙", PartySide.Respondent)]), "clerk", Ct);
            var started = await desk.TakeAsync(opened.Id, null, Staff, MediationAction.Accept, new MediationStep(), Ct);
            id = opened.Id;
            limit = LocalDate.FromDateOnly(started!.Record.LimitDate!.Value);
        }
        string Key(MediationLimitStatus status, LocalDate last) => MediationLimitSweep.DedupKey(id, status, last.ToDateOnly());
        async Task<List<Fengqiao.Data.Notices.Notice>> NoticesAsync()
        {
            await using var db = fixture.Database.Context();
            var prefix = $"mediation-limit:{id:N}:";
            return await db.Notices.AsNoTracking().Where(n => n.DedupKey.StartsWith(prefix)).OrderBy(n => n.Id).ToListAsync(Ct);
        }

        // Six days before the last day: nothing yet.
        Assert.True((await SweepAsync("node-a", Morning(limit.PlusDays(-6)))).RanHere);
        Assert.Empty(await NoticesAsync());

        // Five days before: due soon, once, however often and from however many nodes the sweep runs.
        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => SweepAsync(i == 0 ? "node-a" : $"node-{i}", Morning(limit.PlusDays(-5)))));
        Assert.Equal(1, results.Count(r => r.RanHere));
        await SweepAsync("node-a", Morning(limit.PlusDays(-2)));
        var soon = Assert.Single(await NoticesAsync());
        Assert.Equal(Key(MediationLimitStatus.DueSoon, limit), soon.DedupKey);
        Assert.Equal("mediation.due-soon", soon.Kind);
        Assert.Equal(guidingUnit, soon.UnitId);
        Assert.Contains("限期甲", soon.Subject, StringComparison.Ordinal);

        // The lists flag it from the same rule and the clock.
        await using (var db = fixture.Database.Context())
        {
            var row = (await new MediationDesk(db, new MovableClock(Morning(limit.PlusDays(-1)))).MediationsAsync(ct: Ct)).Single(m => m.Record.Id == id);
            Assert.Equal(MediationLimitStatus.DueSoon, row.Limit);
        }

        // The day after the last day: overdue, once.
        await SweepAsync("node-a", Morning(limit.PlusDays(1)));
        await SweepAsync("node-a", Morning(limit.PlusDays(3)));
        var both = await NoticesAsync();
        Assert.Equal([Key(MediationLimitStatus.DueSoon, limit), Key(MediationLimitStatus.Overdue, limit)], both.Select(n => n.DedupKey));
        Assert.Equal("mediation.overdue", both[1].Kind);

        // Both parties agree ten more days: the new last day is warned again, under its own key.
        LocalDate extended;
        await using (var db = fixture.Database.Context())
        {
            var after = await new MediationDesk(db, new MovableClock(Morning(limit.PlusDays(3)))).TakeAsync(id, null, Staff, MediationAction.Extend,
                new MediationStep(Days: 10, BothPartiesConsent: true, Note: "双方签字同意延长十日"), Ct);
            extended = LocalDate.FromDateOnly(after!.Record.LimitDate!.Value);
        }
        await SweepAsync("node-a", Morning(limit.PlusDays(4)));
        Assert.Equal(2, (await NoticesAsync()).Count);
        await SweepAsync("node-a", Morning(extended.PlusDays(-5)));
        Assert.Equal(Key(MediationLimitStatus.DueSoon, extended), (await NoticesAsync()).Last().DedupKey);
        Assert.Equal(3, (await NoticesAsync()).Count);
    }

    [Fact]
    public async Task The_demo_mediation_past_its_limit_is_flagged_overdue_first_in_its_mediators_work_list()
    {
        await using var db = fixture.Database.Context();
        var chen = await db.Mediators.Where(m => m.Name == "陈立新").Select(m => m.Id).SingleAsync(Ct);
        var list = await new MediationDesk(db, TestTime.Clock).MediationsAsync(ct: Ct, mediatorId: chen);
        Assert.NotEmpty(list);
        Assert.All(list, m => Assert.Equal(chen, m.Record.MediatorId));
        Assert.Equal(MediationLimitStatus.Overdue, list[0].Limit);
        Assert.Equal(MediationState.InMediation, list[0].Record.State);
        Assert.Equal("陈立新", list[0].Mediator);
    }
}
