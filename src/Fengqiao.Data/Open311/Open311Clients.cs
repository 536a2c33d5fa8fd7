using Fengqiao.Core.Open311;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Open311;

public sealed record IssuedOpen311Key(Guid Id, string Name, string Key, Guid UnitId);

/// <summary>Issues, checks and revokes Open311 api_keys. The plain key exists only in the answer to <see cref="IssueAsync"/>.</summary>
public sealed class Open311Clients(FengqiaoDbContext db, IClock clock)
{
    /// <summary>Throws <see cref="ArgumentException"/> with a bilingual message when the name or unit is wrong.</summary>
    public async Task<IssuedOpen311Key> IssueAsync(string? name, Guid unitId, string issuedBy, string? fixedKey = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            throw new ArgumentException("请填写客户端名称（不超过 100 字） (the client name is required, at most 100 characters)", nameof(name));
        }
        if (!await db.Units.IgnoreQueryFilters().AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            throw new ArgumentException("登记单位不存在 (the registering unit does not exist)", nameof(unitId));
        }
        var key = fixedKey ?? Open311ApiKey.NewKey();
        var client = new Open311Client { Name = name.Trim(), KeyHash = Open311ApiKey.Hash(key), UnitId = unitId, IssuedBy = issuedBy, IssuedAt = clock.GetCurrentInstant() };
        db.Open311Clients.Add(client);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedOpen311Key(client.Id, client.Name, key, unitId);
    }

    /// <summary>The live client holding this key, or null (unknown, malformed or revoked).</summary>
    public async Task<Open311Client?> FindAsync(string? key, CancellationToken cancellationToken = default)
    {
        if (!Open311ApiKey.LooksValid(key))
        {
            return null;
        }
        var hash = Open311ApiKey.Hash(key!);
        return await db.Open311Clients.AsNoTracking().FirstOrDefaultAsync(c => c.KeyHash == hash && c.RevokedAt == null, cancellationToken);
    }

    public async Task<IReadOnlyList<Open311Client>> ListAsync(CancellationToken cancellationToken = default) =>
        await db.Open311Clients.AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken);

    public async Task<bool> RevokeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var client = await db.Open311Clients.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (client is null)
        {
            return false;
        }
        client.RevokedAt ??= clock.GetCurrentInstant();
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
