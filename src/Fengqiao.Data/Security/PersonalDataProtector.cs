using System.Security.Cryptography;
using System.Text;
using Fengqiao.Core.People;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Fengqiao.Data.Security;

/// <summary>
/// Encrypts ID numbers and phones at rest with ASP.NET Core Data Protection (keys in the database, rotated every
/// 90 days; old keys still decrypt, and <see cref="PersonalDataReencryption"/> moves old rows to the current key).
/// Equality lookups (is this person known? repeat petitions) use an HMAC-SHA256 blind index whose key is itself a
/// protected secret in the database, so every node computes the same index.
/// </summary>
public sealed class PersonalDataProtector
{
    private const string Purpose = "Fengqiao.PersonalData.v1";
    internal const string IndexKeyName = "personal-data-index-key";

    private readonly IDataProtector _protector;
    private readonly IDataProtectionProvider _provider;
    private readonly IServiceScopeFactory _scopes;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _indexKey;

    public PersonalDataProtector(IDataProtectionProvider provider, IServiceScopeFactory scopes)
    {
        _provider = provider;
        _scopes = scopes;
        _protector = provider.CreateProtector(Purpose);
    }

    internal IPersistedDataProtector Persisted => (IPersistedDataProtector)_protector;

    /// <summary>Loads (or, the first time any node runs, creates) the index key. Safe when nodes race.</summary>
    public async Task EnsureReadyAsync(CancellationToken cancellationToken = default)
    {
        if (_indexKey is not null)
        {
            return;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_indexKey is not null)
            {
                return;
            }
            using var scope = _scopes.CreateScope();
            var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<FengqiaoDbContext>>();
            var clock = scope.ServiceProvider.GetRequiredService<IClock>();
            var secrets = _provider.CreateProtector("Fengqiao.Secrets.v1");
            for (var attempt = 0; ; attempt++)
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                var row = await db.Set<ProtectedSecret>().AsNoTracking().FirstOrDefaultAsync(s => s.Name == IndexKeyName, cancellationToken);
                if (row is not null)
                {
                    _indexKey = Convert.FromBase64String(secrets.Unprotect(row.ProtectedValue));
                    return;
                }
                var key = RandomNumberGenerator.GetBytes(32);
                db.Set<ProtectedSecret>().Add(new ProtectedSecret { Name = IndexKeyName, ProtectedValue = secrets.Protect(Convert.ToBase64String(key)), CreatedAt = clock.GetCurrentInstant() });
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    _indexKey = key;
                    return;
                }
                catch (DbUpdateException) when (attempt < 3)
                {
                    // Another node created it first: read theirs.
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private byte[] IndexKey => _indexKey ?? throw new InvalidOperationException("PersonalDataProtector.EnsureReadyAsync was not called.");

    public ProtectedValue ProtectIdNumber(string value) => new(_protector.Protect(value), IdNumberIndex(value), PersonalDataMask.IdNumber(value));

    public ProtectedValue ProtectPhone(string value) => new(_protector.Protect(value), PhoneIndex(value), PersonalDataMask.Phone(value));

    public string IdNumberIndex(string value) => Index("id", value);

    public string PhoneIndex(string value) => Index("phone", value);

    internal string Protect(string value) => _protector.Protect(value);

    /// <summary>Decrypts a stored value. Callers log the view (see <see cref="PersonalDataViews"/>).</summary>
    public string Reveal(string cipher) => _protector.Unprotect(cipher);

    private string Index(string kind, string value)
    {
        var hash = HMACSHA256.HashData(IndexKey, Encoding.UTF8.GetBytes(kind + ":" + value));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
