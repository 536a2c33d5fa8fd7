using System.Data.Common;
using Fengqiao.Core.Organisations;
using Fengqiao.Data.Infrastructure;
using Fengqiao.Data.Organisations;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Fengqiao.Data.Import;

public sealed record ImportProgress(string Stage, long Done, long Total);

public sealed record DivisionImportResult(int Provinces, int Cities, int Counties, int Towns, int Villages)
{
    public int Total => Provinces + Cities + Counties + Towns + Villages;
}

/// <summary>Every bad row of an import, with file and line. Nothing was written.</summary>
public sealed class DivisionImportException(IReadOnlyList<string> problems)
    : Exception($"区划导入失败，共 {problems.Count} 处错误，未写入任何数据 (division import failed with {problems.Count} problems; nothing was written): " + string.Join("; ", problems.Take(20)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>
/// Imports a folder of GB/T 2260 CSV files (provinces, cities, areas, streets, villages; the layout of the
/// `china-division` package). All rows are validated first — code shape, level, parent code a prefix and
/// present — and any problem aborts the import before a row is written. Rows are upserted, so a re-import
/// updates names and adds new divisions without duplicating.
/// </summary>
public sealed class DivisionImporter(FengqiaoDbContext db, DatabaseSettings settings)
{
    private static readonly (string File, DivisionLevel Level, int ParentColumn)[] Files =
    [
        ("provinces.csv", DivisionLevel.Province, -1),
        ("cities.csv", DivisionLevel.City, 2),
        ("areas.csv", DivisionLevel.County, 2),
        ("streets.csv", DivisionLevel.Town, 2),
        ("villages.csv", DivisionLevel.Village, 2),
    ];

    public async Task<DivisionImportResult> ImportAsync(string folder, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(folder))
        {
            throw new DivisionImportException([$"找不到文件夹 {folder} (folder not found)"]);
        }
        var rows = new List<Division>(700_000);
        var origins = new List<string>(700_000);
        var problems = new List<string>();
        var counts = new int[6];
        foreach (var (file, level, parentColumn) in Files)
        {
            var path = Path.Combine(folder, file);
            if (!File.Exists(path) && File.Exists(path + ".gz"))
            {
                path += ".gz";
            }
            if (!File.Exists(path))
            {
                if (level == DivisionLevel.Province)
                {
                    problems.Add($"{file}: 缺少省级文件 (the provinces file is required)");
                }
                continue;
            }
            progress?.Report(new ImportProgress($"read {Path.GetFileName(path)}", 0, 0));
            using var reader = CsvLines.Open(path);
            foreach (var (line, fields) in CsvLines.Read(reader))
            {
                var where = $"{Path.GetFileName(path)}:{line}";
                if (fields.Length < 2 || (parentColumn >= 0 && fields.Length <= parentColumn))
                {
                    problems.Add($"{where}: 列数不足 (too few columns)");
                    continue;
                }
                if (!DivisionCode.TryParse(fields[0], out var code, out var error))
                {
                    problems.Add($"{where}: {error}");
                    continue;
                }
                if (code.Level != level)
                {
                    problems.Add($"{where}: 代码 {code} 不是{level}级 (code {code} is not a {level} code)");
                    continue;
                }
                var name = fields[1].Trim();
                if (name.Length == 0)
                {
                    problems.Add($"{where}: 名称为空 (name is empty)");
                    continue;
                }
                string? parent = null;
                if (parentColumn >= 0)
                {
                    parent = fields[parentColumn].Trim();
                    if (code.Parent?.Value != parent)
                    {
                        problems.Add($"{where}: 上级代码 {parent} 与代码 {code} 不符 (parent code {parent} does not contain {code})");
                        continue;
                    }
                }
                rows.Add(new Division { Code = code.Value, Name = name, Level = level, ParentCode = parent });
                origins.Add(where);
                counts[(int)level]++;
            }
        }

        await CheckParentsAndDuplicatesAsync(rows, origins, problems, cancellationToken);
        if (problems.Count > 0)
        {
            throw new DivisionImportException(problems);
        }

        await WriteAsync(rows, progress, cancellationToken);
        return new DivisionImportResult(counts[1], counts[2], counts[3], counts[4], counts[5]);
    }

    private async Task CheckParentsAndDuplicatesAsync(List<Division> rows, List<string> origins, List<string> problems, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(rows.Count, StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            if (!seen.Add(rows[i].Code))
            {
                problems.Add($"{origins[i]}: 代码 {rows[i].Code} 重复出现 (code {rows[i].Code} appears twice)");
            }
        }
        var missing = rows.Where(r => r.ParentCode is not null && !seen.Contains(r.ParentCode)).Select(r => r.ParentCode!).Distinct().ToList();
        if (missing.Count == 0)
        {
            return;
        }
        // A partial import may hang under divisions already in the database.
        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in missing.Chunk(500))
        {
            existing.UnionWith(await db.Divisions.Where(d => chunk.Contains(d.Code)).Select(d => d.Code).ToListAsync(cancellationToken));
        }
        var absent = missing.Where(m => !existing.Contains(m)).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count && absent.Count > 0; i++)
        {
            if (rows[i].ParentCode is { } parent && absent.Contains(parent))
            {
                problems.Add($"{origins[i]}: 上级区划 {parent} 不存在 (parent division {parent} does not exist)");
            }
        }
    }

    private async Task WriteAsync(List<Division> rows, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var openedHere = connection.State != System.Data.ConnectionState.Open;
        if (openedHere)
        {
            await connection.OpenAsync(cancellationToken);
        }
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (settings.Provider == DatabaseProvider.Postgres)
            {
                await WritePostgresAsync((NpgsqlConnection)connection, rows, progress, cancellationToken);
            }
            else
            {
                await WriteSqliteAsync(connection, transaction, rows, progress, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            if (openedHere)
            {
                await connection.CloseAsync();
            }
        }
    }

    private const string Upsert =
        """
        INSERT INTO "Divisions" ("Code", "Name", "Level", "ParentCode") VALUES ({0}, {1}, {2}, {3})
        ON CONFLICT ("Code") DO UPDATE SET "Name" = excluded."Name", "Level" = excluded."Level", "ParentCode" = excluded."ParentCode"
        """;

    private static async Task WriteSqliteAsync(DbConnection connection, DbTransaction transaction, List<Division> rows, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = string.Format(System.Globalization.CultureInfo.InvariantCulture, Upsert, "$code", "$name", "$level", "$parent");
        var code = AddParameter(command, "$code");
        var name = AddParameter(command, "$name");
        var level = AddParameter(command, "$level");
        var parent = AddParameter(command, "$parent");
        await command.PrepareAsync(cancellationToken);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            code.Value = row.Code;
            name.Value = row.Name;
            level.Value = (int)row.Level;
            parent.Value = (object?)row.ParentCode ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(cancellationToken);
            if (i % 20_000 == 0)
            {
                progress?.Report(new ImportProgress("write", i, rows.Count));
            }
        }
        progress?.Report(new ImportProgress("write", rows.Count, rows.Count));
    }

    private static async Task WritePostgresAsync(NpgsqlConnection connection, List<Division> rows, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        // COPY into a temporary table, then one upsert: an order of magnitude faster than row-by-row inserts.
        await using (var create = new NpgsqlCommand("""CREATE TEMP TABLE division_import ("Code" varchar(12), "Name" varchar(100), "Level" integer, "ParentCode" varchar(12)) ON COMMIT DROP""", connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var writer = await connection.BeginBinaryImportAsync("""COPY division_import ("Code", "Name", "Level", "ParentCode") FROM STDIN (FORMAT BINARY)""", cancellationToken))
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(row.Code, NpgsqlTypes.NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(row.Name, NpgsqlTypes.NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync((int)row.Level, NpgsqlTypes.NpgsqlDbType.Integer, cancellationToken);
                if (row.ParentCode is null)
                {
                    await writer.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await writer.WriteAsync(row.ParentCode, NpgsqlTypes.NpgsqlDbType.Varchar, cancellationToken);
                }
                if (i % 20_000 == 0)
                {
                    progress?.Report(new ImportProgress("write", i, rows.Count));
                }
            }
            await writer.CompleteAsync(cancellationToken);
        }
        await using var upsert = new NpgsqlCommand(
            """
            INSERT INTO "Divisions" ("Code", "Name", "Level", "ParentCode") SELECT "Code", "Name", "Level", "ParentCode" FROM division_import
            ON CONFLICT ("Code") DO UPDATE SET "Name" = excluded."Name", "Level" = excluded."Level", "ParentCode" = excluded."ParentCode"
            """, connection);
        upsert.CommandTimeout = 600;
        await upsert.ExecuteNonQueryAsync(cancellationToken);
        progress?.Report(new ImportProgress("write", rows.Count, rows.Count));
    }

    private static DbParameter AddParameter(DbCommand command, string name)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        command.Parameters.Add(p);
        return p;
    }
}
