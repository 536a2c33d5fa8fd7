using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Infrastructure;

/// <summary>
/// A named lease in the database (租约): whichever web node holds it runs that background job; the others wait.
/// Taken with one conditional UPDATE, so two nodes racing for an expired lease cannot both win, on SQLite or
/// PostgreSQL alike. A node that stops gives it up at once; one that dies lets it expire after <see cref="Leases.Term"/>.
/// </summary>
public sealed class Lease
{
    public required string Name { get; set; }
    public string? Holder { get; set; }
    public Instant ExpiresAt { get; set; }
}

public static class Leases
{
    /// <summary>"Expired long ago" — an instant every provider can store (PostgreSQL's timestamptz has no Instant.MinValue).</summary>
    public static readonly Instant LongAgo = Instant.FromUtc(2000, 1, 1, 0, 0);

    /// <summary>
    /// How long a lease lasts unless renewed. Short, because the jobs stand still while a dead holder's lease runs
    /// out: another node takes over at most <see cref="Term"/> + <see cref="RenewEvery"/> after the holder died.
    /// </summary>
    public static readonly Duration Term = Duration.FromSeconds(20);

    /// <summary>How often the holder renews and the other nodes try to take over; four renewals fit in a term, so a database blip of a few seconds does not lose it.</summary>
    public static readonly Duration RenewEvery = Duration.FromSeconds(5);

    /// <summary>Takes or renews the lease for one <see cref="Term"/>.</summary>
    public static Task<bool> TryAcquireAsync(FengqiaoDbContext db, string name, string holder, Instant now, CancellationToken cancellationToken = default) =>
        TryAcquireAsync(db, name, holder, now, Term, cancellationToken);

    public static async Task<bool> TryAcquireAsync(FengqiaoDbContext db, string name, string holder, Instant now, Duration duration, CancellationToken cancellationToken = default)
    {
        if (!await db.Leases.AnyAsync(l => l.Name == name, cancellationToken))
        {
            try
            {
                db.Leases.Add(new Lease { Name = name, Holder = null, ExpiresAt = LongAgo });
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another node created it first; fine.
            }
            db.ChangeTracker.Clear();
        }
        var until = now + duration;
        var taken = await db.Leases
            .Where(l => l.Name == name && (l.ExpiresAt < now || l.Holder == holder))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, until), cancellationToken);
        return taken == 1;
    }

    /// <summary>Gives the lease up at once if this holder still has it, so another node need not wait for it to expire.</summary>
    public static async Task<bool> ReleaseAsync(FengqiaoDbContext db, string name, string holder, CancellationToken cancellationToken = default) =>
        await db.Leases
            .Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, (string?)null).SetProperty(l => l.ExpiresAt, LongAgo), cancellationToken) == 1;
}
