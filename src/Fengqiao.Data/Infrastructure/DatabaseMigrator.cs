using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data.Infrastructure;

/// <summary>Brings the schema up to date. Run by the CLI (`fengqiao db migrate`), by tests, and at start for SQLite.</summary>
public sealed class DatabaseMigrator(DatabaseSettings settings, FengqiaoDbContext db)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        settings.EnsureSqliteFolder();
        await db.Database.MigrateAsync(cancellationToken);
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets the web app read while a timer or import writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    public async Task<bool> HasPendingMigrationsAsync(CancellationToken cancellationToken = default) =>
        (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any();
}
