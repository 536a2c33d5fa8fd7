namespace Fengqiao.Data.Security;

/// <summary>
/// A row that carries a person's ID number and phone, each encrypted at rest (<see cref="PersonalDataProtector"/>):
/// ciphertext, blind index for lookups and masked form for display. Parties and residents both do.
/// </summary>
public interface IHoldsPersonalData : IKeyedById
{
    string? IdNumberCipher { get; set; }
    string? IdNumberIndex { get; set; }
    string? IdNumberMasked { get; set; }
    string? PhoneCipher { get; set; }
    string? PhoneIndex { get; set; }
    string? PhoneMasked { get; set; }
}

/// <summary>A row keyed by a GUID, so a batch job can walk its table in key order (re-encryption does).</summary>
public interface IKeyedById
{
    Guid Id { get; }
}

public static class PersonalDataFields
{
    /// <summary>Stores the validated ID number and phone encrypted, indexed and masked; returns the row for chaining.</summary>
    public static T Protect<T>(this T row, PersonalDataProtector protector, string? idNumber, string? phone)
        where T : IHoldsPersonalData
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(protector);
        var id = idNumber is null ? (ProtectedValue?)null : protector.ProtectIdNumber(idNumber);
        var tel = phone is null ? (ProtectedValue?)null : protector.ProtectPhone(phone);
        (row.IdNumberCipher, row.IdNumberIndex, row.IdNumberMasked) = (id?.Cipher, id?.Index, id?.Masked);
        (row.PhoneCipher, row.PhoneIndex, row.PhoneMasked) = (tel?.Cipher, tel?.Index, tel?.Masked);
        return row;
    }

    /// <summary>The same stored values as <paramref name="source"/> (a party who is a known resident), without decrypting.</summary>
    public static T WithPersonalDataOf<T>(this T row, IHoldsPersonalData source)
        where T : IHoldsPersonalData
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(source);
        (row.IdNumberCipher, row.IdNumberIndex, row.IdNumberMasked) = (source.IdNumberCipher, source.IdNumberIndex, source.IdNumberMasked);
        (row.PhoneCipher, row.PhoneIndex, row.PhoneMasked) = (source.PhoneCipher, source.PhoneIndex, source.PhoneMasked);
        return row;
    }
}
