using Fengqiao.Core.Cases;
using Fengqiao.Core.Organisations;
using Fengqiao.Core.VillageAssessment;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Grid;
using Fengqiao.Data.Scope;
using Fengqiao.Data.VillageAssessment;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Fengqiao.Data.Tests.VillageAssessment;

/// <summary>The "双十" assessment on the seeded demo: computed from the records, hand values with evidence, ranking, scope, notice.</summary>
public sealed class VillageAssessmentDeskTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    private const string Town = GridDemoSeeder.DemoTown;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static YearMonth ThisMonth()
    {
        var today = TestTime.Now.InZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).Date;
        return new YearMonth(today.Year, today.Month);
    }

    [Fact]
    public async Task Every_village_of_the_demo_town_is_ranked_with_totals_that_add_up_and_evidence_for_each_line()
    {
        await using var db = fixture.Database.Context();
        var desk = new VillageAssessmentDesk(db, TestTime.Clock);
        var ranking = await desk.RankingAsync(Town, ThisMonth().PlusMonths(-1), Ct);

        Assert.Equal(101, ranking.Ranking.Rows.Length);
        Assert.All(ranking.Ranking.Rows, r =>
        {
            Assert.Equal(20, r.Score.Lines.Length);
            Assert.Equal(DefaultAssessmentScheme.BaseScore + r.Score.Lines.Sum(l => l.Points), r.Total);
            Assert.All(r.Score.Lines, l => Assert.False(string.IsNullOrWhiteSpace(l.Entry.Evidence)));
        });
        Assert.Equal(1, ranking.Ranking.Rows[0].Rank);
        Assert.True(ranking.Ranking.Rows.Zip(ranking.Ranking.Rows.Skip(1)).All(p => p.First.Total >= p.Second.Total));
        // The hand-entered safety incident counts against its village, with who entered it.
        var incident = ranking.Ranking.Rows.SelectMany(r => r.Score.Lines).Single(l => l.Indicator.Code == "N05" && l.Entry.Source == ValueSource.Manual);
        Assert.Equal(-5m, incident.Points);
        Assert.Equal("townlead", incident.Entry.EnteredBy);
    }

    [Fact]
    public async Task A_new_unresolved_dispute_in_a_village_costs_it_two_points_when_the_month_is_rescored()
    {
        const string village = "370505001207";
        var month = ThisMonth();
        await using var db = fixture.Database.Context();
        var desk = new VillageAssessmentDesk(db, TestTime.Clock);
        var before = (await desk.ScoreMonthAsync(Town, month, Ct)).Single(s => s.Score.Village.Value == village).Score;

        var bureau = await db.Units.SingleAsync(u => u.Name == "垦利区信访局", Ct);
        await new CaseWorkflow(db, CaseRules.Default, TestTime.Clock, fixture.Services.GetRequiredService<Fengqiao.Data.Security.PersonalDataProtector>(),
            new KnownReferences(), fixture.Services.GetRequiredService<Fengqiao.Data.Text.CaseMatterIndex>()).RegisterAsync(new NewCase(CaseKind.Dispute, CaseChannel.Visit, "邻里宅基地界址纠纷", "双方各执一词",
            village, null, null, false, [new NewParty("王双河", null, "13905460001", false)], null, bureau.Id, "clerk", null, null), "clerk", Ct);
        var after = (await desk.ScoreMonthAsync(Town, month, Ct)).Single(s => s.Score.Village.Value == village).Score;

        var n01Before = before.Lines.Single(l => l.Indicator.Code == "N01");
        var n01After = after.Lines.Single(l => l.Indicator.Code == "N01");
        Assert.Equal(((CountValue)n01Before.Entry.Value).Value + 1, ((CountValue)n01After.Entry.Value).Value);
        Assert.Equal(Math.Max(-10m, n01Before.Points - 2m), n01After.Points);
        Assert.Contains("未化解矛盾纠纷", n01After.Entry.Evidence, StringComparison.Ordinal);
        var stored = await db.VillageIndicatorEntries.SingleAsync(e => e.VillageCode == village && e.Month == VillageAssessmentDesk.Key(month) && e.IndicatorCode == "N01", Ct);
        Assert.Equal(n01After.Points, stored.Points);
    }

    [Fact]
    public async Task Only_a_case_of_five_or_more_people_counts_as_a_collective_petition_of_the_village()
    {
        // The desk counted every case with a group size; a row of four people (stored before registration checked
        // the size, or written by an import) is not a 集体访 to registration or to the letter rules, nor here.
        const string village = "370505001210";
        var month = ThisMonth();
        await using var db = fixture.Database.Context();
        var desk = new VillageAssessmentDesk(db, TestTime.Clock);
        var before = (await desk.FactsAsync(Town, month, Ct))[DivisionCode.Parse(village)].GroupPetitions;

        var bureau = await db.Units.SingleAsync(u => u.Name == "垦利区信访局", Ct);
        var workflow = new CaseWorkflow(db, CaseRules.Default, TestTime.Clock, fixture.Services.GetRequiredService<Fengqiao.Data.Security.PersonalDataProtector>(),
            new KnownReferences(), fixture.Services.GetRequiredService<Fengqiao.Data.Text.CaseMatterIndex>());
        var five = await workflow.RegisterAsync(new NewCase(CaseKind.Petition, CaseChannel.Visit, "土地流转租金拖欠", "五户村民一同来访",
            village, null, null, false, [new NewParty("刘长河", null, "13905460031", true)], 5, bureau.Id, "clerk", null, null), "clerk", Ct);
        var four = await workflow.RegisterAsync(new NewCase(CaseKind.Petition, CaseChannel.Visit, "灌溉水渠年久失修", "四户村民一同来访",
            village, null, null, false, [new NewParty("刘长江", null, "13905460032", true)], null, bureau.Id, "clerk", null, null), "clerk", Ct);
        await db.Cases.Where(c => c.Id == four.Case.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.GroupSize, 4), Ct);

        var after = (await desk.FactsAsync(Town, month, Ct))[DivisionCode.Parse(village)].GroupPetitions;

        Assert.Equal(5, five.Case.GroupSize);
        Assert.Equal(before + 1, after);
    }

    [Fact]
    public async Task Hand_entries_are_refused_for_computed_indicators_without_evidence_or_outside_the_scope()
    {
        await using var db = fixture.Database.Context();
        var desk = new VillageAssessmentDesk(db, TestTime.Clock);
        var before = await db.VillageIndicatorEntries.CountAsync(Ct);

        var computed = await Assert.ThrowsAsync<AssessmentRuleException>(() => desk.EnterManualAsync("370505001201", ThisMonth(), "N01", 3, "说明", "townlead", Ct));
        var noEvidence = await Assert.ThrowsAsync<AssessmentRuleException>(() => desk.EnterManualAsync("370505001201", ThisMonth().PlusMonths(-5), "N05", 1, " ", "townlead", Ct));
        var qingpu = AccessScope.For([StaffRole.Clerk], "x", Guid.NewGuid(), DivisionCode.Parse("310118"));
        await using var other = fixture.Database.Context(new FixedAccessScopeProvider(qingpu));
        var outside = await Assert.ThrowsAsync<AssessmentRuleException>(() => new VillageAssessmentDesk(other, TestTime.Clock).EnterManualAsync("370505001201", ThisMonth(), "N05", 1, "通报", "qingpu", Ct));

        Assert.Contains("cannot be entered by hand", computed.Message, StringComparison.Ordinal);
        Assert.Contains("needs its evidence", noEvidence.Message, StringComparison.Ordinal);
        Assert.Contains("not in your scope", outside.Message.Replace("no such village in your scope", "not in your scope", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(before, await db.VillageIndicatorEntries.CountAsync(Ct));
    }

    [Fact]
    public async Task The_town_sees_its_villages_a_village_member_its_own_and_another_district_none()
    {
        async Task<int> VillagesAsync(AccessScope scope)
        {
            await using var db = fixture.Database.Context(new FixedAccessScopeProvider(scope));
            return (await new VillageAssessmentDesk(db, TestTime.Clock).VillagesAsync(Town, Ct)).Count;
        }
        var town = AccessScope.For([StaffRole.TownLeader], "t", Guid.NewGuid(), DivisionCode.Parse(Town));
        var village = AccessScope.For([StaffRole.GridMember], "g", Guid.NewGuid(), DivisionCode.Parse("370505001001"));
        var qingpu = AccessScope.For([StaffRole.Clerk], "q", Guid.NewGuid(), DivisionCode.Parse("310118"));

        Assert.Equal(101, await VillagesAsync(town));
        Assert.Equal(1, await VillagesAsync(village));
        Assert.Equal(0, await VillagesAsync(qingpu));
        await using var scoped = fixture.Database.Context(new FixedAccessScopeProvider(village));
        Assert.Equal(20, await scoped.VillageIndicatorEntries.CountAsync(e => e.Month == VillageAssessmentDesk.Key(ThisMonth().PlusMonths(-1)), Ct));
    }

    [Fact]
    public async Task Last_months_notice_is_published_with_its_commended_and_warned_villages()
    {
        await using var db = fixture.Database.Context();
        var notice = await db.AssessmentNotices.SingleAsync(n => n.AreaCode == Town && n.Month == VillageAssessmentDesk.Key(ThisMonth().PlusMonths(-1)), Ct);

        Assert.Contains("红榜", notice.Text, StringComparison.Ordinal);
        Assert.Contains("黄榜", notice.Text, StringComparison.Ordinal);
        Assert.Contains("参评村（社区）101 个", notice.Text, StringComparison.Ordinal);
        Assert.Equal("垦利街道办事处", notice.Issuer);
    }
}
