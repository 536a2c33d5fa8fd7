using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Portal;

/// <summary>
/// Counts a public client's failures in the database, so a client that guesses query codes across several web nodes
/// meets the challenge as soon as it would on one. A failure costs an atomic update (or an insert for a new client)
/// and a keyed read; a check costs a keyed read.
/// </summary>
public static class PortalFailureCounter
{
    public static async Task<int> FailuresAsync(FengqiaoDbContext db, string client, Instant now, Duration window, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var since = now - window;
        return await db.PortalFailures.AsNoTracking().Where(f => f.Client == client && f.WindowStartedAt > since)
            .Select(f => f.Failures).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Adds one failure and returns the count in the current window (a stale window restarts at 1). Each step is one
    /// atomic statement, so nodes recording the same client at once lose no failure: increment the live window, else
    /// restart a stale one, else insert — and when another node inserted first, increment after all.
    /// </summary>
    public static async Task<int> RecordAsync(FengqiaoDbContext db, string client, Instant now, Duration window, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var since = now - window;
        for (var attempt = 0; ; attempt++)
        {
            var live = await db.PortalFailures.Where(f => f.Client == client && f.WindowStartedAt > since)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.Failures, f => f.Failures + 1), cancellationToken);
            if (live == 0)
            {
                var restarted = await db.PortalFailures.Where(f => f.Client == client && f.WindowStartedAt <= since)
                    .ExecuteUpdateAsync(s => s.SetProperty(f => f.Failures, 1).SetProperty(f => f.WindowStartedAt, now), cancellationToken);
                if (restarted == 0)
                {
                    db.PortalFailures.Add(new PortalFailure { Client = client, Failures = 1, WindowStartedAt = now });
                    try
                    {
                        await db.SaveChangesAsync(cancellationToken);
                        // A new client: the moment to drop stale rows, so the table holds only recent clients.
                        await db.PortalFailures.Where(f => f.WindowStartedAt <= since).ExecuteDeleteAsync(cancellationToken);
                        return 1;
                    }
                    catch (DbUpdateException) when (attempt < 3)
                    {
                        // Another node inserted this client first: count on its row.
                        db.ChangeTracker.Clear();
                        continue;
                    }
                }
            }
            return await FailuresAsync(db, client, now, window, cancellationToken);
        }
    }

    public static Task ForgiveAsync(FengqiaoDbContext db, string client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.PortalFailures.Where(f => f.Client == client).ExecuteDeleteAsync(cancellationToken);
    }
}
