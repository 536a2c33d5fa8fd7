using Fengqiao.Data;
using Fengqiao.Data.Infrastructure;
using Fengqiao.Data.Scope;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Fengqiao.Testing;

/// <summary>
/// A database of its own for one test class, on the provider the run was asked for:
/// FENGQIAO_TEST_PROVIDER=sqlite (default) or postgres, the latter with FENGQIAO_TEST_PG holding a connection
/// string to a server the test command started (initdb in a temporary folder). Asking for postgres without a
/// server fails loudly: a run that silently fell back to SQLite would claim coverage it does not have.
/// </summary>
public sealed partial class TestDatabase : IAsyncDisposable
{
    private readonly string? _sqliteFile;
    private readonly string? _postgresName;
    private readonly string? _postgresAdmin;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? sqliteFile, string? postgresName, string? postgresAdmin)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Settings = new DatabaseSettings(provider, connectionString);
        _sqliteFile = sqliteFile;
        _postgresName = postgresName;
        _postgresAdmin = postgresAdmin;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public DatabaseSettings Settings { get; }

    public string ProviderName => Provider == DatabaseProvider.Postgres ? "Postgres" : "Sqlite";

    public static DatabaseProvider RequestedProvider =>
        (Environment.GetEnvironmentVariable("FENGQIAO_TEST_PROVIDER") ?? "sqlite").Trim().ToLowerInvariant() switch
        {
            "postgres" or "postgresql" => DatabaseProvider.Postgres,
            "sqlite" or "" => DatabaseProvider.Sqlite,
            var other => throw new InvalidOperationException($"FENGQIAO_TEST_PROVIDER='{other}': use sqlite or postgres"),
        };

    public static async Task<TestDatabase> CreateAsync(bool migrate = true)
    {
        TestDatabase db;
        if (RequestedProvider == DatabaseProvider.Postgres)
        {
            var admin = Environment.GetEnvironmentVariable("FENGQIAO_TEST_PG");
            if (string.IsNullOrWhiteSpace(admin))
            {
                throw new InvalidOperationException("FENGQIAO_TEST_PROVIDER=postgres but FENGQIAO_TEST_PG is not set: start PostgreSQL with ./fengqiao.sh test");
            }
            db = await NewPostgresAsync(admin, template: null);
        }
        else
        {
            db = NewSqlite();
        }
        if (migrate)
        {
            await using var context = db.Context();
            await new DatabaseMigrator(db.Settings, context).MigrateAsync();
        }
        return db;
    }

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static (TestDatabase Database, Fengqiao.Data.Seeding.DemoSeedResult Seeded)? _template;

    /// <summary>The demo result of the seeded template that <see cref="CreateSeededAsync"/> clones.</summary>
    public Fengqiao.Data.Seeding.DemoSeedResult? Seeded { get; private set; }

    /// <summary>
    /// A fresh database of its own that already holds the migrated schema and the demo data. Seeding the demo takes
    /// seconds and dozens of test classes need it, so each test process seeds one template and every class gets a
    /// copy: <c>VACUUM INTO</c> on SQLite, <c>CREATE DATABASE … TEMPLATE</c> on PostgreSQL. The copy is a database
    /// like any other; Data Protection keys live in it too, so encrypted columns read back.
    /// </summary>
    public static async Task<TestDatabase> CreateSeededAsync()
    {
        var (template, seeded) = await TemplateAsync();
        await TemplateLock.WaitAsync();
        try
        {
            TestDatabase db;
            if (template.Provider == DatabaseProvider.Postgres)
            {
                db = await NewPostgresAsync(template._postgresAdmin!, template._postgresName);
            }
            else
            {
                db = NewSqlite();
                await VacuumIntoAsync(template._sqliteFile!, db._sqliteFile!);
            }
            db.Seeded = seeded;
            return db;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static async Task<(TestDatabase, Fengqiao.Data.Seeding.DemoSeedResult)> TemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_template is { } ready)
            {
                return ready;
            }
            if (await TakeSharedTemplateAsync() is { } shared)
            {
                _template = shared;
                return shared;
            }
            var template = await CreateAsync();
            Fengqiao.Data.Seeding.DemoSeedResult seeded;
            await using (var services = TestServices.Build(template))
            {
                await using var scope = services.CreateAsyncScope();
                seeded = await scope.ServiceProvider.GetRequiredService<Fengqiao.Data.Seeding.DemoSeeder>().SeedAsync();
            }
            // A PostgreSQL template may have no open connection when it is copied; SQLite reads it through its own.
            if (template.Provider == DatabaseProvider.Postgres)
            {
                NpgsqlConnection.ClearPool(new NpgsqlConnection(template.ConnectionString));
            }
            else
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearPool(new Microsoft.Data.Sqlite.SqliteConnection(template.ConnectionString));
            }
            await OfferSharedTemplateAsync(template, seeded);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => template.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _template = (template, seeded);
            return (template, seeded);
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    // An empty database on the test server, or a copy of the template when one is named.
    private static async Task<TestDatabase> NewPostgresAsync(string admin, string? template)
    {
        var name = "fq_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(template is null ? $"CREATE DATABASE {name}" : $"CREATE DATABASE {name} TEMPLATE {template}", connection);
            await command.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(DatabaseProvider.Postgres, builder.ConnectionString, null, name, admin);
    }

    // A consistent copy of a SQLite database, read through its own connection.
    private static async Task VacuumIntoAsync(string from, string to)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={from};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "VACUUM INTO $file";
        command.Parameters.AddWithValue("$file", to);
        await command.ExecuteNonQueryAsync();
    }

    // A new file name in the temporary folder; SQLite creates the file on first use (or VACUUM INTO writes it).
    private static TestDatabase NewSqlite()
    {
        var file = Path.Combine(Path.GetTempPath(), "fengqiao-tests", Guid.NewGuid().ToString("N") + ".db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={file}", file, null, null);
    }

    /// <summary>A context that acts for the system (sees everything), or for the given scope.</summary>
    public FengqiaoDbContext Context(IAccessScopeProvider? scope = null) => Settings.CreateContext(scope ?? new SystemAccessScopeProvider());

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                try
                {
                    File.Delete(_sqliteFile + suffix);
                }
                catch (IOException)
                {
                    // A file still open by a pool on another thread; the temp folder is cleaned by the OS.
                }
            }
        }
        if (_postgresName is not null && _postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
