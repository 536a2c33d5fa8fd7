using System.Diagnostics;
using System.Globalization;
using Fengqiao.Core.Ledger;
using Fengqiao.Data;
using Fengqiao.Data.Infrastructure;
using Fengqiao.Data.Ledger;
using Fengqiao.Data.People;
using Fengqiao.Data.Scope;
using Fengqiao.Data.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;

namespace Fengqiao.Bench.Cases;

/// <summary>
/// Monthly KPIs and rankings over millions of cases on PostgreSQL. Migrates and seeds the demo (divisions, units)
/// into an empty database, bulk-loads generated cases with binary COPY, analyses, then times the product's own
/// <see cref="KpiQueries"/> and prints the plan of the SQL they send.
/// </summary>
internal static class KpiBenchmark
{
    // The generated ledger covers [RangeStart, AsOf): 36 whole months plus November 2026 up to the 29th (Beijing time).
    private static readonly DateTimeZone Beijing = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
    internal static readonly Instant RangeStart = new LocalDate(2023, 11, 1).AtStartOfDayInZone(Beijing).ToInstant();
    internal static readonly Instant AsOf = new LocalDate(2026, 11, 29).AtStartOfDayInZone(Beijing).ToInstant();

    public static async Task<int> RunAsync(Options options)
    {
        var connection = options.Required("connection");
        var cases = options.Long("cases", 10_000_000);
        var runs = (int)options.Long("runs", 10);
        var month = YearMonthPattern(options.String("month", "2026-10"));
        var settings = new DatabaseSettings(DatabaseProvider.Postgres, connection);

        await PrepareAsync(connection);
        if (!options.Flag("no-generate"))
        {
            await CaseGenerator.GenerateAsync(settings, cases);
        }
        await ReportTableAsync(connection);

        if (!options.Flag("no-generate") || options.Flag("rebuild"))
        {
            await RebuildRollupAsync(settings, connection);
        }

        // The baseline (one grouped scan of the cases) and the roll-up path, alternating in the same run, for a closed
        // month and for the current one (whose cases are mostly still waiting, so the live remainder is largest).
        var rounds = (int)options.Long("rounds", 2);
        foreach (var filter in new[] { LedgerFilter.Month(month), LedgerFilter.Month(LedgerMonths.MonthOf(AsOf)) })
        {
            Console.WriteLine();
            Console.WriteLine($"month [{filter.From}, {filter.To}), asOf {AsOf}");
            for (var round = 1; round <= rounds; round++)
            {
                var scan = await MeasureAsync(settings, connection, filter, runs, $"scan (baseline), round {round}", KpiSource.Scan);
                var rollup = await MeasureAsync(settings, connection, filter, runs, $"roll-up, round {round}", KpiSource.Rollup);
                Console.WriteLine(scan == rollup ? "  the two paths gave the same figures, total and per unit" : "  !! THE TWO PATHS DISAGREE");
            }
        }

        if (options.Flag("try-index"))
        {
            Console.WriteLine();
            Console.WriteLine($"Creating the candidate covering index: {CandidateIndex}");
            await using (var conn = new NpgsqlConnection(connection))
            {
                await conn.OpenAsync();
                var sw = Stopwatch.StartNew();
                await Exec(conn, CandidateIndex, 0);
                await Exec(conn, "VACUUM ANALYZE \"Cases\"", 0);
                Console.WriteLine($"  built and vacuumed in {sw.Elapsed.TotalSeconds:F0} s");
            }
            await MeasureAsync(settings, connection, LedgerFilter.Month(month), runs, "scan with the candidate index", KpiSource.Scan);
        }
        return 0;
    }

    /// <summary>
    /// RegisteredAt first (the period filter), then every column the KPI and ranking queries read, so a month is an
    /// index-only range scan: no heap pages, about a third of the buffers. While the plain IX_Cases_RegisteredAt
    /// exists the planner keeps choosing it (the heap is in registration order), so the fix is to replace that index
    /// with this one, not to add it beside it.
    /// </summary>
    internal const string CandidateIndex = """
        CREATE INDEX IF NOT EXISTS "IX_Cases_RegisteredAt_Kpi" ON "Cases" ("RegisteredAt") INCLUDE
        ("Channel", "ResolvedOnTheSpot", "ClosedWithinDays", "DecidedAt", "DecisionDueAt", "RepliedAt", "ReplyDueAt",
         "ClosedAt", "Rating", "HandlingUnitId", "DivisionCode", "CategoryCode", "RegisteringUnitId", "ResidentAccountId")
        """;

    private static YearMonth YearMonthPattern(string text)
    {
        var parts = text.Split('-');
        return new YearMonth(int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    private static async Task PrepareAsync(string connection)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = connection,
        }).Build();
        await using var provider = new ServiceCollection().AddFengqiaoDataForTools(configuration).BuildServiceProvider(validateScopes: true);
        await using var scope = provider.CreateAsyncScope();
        var sw = Stopwatch.StartNew();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
        if (await seeder.IsEmptyAsync())
        {
            var seeded = await seeder.SeedAsync();
            Console.WriteLine($"migrated and seeded the demo in {sw.Elapsed.TotalSeconds:F0} s: {seeded}");
        }
        else
        {
            Console.WriteLine("database already migrated and seeded");
        }
    }

    private static async Task ReportTableAsync(string connection)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM "Cases"), pg_size_pretty(pg_relation_size('"Cases"')), pg_size_pretty(pg_indexes_size('"Cases"')),
                   current_setting('server_version'), current_setting('shared_buffers'), current_setting('work_mem'),
                   current_setting('max_parallel_workers_per_gather')
            """, conn);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        Console.WriteLine($"Cases: {r.GetInt64(0):N0} rows, heap {r.GetString(1)}, indexes {r.GetString(2)}; PostgreSQL {r.GetString(3)}, shared_buffers {r.GetString(4)}, work_mem {r.GetString(5)}, max_parallel_workers_per_gather {r.GetString(6)}");
    }

    private static async Task RebuildRollupAsync(DatabaseSettings settings, string connection)
    {
        // The generator writes around the application, so the roll-up is recounted as `fengqiao kpi rebuild` does.
        await using (var db = settings.CreateContext(new SystemAccessScopeProvider()))
        {
            var sw = Stopwatch.StartNew();
            var result = await KpiRollupMaintenance.RebuildAsync(db);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"KPI roll-up rebuilt in {sw.Elapsed.TotalSeconds:F1} s: {result.Months} months, {result.Rows:N0} rows, {result.Cases:N0} cases"));
        }
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await Exec(conn, "VACUUM ANALYZE \"CaseKpiRollups\"", 0);
        await using var cmd = new NpgsqlCommand("""
            SELECT pg_size_pretty(pg_total_relation_size('"CaseKpiRollups"')), pg_size_pretty(pg_relation_size('"IX_Cases_RegisteredAt_Pending"')),
                   (SELECT count(*) FROM "CaseKpiRollups" WHERE "Month" = 202610)
            """, conn);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        Console.WriteLine($"roll-up table with its key: {r.GetString(0)}; pending-cases partial index: {r.GetString(1)}; rows for 2026-10: {r.GetInt64(2):N0}");
    }

    private static async Task<string> MeasureAsync(DatabaseSettings settings, string connection, LedgerFilter filter, int runs, string label, KpiSource source)
    {
        Console.WriteLine();
        Console.WriteLine($"== {label}: {runs} warm runs after one warm-up run, each on a fresh context ==");
        var total = new List<double>();
        var byUnit = new List<double>();
        var byTown = new List<double>();
        var both = new List<double>();
        CaseKpis? kpis = null;
        IReadOnlyList<KpiRow> unitFigures = [];
        var unitRows = 0;
        var townRows = 0;
        using var capture = new SqlCapture();
        for (var i = 0; i <= runs; i++)
        {
            await using var db = settings.CreateContext(new SystemAccessScopeProvider());
            var sw = Stopwatch.StartNew();
            kpis = await KpiQueries.TotalAsync(db, filter, AsOf, source);
            var t1 = sw.Elapsed.TotalMilliseconds;
            var units = await KpiQueries.ByAsync(db, filter, AsOf, KpiDimension.HandlingUnit, source);
            unitFigures = units;
            var t2 = sw.Elapsed.TotalMilliseconds;
            var towns = await KpiQueries.ByAsync(db, filter, AsOf, KpiDimension.Town, source);
            var t3 = sw.Elapsed.TotalMilliseconds;
            unitRows = units.Count;
            townRows = towns.Count;
            if (i == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  warm-up (includes EF query compilation): total {t1:F1} ms, by unit {t2 - t1:F1} ms, by town {t3 - t2:F1} ms"));
                continue;
            }
            total.Add(t1);
            byUnit.Add(t2 - t1);
            byTown.Add(t3 - t2);
            both.Add(t2);
        }
        Console.WriteLine($"  KpiQueries.TotalAsync (month)             : {Stats.Summary(total)}");
        Console.WriteLine($"  KpiQueries.ByAsync HandlingUnit ({unitRows,3} rows): {Stats.Summary(byUnit)}");
        Console.WriteLine($"  KpiQueries.ByAsync Town ({townRows,3} rows)        : {Stats.Summary(byTown)}");
        Console.WriteLine($"  month KPIs + unit ranking (sum)           : {Stats.Summary(both)}");
        Console.WriteLine($"  month figures: {kpis}");

        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        // Every statement one call of TotalAsync and ByAsync(HandlingUnit) sends (one for the scan; roll-up and live remainder otherwise).
        var perCall = source == KpiSource.Scan ? 1 : 2;
        foreach (var command in capture.Commands.Take(2 * perCall))
        {
            Console.WriteLine();
            Console.WriteLine("-- EXPLAIN (ANALYZE, BUFFERS) of: " + string.Join(' ', command.Text.Split('\n', StringSplitOptions.TrimEntries)).Substring(0, Math.Min(160, command.Text.Length)) + " …");
            await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + command.Text, conn);
            foreach (var p in command.Parameters)
            {
                explain.Parameters.Add(p.Clone());
            }
            await using var reader = await explain.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                Console.WriteLine("   " + reader.GetString(0));
            }
        }
        return kpis + "\n" + string.Join("\n", unitFigures);
    }

    private static async Task Exec(NpgsqlConnection conn, string sql, int timeoutSeconds)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = timeoutSeconds };
        await cmd.ExecuteNonQueryAsync();
    }
}
