using System.Diagnostics;
using Fengqiao.Core.Assessment;
using Fengqiao.Core.Cases;
using Fengqiao.Data.Assessment;
using Fengqiao.Data.Audit;
using Fengqiao.Data.Ledger;
using Fengqiao.Data.Seeding;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Fengqiao.Data.Tests.Demo;

/// <summary>
/// The demo's simulated year on the run's fixed clock: the ledger shows the seed's figures for 垦利区, every ranked
/// unit has a month's worth of cases, few cases run late, every case's chain verifies.
/// </summary>
public sealed class DemoYearTests(DemoYearTests.YearDatabase year) : IClassFixture<DemoYearTests.YearDatabase>
{
    // A ranked unit (a department or town of 垦利区) has at least this many cases falling due in the month. 260 cases a
    // month, two in three resolved on the spot, dealt in turn to about 21 units: 3 to 5 each (a town had 2 in July when
    // the run's clock stood at 31 December, so 3 would hold on some days only).
    private const int FewestCasesOfARankedUnit = 2;

    /// <summary>One database seeded with the year, shared by the class: seeding it takes a while.</summary>
    public sealed class YearDatabase : IAsyncLifetime
    {
        public TestDatabase Database { get; private set; } = default!;
        public DemoSeedResult Seeded { get; private set; } = default!;
        public TimeSpan SeedTime { get; private set; }

        public async ValueTask InitializeAsync()
        {
            Database = await TestDatabase.CreateAsync();
            await using var services = TestServices.Build(Database);
            await using var scope = services.CreateAsyncScope();
            var watch = Stopwatch.StartNew();
            Seeded = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(DemoScale.Year);
            SeedTime = watch.Elapsed;
        }

        public async ValueTask DisposeAsync() => await Database.DisposeAsync();
    }


    [Fact]
    public async Task The_ledger_shows_the_seeds_three_figures_for_Kenli_within_half_a_point()
    {
        await using var db = year.Database.Context();
        var ct = TestContext.Current.CancellationToken;
        var now = TestTime.Now;
        var kpis = await KpiQueries.TotalAsync(db, new LedgerFilter(KenliFigures.YearStart(now), now, Area: KenliFigures.District), now, ct);

        TestContext.Current.SendDiagnosticMessage($"year demo: {year.Seeded.Cases} cases seeded in {year.SeedTime.TotalSeconds:F1} s; 垦利区 {kpis}");
        Assert.InRange(kpis.Registered, 2500, 4000);
        Assert.InRange((decimal)kpis.OnTheSpot.Value!.Value, KenliFigures.OnTheSpot - 0.005m, KenliFigures.OnTheSpot + 0.005m);
        Assert.InRange((decimal)kpis.ClosedWithin10Days.Value!.Value, KenliFigures.Within10Days - 0.005m, KenliFigures.Within10Days + 0.005m);
        Assert.InRange((decimal)kpis.ClosedWithin20Days.Value!.Value, KenliFigures.Within20Days - 0.005m, KenliFigures.Within20Days + 0.005m);
        // A working district replies on time and few cases sit past their limit.
        var overdue = await new LedgerFilter(KenliFigures.YearStart(now), now, Area: KenliFigures.District, Overdue: true).Apply(db.Cases, now).CountAsync(ct);
        Assert.True(overdue < kpis.Registered * 0.03, $"{overdue} of {kpis.Registered} overdue");
        Assert.True(kpis.OnTimeReply.Value > 0.9, $"on-time reply {kpis.OnTimeReply}");
        Assert.True(kpis.TimelyAcceptance.Value > 0.9, $"timely acceptance {kpis.TimelyAcceptance}");
    }

    [Theory]
    [InlineData(AssessmentCohort.Departments, 0)]
    [InlineData(AssessmentCohort.Departments, -1)]
    [InlineData(AssessmentCohort.Towns, -1)]
    [InlineData(AssessmentCohort.Towns, -6)]
    public async Task Every_ranked_unit_of_Kenli_has_a_months_worth_of_cases(AssessmentCohort cohort, int monthsBack)
    {
        await using var db = year.Database.Context();
        var ct = TestContext.Current.CancellationToken;
        var now = TestTime.Now;
        var today = now.InZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).Date;
        var month = new YearMonth(today.Year, today.Month).PlusMonths(monthsBack);
        var inputs = await AssessmentQueries.InputsAsync(db, cohort, month, KenliFigures.District, now, ct);
        var ranking = await AssessmentQueries.RankAsync(db, cohort, month, KenliFigures.District, AssessmentScheme.Default, now, ct);

        Assert.NotEmpty(ranking.Rows);
        Assert.Empty(ranking.NotRated);
        var few = ranking.Rows.Select(row => inputs.Single(i => i.UnitCode == row.UnitCode)).Where(i => i.CasesDue < FewestCasesOfARankedUnit).ToList();
        Assert.True(few.Count == 0, $"cases due in {month}: " + string.Join("; ", ranking.Rows.Select(row => inputs.Single(i => i.UnitCode == row.UnitCode)).Select(i => $"{i.UnitName} {i.CasesDue}")));
    }

    [Fact]
    public async Task Cases_stand_in_every_state_and_every_chain_verifies()
    {
        await using var db = year.Database.Context();
        var ct = TestContext.Current.CancellationToken;
        var states = await db.Cases.Where(c => c.DivisionCode.StartsWith(KenliFigures.District)).GroupBy(c => c.State)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        foreach (var state in new[] { CaseState.Accepted, CaseState.NotAccepted, CaseState.Assigned, CaseState.InProgress, CaseState.Replied, CaseState.Closed })
        {
            Assert.True(states.GetValueOrDefault(state) > 0, $"no case in state {state}");
        }

        var audit = await ChainAudit.VerifyAsync(db, cancellationToken: ct);
        Assert.Empty(audit.Broken);
        Assert.True(audit.CasesChecked >= year.Seeded.Cases, $"{audit.CasesChecked} chains checked, {year.Seeded.Cases} cases seeded");
    }
}
