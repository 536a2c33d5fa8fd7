using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fengqiao.Data.Infrastructure;
using Fengqiao.Data.Seeding;
using Npgsql;

namespace Fengqiao.Testing;

/// <summary>
/// The seeded template shared by the test processes of one test run. The test command starts nine test processes that
/// each need the same seeded demo (same provider, same clock, same build), and seeding costs tens of seconds of CPU;
/// with FENGQIAO_TEST_TEMPLATES naming a folder, the first process leaves its template there (a SQLite file, or a
/// database on the PostgreSQL server) and the later ones copy it. Unset, each process seeds its own, as before.
/// </summary>
public sealed partial class TestDatabase
{
    private static string? SharedFolder => Environment.GetEnvironmentVariable("FENGQIAO_TEST_TEMPLATES") is { Length: > 0 } folder ? folder : null;

    // Whatever changes the seeded data changes the key: the provider and its server, the run's clock, and the build.
    private static string SharedKey(DatabaseProvider provider)
    {
        var parts = string.Join('|',
            provider,
            provider == DatabaseProvider.Postgres ? Environment.GetEnvironmentVariable("FENGQIAO_TEST_PG") : "",
            TestTime.Setting,
            typeof(DemoSeeder).Assembly.ManifestModule.ModuleVersionId,
            typeof(Fengqiao.Core.Cases.CaseKind).Assembly.ManifestModule.ModuleVersionId,
            typeof(TestDatabase).Assembly.ManifestModule.ModuleVersionId);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(parts)))[..16];
    }

    private static async Task<(TestDatabase, DemoSeedResult)?> TakeSharedTemplateAsync()
    {
        if (SharedFolder is not { } folder)
        {
            return null;
        }
        var provider = RequestedProvider;
        var key = SharedKey(provider);
        var resultFile = Path.Combine(folder, key + ".json");
        if (!File.Exists(resultFile))
        {
            return null;
        }
        var seeded = JsonSerializer.Deserialize<DemoSeedResult>(await File.ReadAllTextAsync(resultFile))!;
        if (provider == DatabaseProvider.Sqlite)
        {
            var copy = NewSqlite();
            File.Copy(Path.Combine(folder, key + ".db"), copy._sqliteFile!);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => copy.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return (copy, seeded);
        }
        // Used only as the TEMPLATE of copies; never opened, never dropped by this process (the server goes with the run).
        var admin = Environment.GetEnvironmentVariable("FENGQIAO_TEST_PG")!;
        var name = "fq_template_" + key;
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return (new TestDatabase(DatabaseProvider.Postgres, builder.ConnectionString, null, name, admin), seeded);
    }

    private static async Task OfferSharedTemplateAsync(TestDatabase template, DemoSeedResult seeded)
    {
        if (SharedFolder is not { } folder)
        {
            return;
        }
        Directory.CreateDirectory(folder);
        var key = SharedKey(template.Provider);
        if (template.Provider == DatabaseProvider.Sqlite)
        {
            var partial = Path.Combine(folder, $"{key}.{Guid.NewGuid():N}.partial");
            await VacuumIntoAsync(template._sqliteFile!, partial);
            File.Move(partial, Path.Combine(folder, key + ".db"), overwrite: true);
        }
        else
        {
            await using var connection = new NpgsqlConnection(template._postgresAdmin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE fq_template_{key} TEMPLATE {template._postgresName}", connection);
            try
            {
                await command.ExecuteNonQueryAsync();
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // Another process of this run offered the same template first.
            }
        }
        // Written last: a template counts as shared only once its result is there.
        await File.WriteAllTextAsync(Path.Combine(folder, key + ".json"), JsonSerializer.Serialize(seeded));
    }
}
