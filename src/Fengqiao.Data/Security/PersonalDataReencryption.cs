using System.Text;
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
        int total;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            total = await db.Residents.IgnoreQueryFilters().CountAsync(cancellationToken) + await db.CaseParties.IgnoreQueryFilters().CountAsync(cancellationToken)
                + await db.ServiceOrders.IgnoreQueryFilters().CountAsync(cancellationToken);
        }
        progress?.Report((0, total));

        var residents = await MigrateAllAsync(db => db.Residents.IgnoreQueryFilters(), MigratePerson, 0, total, progress, cancellationToken);
        var parties = await MigrateAllAsync(db => db.CaseParties.IgnoreQueryFilters(), MigratePerson, residents.Done, total, progress, cancellationToken);
        var orders = await MigrateAllAsync(db => db.ServiceOrders.IgnoreQueryFilters(), r => Migrate(r.ContactPhoneCipher, c => r.ContactPhoneCipher = c), parties.Done, total, progress, cancellationToken);
        return new ReencryptionResult(orders.Done, residents.Changed + parties.Changed + orders.Changed);
    }

    /// <summary>One table, in key order, a batch per short-lived context so memory stays flat and a stop loses one batch at most.</summary>
    private async Task<(int Done, int Changed)> MigrateAllAsync<T>(Func<FengqiaoDbContext, IQueryable<T>> rows, Func<T, int> migrateRow, int done, int total, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
        where T : class, IKeyedById
    {
        var changed = 0;
        Guid? after = null;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var batch = await rows(db).Where(r => after == null || r.Id.CompareTo(after.Value) > 0).OrderBy(r => r.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return (done, changed);
            }
            foreach (var row in batch)
            {
                changed += migrateRow(row);
            }
            await db.SaveChangesAsync(cancellationToken);
            after = batch[^1].Id;
            done += batch.Count;
            progress?.Report((done, total));
        }
    }

    private int MigratePerson(IHoldsPersonalData row) =>
        Migrate(row.IdNumberCipher, c => row.IdNumberCipher = c) + Migrate(row.PhoneCipher, c => row.PhoneCipher = c);

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
