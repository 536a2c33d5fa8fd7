using Fengqiao.Data.Scope;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Fengqiao.Data.Infrastructure;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Which database Fengqiao runs on, read once from configuration (<c>Database:Provider</c>,
/// <c>Database:ConnectionString</c>). Builds the provider's context options once; contexts are cheap after that.
/// </summary>
public sealed class DatabaseSettings
{
    public const string DefaultSqliteConnectionString = "Data Source=data/fengqiao.db";

    private readonly DbContextOptions<SqliteFengqiaoDbContext>? _sqlite;
    private readonly DbContextOptions<PostgresFengqiaoDbContext>? _postgres;

    public DatabaseSettings(DatabaseProvider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
        if (provider == DatabaseProvider.Sqlite)
        {
            _sqlite = new DbContextOptionsBuilder<SqliteFengqiaoDbContext>()
                .UseSqlite(connectionString, o => o.MigrationsHistoryTable("__ef_migrations"))
                .Options;
        }
        else
        {
            _postgres = new DbContextOptionsBuilder<PostgresFengqiaoDbContext>()
                .UseNpgsql(connectionString, o => o.MigrationsHistoryTable("__ef_migrations").ExecutionStrategy(d => new StaleConnectionRetry(d)))
                .Options;
        }
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public static DatabaseSettings FromConfiguration(IConfiguration configuration)
    {
        var providerText = configuration["Database:Provider"];
        var provider = string.IsNullOrWhiteSpace(providerText) ? "Sqlite" : providerText.Trim();
        var connectionString = configuration["Database:ConnectionString"] ?? configuration.GetConnectionString("Fengqiao");
        if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return new DatabaseSettings(DatabaseProvider.Sqlite, string.IsNullOrWhiteSpace(connectionString) ? DefaultSqliteConnectionString : connectionString);
        }
        if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase) || provider.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase) || provider.Equals("Npgsql", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new DatabaseConfigurationException("Database:Provider 为 Postgres 时必须配置 Database:ConnectionString (the Postgres provider needs Database:ConnectionString)");
            }
            return new DatabaseSettings(DatabaseProvider.Postgres, connectionString);
        }
        throw new DatabaseConfigurationException(
            $"未知的数据库类型 Database:Provider = '{provider}'，可选 Sqlite 或 Postgres (unknown database provider '{provider}'; use Sqlite or Postgres)");
    }

    /// <summary>
    /// The same database for one service's own repeated reads whose array parameters change length every time
    /// (intake's batched lookups). PostgreSQL plans such a prepared statement afresh on every execution (a custom plan
    /// looks cheaper to it than the generic one), which costs more than running it; on a connection pool of their
    /// own they are prepared and planned once. Other databases: the same settings.
    /// </summary>
    public DatabaseSettings ForRepeatedBatchReads()
    {
        if (Provider != DatabaseProvider.Postgres)
        {
            return this;
        }
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
        builder.MaxAutoPrepare = Math.Max(builder.MaxAutoPrepare, 8);
        builder.AutoPrepareMinUsages = Math.Min(builder.AutoPrepareMinUsages, 2);
        builder.Options = (builder.Options + " -c plan_cache_mode=force_generic_plan").Trim();
        return new DatabaseSettings(Provider, builder.ConnectionString);
    }

    public FengqiaoDbContext CreateContext(IAccessScopeProvider scope) => Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteFengqiaoDbContext(_sqlite!, scope),
        _ => new PostgresFengqiaoDbContext(_postgres!, scope),
    };

    /// <summary>The SQLite file's folder must exist before the first connection opens it.</summary>
    internal void EnsureSqliteFolder()
    {
        if (Provider != DatabaseProvider.Sqlite)
        {
            return;
        }
        var dataSource = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder) && dataSource != ":memory:")
        {
            Directory.CreateDirectory(folder);
        }
    }
}

public sealed class DatabaseConfigurationException(string message) : Exception(message);
