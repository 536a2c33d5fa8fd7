using Fengqiao.Core.Ledger;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Ledger;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Tests.Ledger;

/// <summary>The SQL of the KPIs against the hand-worked scenario and against Core's arithmetic on the demo data.</summary>
public sealed class KpiQueriesTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    [Fact]
    public async Task The_hand_worked_scenario_gives_every_figure_in_SQL()
    {
        await using var db = fixture.Database.Context();
        var ct = TestContext.Current.CancellationToken;
        var bureau = await db.Units.SingleAsync(u => u.Name == "丛台区信访局", ct);
        foreach (var (name, f) in KpiScenario.Cases)
        {
            db.Cases.Add(new CaseRecord
            {
                TrackingCode = $"KPI-{name}-{Guid.NewGuid():N}"[..20],
                Title = "指标场景 " + name,
                Channel = f.Channel,
                DivisionCode = "130403001001",
                RegisteringUnitId = bureau.Id,
                RegisteredAt = f.RegisteredAt,
                ResolvedOnTheSpot = f.ResolvedOnTheSpot,
                DecidedAt = f.DecidedAt,
                DecisionDueAt = f.DecisionDueAt,
                RepliedAt = f.RepliedAt,
                ReplyDueAt = f.ReplyDueAt,
                ClosedAt = f.ClosedAt,
                ClosedWithinDays = f.ClosedWithinDays,
                Rating = f.Rating,
                CategoryCode = "KPI-SCENARIO",
            });
        }
        await db.SaveChangesAsync(ct);

        var filter = new LedgerFilter(Instant.FromUtc(2026, 2, 28, 16, 0), KpiScenario.AsOf, CategoryCode: "KPI-SCENARIO");
        KpiScenario.AssertMatches(await KpiQueries.TotalAsync(db, filter, KpiScenario.AsOf, ct));
        var byChannel = await KpiQueries.ByAsync(db, filter, KpiScenario.AsOf, KpiDimension.Channel, ct);
        Assert.Equal(8, byChannel.Sum(r => r.Kpis.Registered));
        Assert.Equal(new Ratio(1, 2), byChannel.Single(r => r.Key == ((int)Core.Cases.CaseChannel.Hotline12345).ToString(System.Globalization.CultureInfo.InvariantCulture)).Kpis.OnTimeReply);
    }

    [Fact]
    public async Task SQL_and_Core_agree_on_the_demo_data_in_total_and_by_every_dimension()
    {
        await using var db = fixture.Database.Context();
        var ct = TestContext.Current.CancellationToken;
        var asOf = TestTime.Now;
        var filter = new LedgerFilter(asOf - Duration.FromDays(400), asOf + Duration.FromDays(1));

        var sql = await KpiQueries.TotalAsync(db, filter, asOf, ct);
        var core = CaseKpis.Of(await KpiQueries.FactsAsync(db, filter, asOf, ct), asOf);
        Assert.Equal(core, sql);
        Assert.True(sql.Registered >= fixture.Seeded.Cases);
        Assert.True(sql.OnTheSpot.Numerator > 0 && sql.Satisfaction.Denominator > 0, "the demo should exercise the figures");

        foreach (var dimension in Enum.GetValues<KpiDimension>())
        {
            var rows = await KpiQueries.ByAsync(db, filter, asOf, dimension, ct);
            Assert.NotEmpty(rows);
            if (dimension != KpiDimension.HandlingUnit)
            {
                Assert.Equal(sql.Registered, rows.Sum(r => r.Kpis.Registered));
            }
        }
    }
}
