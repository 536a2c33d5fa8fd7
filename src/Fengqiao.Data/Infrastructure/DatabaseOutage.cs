using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Fengqiao.Data.Infrastructure;

/// <summary>
/// Tells a failure to reach the database (stopped, restarting, the connection cut, too many connections) from a
/// failure of the request itself. The first is worth retrying once on a fresh connection and, when it persists, is
/// answered "come back later" (503) rather than as a fault of the request or of the program.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>How long callers are told to wait before trying again (the Retry-After of a 503).</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>True when <paramref name="exception"/>, or one it wraps, says the database could not be reached.</summary>
    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    return ServerGone(postgres.SqlState);
                case NpgsqlException:
                    // Npgsql's own errors (not the server's): it could not connect, or lost the connection mid-request.
                    return true;
                case SqliteException sqlite:
                    // The file is locked past its busy timeout (SQLITE_BUSY, SQLITE_LOCKED) or cannot be opened.
                    return sqlite.SqliteErrorCode is 5 or 6 or 14;
                case SocketException:
                    return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The server's codes for "not you, me": connection errors (class 08), shut down by an administrator or a crash
    /// (57P01, 57P02), not yet accepting connections (57P03), too many connections (53300).
    /// </summary>
    public static bool ServerGone(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal) || sqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
            or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections;

    /// <summary>
    /// One real round trip (opening a pooled connection alone proves nothing: a dead one opens fine). A stale
    /// connection is replaced by <see cref="StaleConnectionRetry"/> first, so this fails only while the database is
    /// really out of reach.
    /// </summary>
    public static async Task<bool> ProbeAsync(FengqiaoDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.ExecuteSqlRawAsync("SELECT 1", cancellationToken);
        return true;
    }
}
