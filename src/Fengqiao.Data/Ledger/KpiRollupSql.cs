using Fengqiao.Core.Ledger;
using Fengqiao.Data.Cases;
using NodaTime;

namespace Fengqiao.Data.Ledger;

/// <summary>
/// The roll-up's SQL, written once for both providers: an atomic add (INSERT … ON CONFLICT DO UPDATE, which SQLite
/// and PostgreSQL both have) so two nodes saving cases of the same row never lose an update, and the recount of a
/// month from the ledger columns.
/// </summary>
internal static class KpiRollupSql
{
    public static CaseKpiRollupKey KeyOf(CaseRecord c) => new(
        LedgerMonths.KeyOf(c.RegisteredAt), c.HandlingUnitId ?? Guid.Empty, c.RegisteringUnitId, CaseKpiRollupKey.TownOf(c.DivisionCode), c.Channel);

    public static SettledCounts CountsOf(CaseRecord c) => SettledCounts.Of(
        new CaseFacts(c.Channel, c.ResolvedOnTheSpot, c.RegisteredAt, c.DecidedAt, c.DecisionDueAt, c.RepliedAt, c.ReplyDueAt, c.ClosedAt, c.Rating),
        c.ClosedWithinDays);

    private static readonly string AllColumns = string.Join(", ", CaseKpiRollup.KeyColumns.Concat(CaseKpiRollup.CountColumns).Select(Quote));

    /// <summary>Rows per upsert statement: a roll-up of a big save goes in a few statements, well under SQLite's parameter limit.</summary>
    public const int RowsPerUpsert = 500;

    private static readonly int ColumnCount = CaseKpiRollup.KeyColumns.Length + CaseKpiRollup.CountColumns.Length;

    private static readonly string UpsertTail =
        $" ON CONFLICT ({string.Join(", ", CaseKpiRollup.KeyColumns.Select(Quote))}) DO UPDATE SET "
        + string.Join(", ", CaseKpiRollup.CountColumns.Select(c => $"{Quote(c)} = \"CaseKpiRollups\".{Quote(c)} + excluded.{Quote(c)}"));

    /// <summary>
    /// The atomic adds of a save's roll-up changes, as few multi-row statements (one for any save of up to
    /// <see cref="RowsPerUpsert"/> rows). Rows go in key order, so two nodes adding to the same rows lock them in the
    /// same order and cannot deadlock.
    /// </summary>
    public static IEnumerable<(string Sql, object[] Parameters)> Upserts(FengqiaoDbContext db, IReadOnlyDictionary<CaseKpiRollupKey, SettledCounts> changes)
    {
        var ordered = changes.OrderBy(c => c.Key.Month).ThenBy(c => c.Key.HandlingUnitId).ThenBy(c => c.Key.RegisteringUnitId)
            .ThenBy(c => c.Key.Town, StringComparer.Ordinal).ThenBy(c => c.Key.Channel).ToList();
        foreach (var chunk in ordered.Chunk(RowsPerUpsert))
        {
            var rows = Enumerable.Range(0, chunk.Length)
                .Select(r => "(" + string.Join(", ", Enumerable.Range(r * ColumnCount, ColumnCount).Select(i => "{" + i + "}")) + ")");
            var sql = $"INSERT INTO \"CaseKpiRollups\" ({AllColumns}) VALUES {string.Join(", ", rows)}{UpsertTail}";
            yield return (sql, [.. chunk.SelectMany(c => UpsertParameters(db, c.Key, c.Value))]);
        }
    }

    private static object[] UpsertParameters(FengqiaoDbContext db, CaseKpiRollupKey key, SettledCounts d) =>
    [
        key.Month, Id(db, key.HandlingUnitId), Id(db, key.RegisteringUnitId), key.Town, (int)key.Channel,
        d.Registered, d.OnTheSpot, d.Within10, d.Within20, d.DecisionDecided, d.DecisionOnTime, d.ReplyReplied, d.ReplyOnTime, d.Replied, d.Closed, d.Rated, d.Satisfied,
    ];

    /// <summary>
    /// Recounts one month's rows from the cases registered in [{1}, {2}) as month {0}. The settled counts of
    /// <see cref="SettledCounts.Of(CaseFacts, int?)"/>, in SQL; a test holds the two together.
    /// </summary>
    public static readonly string RecountMonth =
        $"INSERT INTO \"CaseKpiRollups\" ({AllColumns}) SELECT {{0}}, " + Select + " FROM \"Cases\" WHERE \"RegisteredAt\" >= {1} AND \"RegisteredAt\" < {2} GROUP BY " + GroupBy;

    /// <summary>The selected key columns after the month, then the counts; shared with the migrations' first fill.</summary>
    public const string Select =
        "COALESCE(\"HandlingUnitId\", '00000000-0000-0000-0000-000000000000'), \"RegisteringUnitId\", substr(\"DivisionCode\", 1, 9), \"Channel\", "
        + "COUNT(*), "
        + "SUM(CASE WHEN \"ResolvedOnTheSpot\" THEN 1 ELSE 0 END), "
        + "SUM(CASE WHEN \"ClosedWithinDays\" <= 10 THEN 1 ELSE 0 END), "
        + "SUM(CASE WHEN \"ClosedWithinDays\" <= 20 THEN 1 ELSE 0 END), "
        + "SUM(CASE WHEN \"DecisionDueAt\" IS NOT NULL AND \"DecidedAt\" IS NOT NULL THEN 1 ELSE 0 END), "
        + "SUM(CASE WHEN \"DecisionDueAt\" IS NOT NULL AND \"DecidedAt\" IS NOT NULL AND \"DecidedAt\" <= \"DecisionDueAt\" THEN 1 ELSE 0 END), "
        + "SUM(CASE WHEN \"ReplyDueAt\" IS NOT NULL AND \"RepliedAt\" IS NOT NULL THEN 1 ELSE 0 END), "
        + "SUM(CASE WHEN \"ReplyDueAt\" IS NOT NULL AND \"RepliedAt\" IS NOT NULL AND \"RepliedAt\" <= \"ReplyDueAt\" THEN 1 ELSE 0 END), "
        + "SUM(CASE WHEN \"RepliedAt\" IS NOT NULL THEN 1 ELSE 0 END), "
        + "SUM(CASE WHEN \"ClosedAt\" IS NOT NULL THEN 1 ELSE 0 END), "
        + "SUM(CASE WHEN \"Rating\" IN (1, 2, 3) THEN 1 ELSE 0 END), "
        + "SUM(CASE WHEN \"Rating\" IN (1, 2) THEN 1 ELSE 0 END)";

    public const string GroupBy =
        "COALESCE(\"HandlingUnitId\", '00000000-0000-0000-0000-000000000000'), \"RegisteringUnitId\", substr(\"DivisionCode\", 1, 9), \"Channel\"";

    /// <summary>An instant as the provider stores it (Unix milliseconds on SQLite, timestamptz on PostgreSQL).</summary>
    public static object Stored(FengqiaoDbContext db, Instant instant) =>
        db is SqliteFengqiaoDbContext ? instant.ToUnixTimeMilliseconds() : instant.ToDateTimeUtc();

    // SQLite keeps GUIDs as upper-case text; a raw parameter must match what EF writes.
    private static object Id(FengqiaoDbContext db, Guid id) => db is SqliteFengqiaoDbContext ? id.ToString().ToUpperInvariant() : id;

    private static string Quote(string column) => "\"" + column + "\"";
}
