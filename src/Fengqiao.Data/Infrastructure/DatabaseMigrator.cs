using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data.Infrastructure;

/// <summary>
/// Brings the schema up to date. Run by the CLI (`fengqiao db migrate`), by tests, and at start for SQLite. With the
/// personal-data protector (as registered), it then seals personal data an earlier version stored in clear, which a
/// schema migration cannot do (the keys live in the application's key ring).
/// </summary>
public sealed class DatabaseMigrator(DatabaseSettings settings, FengqiaoDbContext db, Security.PersonalDataProtector? protector = null)
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
        if (protector is not null)
        {
            await ServiceMenu.ServiceOrderPhones.SealLegacyAsync(db, protector, cancellationToken);
        }
    }

    public async Task<bool> HasPendingMigrationsAsync(CancellationToken cancellationToken = default) =>
        (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any();
}
