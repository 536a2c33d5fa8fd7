using Fengqiao.Data.Security;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data.ServiceMenu;

/// <summary>
/// The phone of a service order is personal data like a case party's: stored sealed with its blind index, compared
/// by the index, and revealed only to send a notice. Orders stored in clear by an earlier version are sealed when the
/// database is migrated (<see cref="SealLegacyAsync"/>).
/// </summary>
public static class ServiceOrderPhones
{
    private const int BatchSize = 500;

    /// <summary>Seals a normalised phone (from <c>PhoneNumber.TryParse</c>) into the order.</summary>
    public static void Seal(ServiceOrderRecord record, PersonalDataProtector protector, string phone)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(protector);
        var sealedPhone = protector.ProtectPhone(phone);
        record.ContactPhoneCipher = sealedPhone.Cipher;
        record.ContactPhoneIndex = sealedPhone.Index;
        record.LegacyContactPhone = null;
    }

    /// <summary>Whether the order was placed with this normalised phone.</summary>
    public static bool PlacedWith(ServiceOrderRecord record, PersonalDataProtector protector, string phone)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(protector);
        return record.ContactPhoneIndex is { } index
            ? string.Equals(index, protector.PhoneIndex(phone), StringComparison.Ordinal)
            : string.Equals(record.LegacyContactPhone, phone, StringComparison.Ordinal);
    }

    /// <summary>
    /// Who ordered, for Core's rules: the account, or for a resident without one the phone's blind index (the same
    /// key when the order is placed and each time it is replayed).
    /// </summary>
    public static string ResidentKey(string? accountId, string? phoneIndex) => accountId ?? "phone:" + phoneIndex;

    /// <summary>Seals the phones stored in clear by an earlier version, a batch per save; returns how many.</summary>
    public static async Task<int> SealLegacyAsync(FengqiaoDbContext db, PersonalDataProtector protector, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(protector);
        var sealedCount = 0;
        while (true)
        {
            var batch = await db.ServiceOrders.IgnoreQueryFilters().Where(o => o.LegacyContactPhone != null).OrderBy(o => o.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return sealedCount;
            }
            await protector.EnsureReadyAsync(cancellationToken);
            foreach (var order in batch)
            {
                Seal(order, protector, order.LegacyContactPhone!);
            }
            await db.SaveChangesAsync(cancellationToken);
            sealedCount += batch.Count;
        }
    }
}
