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

        var filter = LedgerFilter.Month(month);
        Console.WriteLine($"month {month}: [{filter.From}, {filter.To}), asOf {AsOf}");
        await MeasureAsync(settings, connection, filter, runs, options.String("label", "indexes as migrated"));

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
            await MeasureAsync(settings, connection, filter, runs, "with the candidate index");
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

    private static async Task MeasureAsync(DatabaseSettings settings, string connection, LedgerFilter filter, int runs, string label)
    {
        Console.WriteLine();
        Console.WriteLine($"== {label}: {runs} warm runs after one warm-up run, each on a fresh context ==");
        var total = new List<double>();
        var byUnit = new List<double>();
        var byTown = new List<double>();
        var both = new List<double>();
        CaseKpis? kpis = null;
        var unitRows = 0;
        var townRows = 0;
        using var capture = new SqlCapture();
        for (var i = 0; i <= runs; i++)
        {
            await using var db = settings.CreateContext(new SystemAccessScopeProvider());
            var sw = Stopwatch.StartNew();
            kpis = await KpiQueries.TotalAsync(db, filter, AsOf);
            var t1 = sw.Elapsed.TotalMilliseconds;
            var units = await KpiQueries.ByAsync(db, filter, AsOf, KpiDimension.HandlingUnit);
            var t2 = sw.Elapsed.TotalMilliseconds;
            var towns = await KpiQueries.ByAsync(db, filter, AsOf, KpiDimension.Town);
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
        foreach (var (name, command) in capture.Commands.Take(3).Zip(new[] { "TotalAsync", "ByAsync(HandlingUnit)", "ByAsync(Town)" }, (c, n) => (n, c)))
        {
            Console.WriteLine();
            Console.WriteLine($"-- EXPLAIN (ANALYZE, BUFFERS) of {name}:");
            if (name == "TotalAsync")
            {
                Console.WriteLine(command.Text);
                Console.WriteLine("-- parameters: " + string.Join(", ", command.Parameters.Select(p => $"{p.ParameterName}={p.Value}")));
            }
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
    }

    private static async Task Exec(NpgsqlConnection conn, string sql, int timeoutSeconds)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = timeoutSeconds };
        await cmd.ExecuteNonQueryAsync();
    }
}
