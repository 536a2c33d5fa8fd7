using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data.Cases;

/// <summary>
/// Divisions and units that intake has already found in the database. Neither is ever deleted (foreign keys
/// restrict it), so a code once seen stays valid and intake skips two round trips per case; an unknown code is
/// always asked again, so a unit created on another node is found at once. The first unknown division loads every
/// code at once (a district's few thousand villages): cases come from all of them, and one query beats one per village.
/// </summary>
public sealed class KnownReferences
{
    private readonly ConcurrentDictionary<string, bool> _divisions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, bool> _units = new();
    private int _divisionsLoaded;

    public async Task<bool> DivisionExistsAsync(FengqiaoDbContext db, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (_divisions.ContainsKey(code))
        {
            return true;
        }
        if (Interlocked.Exchange(ref _divisionsLoaded, 1) == 0)
        {
            foreach (var known in await db.Divisions.AsNoTracking().Select(d => d.Code).ToListAsync(cancellationToken))
            {
                _divisions.TryAdd(known, true);
            }
            if (_divisions.ContainsKey(code))
            {
                return true;
            }
        }
        var exists = await db.Divisions.AnyAsync(d => d.Code == code, cancellationToken);
        if (exists)
        {
            _divisions.TryAdd(code, true);
        }
        return exists;
    }

    public async Task<bool> UnitExistsAsync(FengqiaoDbContext db, Guid unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (_units.ContainsKey(unit))
        {
            return true;
        }
        var exists = await db.Units.AnyAsync(u => u.Id == unit, cancellationToken);
        if (exists)
        {
            _units.TryAdd(unit, true);
        }
        return exists;
    }
}
