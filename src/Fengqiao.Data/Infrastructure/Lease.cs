using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Infrastructure;

/// <summary>
/// A named lease in the database (租约): whichever web node holds it runs that background job; the others wait.
/// Taken with one conditional UPDATE, so two nodes racing for an expired lease cannot both win, on SQLite or
/// PostgreSQL alike. A holder that dies simply lets it expire.
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
}
