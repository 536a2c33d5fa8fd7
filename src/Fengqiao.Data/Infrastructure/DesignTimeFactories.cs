using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Fengqiao.Data.Infrastructure;

// Used only by `dotnet ef migrations add … --context …`; the connection strings are never opened.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteFengqiaoDbContext>
{
    public SqliteFengqiaoDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteFengqiaoDbContext>().UseSqlite("Data Source=design.db", o => o.MigrationsHistoryTable("__ef_migrations")).Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresFengqiaoDbContext>
{
    public PostgresFengqiaoDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresFengqiaoDbContext>().UseNpgsql("Host=localhost;Database=design", o => o.MigrationsHistoryTable("__ef_migrations")).Options);
}
