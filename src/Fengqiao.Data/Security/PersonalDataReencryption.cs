using System.Text;
using Fengqiao.Data.Cases;
using Fengqiao.Data.People;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data.Security;

public sealed record ReencryptionResult(int Checked, int Reencrypted);

/// <summary>
/// Key rotation for the personal data: Data Protection makes a new key every 90 days and keeps the old ones for
/// decryption; this moves every ciphertext still under an old (or revoked) key to the current one, in batches, so
/// an old key can eventually be retired. Safe to rerun and to interrupt.
/// </summary>
public sealed class PersonalDataReencryption(IDbContextFactory<FengqiaoDbContext> contexts, PersonalDataProtector protector)
{
    private const int BatchSize = 500;

    public async Task<ReencryptionResult> RunAsync(IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        await protector.EnsureReadyAsync(cancellationToken);
        int total, done = 0, changed = 0;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            total = await db.Residents.IgnoreQueryFilters().CountAsync(cancellationToken) + await db.CaseParties.IgnoreQueryFilters().CountAsync(cancellationToken);
        }
        progress?.Report((0, total));

        Guid? after = null;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var batch = await db.Residents.IgnoreQueryFilters().Where(r => after == null || r.Id.CompareTo(after.Value) > 0).OrderBy(r => r.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }
            foreach (var r in batch)
            {
                changed += Migrate(r.IdNumberCipher, c => r.IdNumberCipher = c) + Migrate(r.PhoneCipher, c => r.PhoneCipher = c);
            }
            await db.SaveChangesAsync(cancellationToken);
            after = batch[^1].Id;
            done += batch.Count;
            progress?.Report((done, total));
        }

        after = null;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var batch = await db.CaseParties.IgnoreQueryFilters().Where(p => after == null || p.Id.CompareTo(after.Value) > 0).OrderBy(p => p.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }
            foreach (var p in batch)
            {
                changed += Migrate(p.IdNumberCipher, c => p.IdNumberCipher = c) + Migrate(p.PhoneCipher, c => p.PhoneCipher = c);
            }
            await db.SaveChangesAsync(cancellationToken);
            after = batch[^1].Id;
            done += batch.Count;
            progress?.Report((done, total));
        }
        return new ReencryptionResult(done, changed);
    }

    private int Migrate(string? cipher, Action<string> store)
    {
        if (cipher is null)
        {
            return 0;
        }
        var bytes = protector.Persisted.DangerousUnprotect(FromBase64Url(cipher), ignoreRevocationErrors: true, out var requiresMigration, out var wasRevoked);
        if (!requiresMigration && !wasRevoked)
        {
            return 0;
        }
        store(protector.Protect(Encoding.UTF8.GetString(bytes)));
        return 1;
    }

    // The string form of IDataProtector.Protect is base64url without padding.
    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
