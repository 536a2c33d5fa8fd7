using CsCheck;
using Fengqiao.Core.Cases;
using Fengqiao.Core.Ledger;
using Fengqiao.Core.Organisations;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Ledger;
using Fengqiao.Data.Scope;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Tests.Ledger;

/// <summary>
/// The monthly roll-up against the raw scan: random sequences of case actions spread over months, then the KPIs of
/// many periods, filters, scopes and as-of instants, from both paths; and the recount from the cases against what
/// the saves kept.
/// </summary>
public sealed class KpiRollupProperties(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    private static readonly DateTimeZone Beijing = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
    private static readonly Instant Start = new LocalDateTime(2025, 1, 1, 0, 0).InZoneStrictly(Beijing).ToInstant();
    private const int Seconds = 181 * 24 * 3600; // January to June 2025
    private static readonly string[] Places = ["130403001001", "130403001002", "130403002001", "130403"];
    private static int _run;

    /// <summary>One step: which action, on which of the run's cases, with two free numbers for its details.</summary>
    private sealed record Step(int Action, int Case, int A, int B);

    private static readonly Gen<Step> AStep = Gen.Select(Gen.Int[0, 11], Gen.Int[0, 11], Gen.Int[0, Seconds], Gen.Int[0, 1000])
        .Select(t => new Step(t.Item1, t.Item2, t.Item3, t.Item4));

    [Fact]
    public async Task Random_case_actions_over_months_give_the_same_KPIs_from_the_rollup_as_from_the_scan()
    {
        var ct = TestContext.Current.CancellationToken;
        Guid[] units;
        await using (var db = fixture.Database.Context())
        {
            units = await db.Units.AsNoTracking().OrderBy(u => u.Name).Select(u => u.Id).Take(4).ToArrayAsync(ct);
        }
        await Gen.Select(AStep.Array[1, 40], Gen.Int[0, Seconds].Array[2]).SampleAsync(async (steps, asOfs) =>
        {
            var run = $"R{Interlocked.Increment(ref _run)}-";
            var ids = new List<Guid>();
            foreach (var step in steps)
            {
                await ApplyAsync(run, units, ids, step, ct);
            }
            foreach (var asOfSeconds in asOfs)
            {
                var asOf = Start + Duration.FromSeconds(asOfSeconds);
                await AssertSameAsync(fixture.Database.Context(), run, units, asOf, ct);
                // A town leader and a handling unit: the scopes the roll-up's columns decide.
                await AssertSameAsync(fixture.Database.Context(new FixedAccessScopeProvider(new AccessScope(ScopeKind.Area, units[1], DivisionCode.Parse("130403001"), "leader"))), run, units, asOf, ct);
                await AssertSameAsync(fixture.Database.Context(new FixedAccessScopeProvider(new AccessScope(ScopeKind.Unit, units[2], null, "handler"))), run, units, asOf, ct);
            }
            await AssertRecountKeepsTheRollupAsync(ct);
        }, iter: 20, threads: 1);
    }

    private async Task ApplyAsync(string run, Guid[] units, List<Guid> ids, Step step, CancellationToken ct)
    {
        await using var db = fixture.Database.Context();
        // Registration when there is nothing to act on, and often otherwise, so runs hold several cases.
        if (ids.Count == 0 || step.Action <= 2)
        {
            var registered = Start + Duration.FromSeconds(step.A);
            var onTheSpot = step.B % 5 == 0;
            var record = new CaseRecord
            {
                TrackingCode = $"{run}{ids.Count}-{Guid.NewGuid():N}"[..30],
                Title = "汇总性质测试",
                Kind = step.B % 4 == 0 ? CaseKind.Dispute : CaseKind.Petition,
                Channel = (CaseChannel)(step.B % Enum.GetValues<CaseChannel>().Length),
                DivisionCode = Places[step.B % Places.Length],
                RegisteringUnitId = units[step.B % 2],
                HandlingUnitId = step.B % 3 == 0 ? null : units[1 + step.B % 3],
                CategoryCode = run + "ABC"[step.B % 3],
                IsRepeat = step.B % 7 == 0,
                RegisteredAt = registered,
                ResolvedOnTheSpot = onTheSpot,
                ClosedAt = onTheSpot ? registered : null,
                ClosedWithinDays = onTheSpot ? 0 : null,
                DecisionDueAt = onTheSpot || step.B % 6 == 1 ? null : registered + Duration.FromDays(15),
                ReplyDueAt = onTheSpot ? null : registered + Duration.FromDays(step.B % 2 == 0 ? 60 : 3),
            };
            db.Cases.Add(record);
            ids.Add(record.Id);
            await db.SaveChangesAsync(ct);
            return;
        }
        var c = await db.Cases.SingleAsync(x => x.Id == ids[step.Case % ids.Count], ct);
        var later = c.RegisteredAt + Duration.FromSeconds(step.A / 2);
        switch (step.Action)
        {
            case 3: // decision (受理), on time or late
                c.DecidedAt = later;
                break;
            case 4: // reply (答复)
                c.RepliedAt = later;
                break;
            case 5: // approved extension of the handling limit
                c.ReplyDueAt = c.ReplyDueAt is { } due ? due + Duration.FromDays(1 + step.B % 30) : later;
                break;
            case 6: // rating, or a rating corrected
                c.Rating = step.B % 5 == 0 ? null : (CaseRating)(1 + step.B % 4);
                break;
            case 7: // closure
                c.ClosedAt = later;
                c.ClosedWithinDays = (int)Math.Ceiling((later - c.RegisteredAt).TotalDays);
                break;
            case 8: // dispatched to another unit, or taken back
                c.HandlingUnitId = step.B % 4 == 0 ? null : units[step.B % units.Length];
                break;
            case 9: // corrections at the desk: place, channel, category, repeat flag
                c.DivisionCode = Places[step.B % Places.Length];
                c.Channel = (CaseChannel)(step.B % Enum.GetValues<CaseChannel>().Length);
                c.CategoryCode = run + "ABC"[step.B % 3];
                c.IsRepeat = !c.IsRepeat;
                break;
            case 10: // a save that touches no ledger column (the deadline sweep's colour)
                c.DeadlineLevel = step.B % 3;
                break;
            default: // two cases in one save, one of them removed
                c.Title += "·";
                var other = await db.Cases.SingleAsync(x => x.Id == ids[step.B % ids.Count], ct);
                if (other.Id != c.Id)
                {
                    db.Cases.Remove(other);
                    ids.Remove(other.Id);
                }
                c.DecidedAt = null;
                break;
        }
        await db.SaveChangesAsync(ct);
    }

    private static async Task AssertSameAsync(FengqiaoDbContext context, string run, Guid[] units, Instant asOf, CancellationToken ct)
    {
        await using var db = context;
        var month = new LocalDateTime(2025, 2, 1, 0, 0).InZoneStrictly(Beijing).ToInstant();
        var from = new LocalDateTime(2024, 12, 20, 0, 0).InZoneStrictly(Beijing).ToInstant();
        var to = new LocalDateTime(2025, 7, 10, 0, 0).InZoneStrictly(Beijing).ToInstant();
        // Every earlier run's cases lie in these periods too: both paths see the same rows.
        LedgerFilter[] filters =
        [
            // Partial months at both ends, whole months inside.
            new(from, to),
            // Whole months only.
            new(month, new LocalDateTime(2025, 5, 1, 0, 0).InZoneStrictly(Beijing).ToInstant()),
            new(Start, to, Channel: CaseChannel.Hotline12345),
            new(month, to, Area: "130403001"),
            new(from, Start + Duration.FromDays(100), UnitId: units[2], Area: "130403002"),
        ];
        // Filters the roll-up does not keep: counted from the cases, and still the same answer.
        LedgerFilter[] scanned = [new(from, to, CategoryCode: run + "A"), new(from, to, Kind: CaseKind.Dispute, Repeat: true), new(from, to, Area: "130403001001")];
        foreach (var filter in scanned)
        {
            Assert.False(KpiQueries.RollupAnswers(db, filter));
            Assert.Equal(CaseKpis.Of(await KpiQueries.FactsAsync(db, filter, asOf, ct), asOf), await KpiQueries.TotalAsync(db, filter, asOf, ct));
        }
        foreach (var filter in filters)
        {
            Assert.True(KpiQueries.RollupAnswers(db, filter));
            var scan = await KpiQueries.TotalAsync(db, filter, asOf, KpiSource.Scan, ct);
            Assert.Equal(scan, await KpiQueries.TotalAsync(db, filter, asOf, KpiSource.Rollup, ct));
            Assert.Equal(CaseKpis.Of(await KpiQueries.FactsAsync(db, filter, asOf, ct), asOf), scan);
            foreach (var dimension in Enum.GetValues<KpiDimension>())
            {
                var expected = await KpiQueries.ByAsync(db, filter, asOf, dimension, KpiSource.Scan, ct);
                var actual = await KpiQueries.ByAsync(db, filter, asOf, dimension, KpiSource.Rollup, ct);
                // A roll-up row whose cases all moved away keeps zeros; it is not a row of the answer.
                Assert.Equal(expected, actual.Where(r => r.Kpis.Registered > 0));
            }
        }
    }

    private async Task AssertRecountKeepsTheRollupAsync(CancellationToken ct)
    {
        await using var db = fixture.Database.Context();
        var kept = await RowsAsync(db, ct);
        await KpiRollupMaintenance.RebuildAsync(db, cancellationToken: ct);
        Assert.Equal(kept, await RowsAsync(db, ct));
    }

    private static async Task<List<string>> RowsAsync(FengqiaoDbContext db, CancellationToken ct)
    {
        var rows = await db.CaseKpiRollups.AsNoTracking().ToListAsync(ct);
        return [.. rows.Where(r => r.Registered != 0 || r.OnTheSpot != 0 || r.Replied != 0 || r.Closed != 0 || r.Rated != 0 || r.DecisionDecided != 0 || r.ReplyReplied != 0)
            .Select(r => string.Join('|', r.Month, r.HandlingUnitId, r.RegisteringUnitId, r.Town, r.Channel,
                r.Registered, r.OnTheSpot, r.Within10, r.Within20, r.DecisionDecided, r.DecisionOnTime, r.ReplyReplied, r.ReplyOnTime, r.Replied, r.Closed, r.Rated, r.Satisfied))
            .Order(StringComparer.Ordinal)];
    }
}
