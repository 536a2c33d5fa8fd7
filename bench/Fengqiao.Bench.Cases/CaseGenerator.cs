using System.Diagnostics;
using System.Globalization;
using Fengqiao.Core.Cases;
using Fengqiao.Core.Organisations;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Infrastructure;
using Fengqiao.Data.Scope;
using Fengqiao.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Fengqiao.Bench.Cases;

/// <summary>
/// Writes generated ledger rows straight into "Cases" with binary COPY. The distribution follows the shape of the
/// seed's figures: ~30 % resolved on the spot, most of the rest replied within weeks, some decided or replied late,
/// some still open (and overdue) at the as-of instant, ratings mostly satisfied. Registration times run in order
/// over the range, as an append-only ledger fills up. Secondary indexes are dropped for the load and rebuilt after
/// (the usual bulk-load practice); the foreign keys stay and are checked row by row.
/// </summary>
internal static class CaseGenerator
{
    private static readonly string[] Titles =
    [
        "小区物业服务不到位，电梯长期故障", "建筑工地拖欠农民工工资", "夜间施工噪音扰民", "征地补偿款未按时发放",
        "邻里宅基地界址纠纷", "养殖场异味影响周边居民", "超市销售过期食品", "学校周边交通拥堵存在安全隐患",
        "社保关系转移办理缓慢", "土地承包经营权流转纠纷", "婚姻家庭矛盾调解申请", "医疗费用报销争议",
        "房屋漏水楼上楼下纠纷", "校外培训机构退费难", "低保资格认定有异议", "商铺租赁合同纠纷",
    ];

    private static readonly string[] Details =
    [
        "群众反映该问题已持续数月，多次向有关部门反映未果，请求尽快协调解决。",
        "来访人称相关单位答复不明确，希望给出书面意见并明确办理时限。",
        "经网格员巡查发现，现场情况属实，需职能部门处理。",
    ];

    // Channel weights (per mille): visits and the hotline dominate, as in the seed's reports.
    private static readonly (CaseChannel Channel, int Weight)[] ChannelWeights =
    [
        (CaseChannel.Visit, 250), (CaseChannel.Letter, 70), (CaseChannel.OnlinePetition, 150), (CaseChannel.Hotline12345, 300),
        (CaseChannel.MediaExposure, 20), (CaseChannel.OnlineLetter, 50), (CaseChannel.GridInspection, 90), (CaseChannel.PetitionAgent, 40),
        (CaseChannel.Procuratorate12309, 15), (CaseChannel.AppOrVideo, 15),
    ];

    private static readonly string[] Columns =
    [
        "Id", "TrackingCode", "Kind", "Channel", "State", "Title", "Detail", "CategoryCode", "DivisionCode", "RegisteringUnitId",
        "HandlingUnitId", "ResidentId", "ResidentAccountId", "RegisteredAt", "QueryCode", "Urgent", "Stage", "ProfileCode", "DueAt",
        "EventCount", "Address", "RegisteredBy", "FirstContact", "GroupSize", "IsRepeat", "RepeatOf", "IdempotencyKey",
        "ResolvedOnTheSpot", "DecidedAt", "DecisionDueAt", "RepliedAt", "ReplyDueAt", "ClosedAt", "ClosedWithinDays", "Rating", "Version",
        "ReplySubmittedAt", "DeadlineLevel", "ContractLeaderStaffIds",
    ];

    private sealed record Area(string DistrictCode, string Prefix, string[] Villages, Dictionary<string, Guid[]> TownUnits, Guid Bureau, Guid Centre, Guid[] Departments);

    public static async Task GenerateAsync(DatabaseSettings settings, long count)
    {
        var areas = await LoadAreasAsync(settings);
        await using var conn = new NpgsqlConnection(settings.ConnectionString);
        await conn.OpenAsync();
        await CheckColumnsAsync(conn);

        // Continue the districts' tracking-code counters so generated codes never collide with seeded ones.
        var counters = new Dictionary<(string, int), int>();
        await using (var cmd = new NpgsqlCommand("SELECT \"Prefix\", \"Year\", \"Last\" FROM \"CaseNumberSequences\"", conn))
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
            {
                counters[(r.GetString(0), r.GetInt32(1))] = r.GetInt32(2);
            }
        }

        // The shipped taxonomy's finest level, drawn with a long tail (a few categories take most cases), so the KPI
        // roll-up's rows per category are as many as a real ledger's.
        var categories = new List<string>();
        await using (var cmd = new NpgsqlCommand("SELECT \"Code\" FROM \"Categories\" WHERE \"Level\" = (SELECT max(\"Level\") FROM \"Categories\") ORDER BY \"Code\"", conn))
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
            {
                categories.Add(r.GetString(0));
            }
        }
        Console.WriteLine($"{categories.Count} categories at the taxonomy's finest level");

        var indexes = new List<(string Name, string Definition)>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.tablename = 'Cases' AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            """, conn))
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
            {
                indexes.Add((r.GetString(0), r.GetString(1)));
            }
        }
        foreach (var (name, _) in indexes)
        {
            await Exec(conn, $"DROP INDEX \"{name}\"");
        }
        Console.WriteLine($"dropped {indexes.Count} secondary indexes for the load");

        var profiles = new Dictionary<(CaseChannel, CaseKind), string>();
        foreach (var (channel, _) in ChannelWeights)
        {
            foreach (var kind in new[] { CaseKind.Petition, CaseKind.Dispute })
            {
                profiles[(channel, kind)] = CaseRules.Default.PolicyFor(channel, kind, null).Profile.Code;
            }
        }

        var random = new Random(20261129);
        var start = KpiBenchmark.RangeStart.ToDateTimeUtc();
        var asOf = KpiBenchmark.AsOf.ToDateTimeUtc();
        var spanTicks = (asOf - start).Ticks;
        var sw = Stopwatch.StartNew();
        var copy = "COPY \"Cases\" (" + string.Join(", ", Columns.Select(c => $"\"{c}\"")) + ") FROM STDIN (FORMAT BINARY)";
        await using (var writer = await conn.BeginBinaryImportAsync(copy))
        {
            writer.Timeout = TimeSpan.FromHours(2);
            for (long i = 0; i < count; i++)
            {
                var registered = start.AddTicks((long)((i + random.NextDouble()) * spanTicks / count));
                var area = areas[random.Next(areas.Length)];
                var village = area.Villages[random.Next(area.Villages.Length)];
                var townUnits = area.TownUnits.TryGetValue(village[..9], out var tu) ? tu : [];
                var channel = PickChannel(random);
                var kind = random.NextDouble() < 0.25 ? CaseKind.Dispute : CaseKind.Petition;
                var hotline = channel == CaseChannel.Hotline12345;
                var registeringUnit = random.NextDouble() switch
                {
                    < 0.45 => area.Bureau,
                    < 0.65 => area.Centre,
                    _ => townUnits.Length > 0 ? townUnits[random.Next(townUnits.Length)] : area.Bureau,
                };
                var year = registered.AddHours(8).Year;
                var key = (area.Prefix, year);
                var seq = counters[key] = counters.GetValueOrDefault(key) + 1;

                var state = CaseState.Registered;
                bool onTheSpot = random.NextDouble() < 0.30;
                Guid? handlingUnit = null;
                DateTime? decided = null, decisionDue = null, replied = null, replyDue = null, closed = null, due = null;
                CaseRating? rating = null;
                var events = 1;
                if (onTheSpot)
                {
                    state = CaseState.Closed;
                    decided = registered;
                    closed = registered.AddMinutes(10 + random.Next(50));
                    rating = RatingFor(random, 0.2);
                    events = rating is null ? 1 : 2;
                }
                else
                {
                    decisionDue = hotline ? null : registered.AddDays(15);
                    var decideDays = random.NextDouble() < 0.06 ? 15 + (random.NextDouble() * 10) : -Math.Log(1 - random.NextDouble()) * 2.5;
                    decided = Min(registered.AddDays(Math.Min(decideDays, 40)), asOf);
                    replyDue = hotline ? registered.AddDays(3) : registered.AddDays(60);
                    if (decided == null || decided >= asOf)
                    {
                        decided = null;
                        due = decisionDue ?? replyDue;
                    }
                    else if (random.NextDouble() < 0.04)
                    {
                        state = CaseState.NotAccepted;
                        closed = decided;
                        replyDue = null;
                        events = 2;
                    }
                    else
                    {
                        handlingUnit = random.NextDouble() < 0.6 || townUnits.Length == 0 ? area.Departments[random.Next(area.Departments.Length)] : townUnits[random.Next(townUnits.Length)];
                        events = 3;
                        // Reply time: log-normal around a median of 1.2 days (hotline) or 9 days, with ~5 % late.
                        var median = hotline ? 1.2 : 9.0;
                        var replyDays = random.NextDouble() < 0.05
                            ? (replyDue.Value - registered).TotalDays + 1 + (random.NextDouble() * 30)
                            : Math.Min(median * Math.Exp(0.8 * Gaussian(random)), (replyDue.Value - registered).TotalDays * 0.98);
                        var replyAt = Max(registered.AddDays(replyDays), decided.Value);
                        if (replyAt < asOf)
                        {
                            replied = replyAt;
                            state = CaseState.Replied;
                            events = 5;
                            rating = RatingFor(random, 0.1);
                            var closeAt = replyAt.AddDays(rating == CaseRating.NotRated ? 7 : random.NextDouble() * 5);
                            if (closeAt < asOf)
                            {
                                closed = closeAt;
                                state = CaseState.Closed;
                                events = 7;
                            }
                            else
                            {
                                rating = null;
                            }
                        }
                        else
                        {
                            state = random.NextDouble() < 0.5 ? CaseState.Assigned : CaseState.InProgress;
                            due = replyDue;
                        }
                    }
                }
                int? closedWithinDays = closed is { } c ? (int)Math.Ceiling((c - registered).TotalDays - 1e-9) : null;
                if (onTheSpot)
                {
                    closedWithinDays = 0;
                }

                await writer.StartRowAsync();
                await writer.WriteAsync(Guid.CreateVersion7(new DateTimeOffset(registered)), NpgsqlDbType.Uuid);
                await writer.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"{area.Prefix}-{year}-{seq:D6}"), NpgsqlDbType.Varchar);
                await writer.WriteAsync((int)kind, NpgsqlDbType.Integer);
                await writer.WriteAsync((int)channel, NpgsqlDbType.Integer);
                await writer.WriteAsync((int)state, NpgsqlDbType.Integer);
                await writer.WriteAsync(Titles[random.Next(Titles.Length)], NpgsqlDbType.Varchar);
                await WriteNullable(writer, random.NextDouble() < 0.6 ? Details[random.Next(Details.Length)] : null, NpgsqlDbType.Text);
                var u = random.NextDouble();
                await WriteNullable(writer, categories.Count == 0 || u < 0.05 ? null : categories[(int)(categories.Count * u * u)], NpgsqlDbType.Varchar);
                await writer.WriteAsync(village, NpgsqlDbType.Varchar);
                await writer.WriteAsync(registeringUnit, NpgsqlDbType.Uuid);
                await WriteNullable(writer, handlingUnit, NpgsqlDbType.Uuid);
                await writer.WriteNullAsync(); // ResidentId
                await writer.WriteNullAsync(); // ResidentAccountId
                await writer.WriteAsync(registered, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(QueryCode(random), NpgsqlDbType.Varchar);
                await writer.WriteAsync(random.NextDouble() < 0.03, NpgsqlDbType.Boolean);
                await writer.WriteAsync((int)CaseStage.Original, NpgsqlDbType.Integer);
                await writer.WriteAsync(profiles[(channel, kind)], NpgsqlDbType.Varchar);
                await WriteNullable(writer, due, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(events, NpgsqlDbType.Integer);
                await writer.WriteNullAsync(); // Address
                await writer.WriteAsync("clerk", NpgsqlDbType.Varchar);
                await writer.WriteAsync("clerk", NpgsqlDbType.Varchar);
                await writer.WriteNullAsync(); // GroupSize
                await writer.WriteAsync(random.NextDouble() < 0.08, NpgsqlDbType.Boolean);
                await writer.WriteNullAsync(); // RepeatOf
                await writer.WriteNullAsync(); // IdempotencyKey
                await writer.WriteAsync(onTheSpot, NpgsqlDbType.Boolean);
                await WriteNullable(writer, decided, NpgsqlDbType.TimestampTz);
                await WriteNullable(writer, decisionDue, NpgsqlDbType.TimestampTz);
                await WriteNullable(writer, replied, NpgsqlDbType.TimestampTz);
                await WriteNullable(writer, replyDue, NpgsqlDbType.TimestampTz);
                await WriteNullable(writer, closed, NpgsqlDbType.TimestampTz);
                await WriteNullable(writer, closedWithinDays, NpgsqlDbType.Integer);
                await WriteNullable(writer, rating is { } rt ? (int)rt : (int?)null, NpgsqlDbType.Integer);
                await writer.WriteAsync(0, NpgsqlDbType.Integer);
                await writer.WriteNullAsync(); // ReplySubmittedAt: no draft waits for sign-off
                await writer.WriteAsync(due is { } d && d <= asOf ? 2 : 0, NpgsqlDbType.Integer); // DeadlineLevel as the sweep would mark it
                await writer.WriteNullAsync(); // ContractLeaderStaffIds: no leader contracted

                if ((i + 1) % 1_000_000 == 0)
                {
                    Console.WriteLine($"  {i + 1:N0} rows sent, {sw.Elapsed.TotalSeconds:F0} s");
                }
            }
            await writer.CompleteAsync();
        }
        var copied = sw.Elapsed;
        Console.WriteLine($"COPY of {count:N0} cases: {copied.TotalSeconds:F0} s ({count / copied.TotalSeconds:N0} rows/s)");

        foreach (var ((prefix, year), last) in counters)
        {
            await using var cmd = new NpgsqlCommand("""
                INSERT INTO "CaseNumberSequences" ("Prefix", "Year", "Last") VALUES ($1, $2, $3)
                ON CONFLICT ("Prefix", "Year") DO UPDATE SET "Last" = GREATEST("CaseNumberSequences"."Last", EXCLUDED."Last")
                """, conn);
            cmd.Parameters.Add(new NpgsqlParameter { Value = prefix });
            cmd.Parameters.Add(new NpgsqlParameter { Value = year });
            cmd.Parameters.Add(new NpgsqlParameter { Value = last });
            await cmd.ExecuteNonQueryAsync();
        }

        sw.Restart();
        await Exec(conn, "SET maintenance_work_mem = '1GB'");
        foreach (var (_, definition) in indexes)
        {
            await Exec(conn, definition);
        }
        Console.WriteLine($"rebuilt {indexes.Count} indexes in {sw.Elapsed.TotalSeconds:F0} s");
        sw.Restart();
        await Exec(conn, "VACUUM ANALYZE \"Cases\"");
        Console.WriteLine($"VACUUM ANALYZE in {sw.Elapsed.TotalSeconds:F0} s");
    }

    private static async Task<Area[]> LoadAreasAsync(DatabaseSettings settings)
    {
        await using var db = settings.CreateContext(new SystemAccessScopeProvider());
        var villages = await db.Divisions.AsNoTracking().Where(d => d.Level == DivisionLevel.Village).Select(d => d.Code).ToListAsync();
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Kind, u.DivisionCode }).ToListAsync();
        var result = new List<Area>();
        foreach (var district in DemoDistricts.All)
        {
            var own = units.Where(u => u.DivisionCode == district.Code).ToList();
            var towns = units.Where(u => u.DivisionCode.Length >= 9 && u.DivisionCode.StartsWith(district.Code, StringComparison.Ordinal) && u.DivisionCode != district.Code)
                .GroupBy(u => u.DivisionCode[..9]).ToDictionary(g => g.Key, g => g.Select(u => u.Id).ToArray(), StringComparer.Ordinal);
            var vs = villages.Where(v => v.StartsWith(district.Code, StringComparison.Ordinal)).ToArray();
            if (vs.Length == 0 || own.Count == 0)
            {
                continue;
            }
            result.Add(new Area(district.Code, district.CasePrefix, vs, towns,
                own.First(u => u.Kind == UnitKind.PetitionBureau).Id,
                own.First(u => u.Kind == UnitKind.ResolutionCentre).Id,
                [.. own.Where(u => u.Kind == UnitKind.Department).Select(u => u.Id)]));
        }
        Console.WriteLine($"{result.Count} districts, {result.Sum(a => a.Villages.Length):N0} villages, {result.Sum(a => a.TownUnits.Count):N0} towns with units, {units.Count:N0} units");
        return [.. result];
    }

    private static async Task CheckColumnsAsync(NpgsqlConnection conn)
    {
        var actual = new HashSet<string>(StringComparer.Ordinal);
        await using var cmd = new NpgsqlCommand("SELECT column_name FROM information_schema.columns WHERE table_name = 'Cases'", conn);
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            actual.Add(r.GetString(0));
        }
        if (!actual.SetEquals(Columns))
        {
            throw new InvalidOperationException("\"Cases\" columns changed; update the generator. Missing: " + string.Join(", ", actual.Except(Columns)) + "; unknown: " + string.Join(", ", Columns.Except(actual)));
        }
    }

    private static CaseChannel PickChannel(Random random)
    {
        var x = random.Next(1000);
        foreach (var (channel, weight) in ChannelWeights)
        {
            if (x < weight)
            {
                return channel;
            }
            x -= weight;
        }
        return CaseChannel.Visit;
    }

    private static CaseRating? RatingFor(Random random, double unrated) => random.NextDouble() switch
    {
        var x when x < unrated => null,
        var x when x < unrated + ((1 - unrated) * 0.70) => CaseRating.Satisfied,
        var x when x < unrated + ((1 - unrated) * 0.86) => CaseRating.BasicallySatisfied,
        var x when x < unrated + ((1 - unrated) * 0.93) => CaseRating.Unsatisfied,
        _ => CaseRating.NotRated,
    };

    private static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static DateTime? Min(DateTime a, DateTime b) => a < b ? a : b;

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private const string QueryAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    private static string QueryCode(Random random) => string.Create(8, random, (span, r) =>
    {
        for (var k = 0; k < span.Length; k++)
        {
            span[k] = QueryAlphabet[r.Next(QueryAlphabet.Length)];
        }
    });

    private static async Task WriteNullable<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type) where T : class
    {
        if (value is null)
        {
            await writer.WriteNullAsync();
        }
        else
        {
            await writer.WriteAsync(value, type);
        }
    }

    private static async Task WriteNullable<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type) where T : struct
    {
        if (value is { } v)
        {
            await writer.WriteAsync(v, type);
        }
        else
        {
            await writer.WriteNullAsync();
        }
    }

    private static async Task Exec(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }
}
