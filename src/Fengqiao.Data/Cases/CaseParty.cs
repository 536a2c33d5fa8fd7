namespace Fengqiao.Data.Cases;

/// <summary>A petitioner or party of a case; in a collective petition the representatives (at most five) are marked.</summary>
public sealed class CaseParty
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public Guid? ResidentId { get; set; }
    public required string Name { get; set; }
    // Encrypted at rest (Security/PersonalDataProtector): ciphertext, blind index for lookups, masked form for display.
    public string? IdNumberCipher { get; set; }
    public string? IdNumberIndex { get; set; }
    public string? IdNumberMasked { get; set; }
    public string? PhoneCipher { get; set; }
    public string? PhoneIndex { get; set; }
    public string? PhoneMasked { get; set; }

    public void SetIdNumber(Security.ProtectedValue? value) =>
        (IdNumberCipher, IdNumberIndex, IdNumberMasked) = (value?.Cipher, value?.Index, value?.Masked);

    public void SetPhone(Security.ProtectedValue? value) =>
        (PhoneCipher, PhoneIndex, PhoneMasked) = (value?.Cipher, value?.Index, value?.Masked);

    /// <summary>Stores the validated ID number and phone encrypted, indexed and masked; returns this for chaining.</summary>
    public CaseParty Protect(Security.PersonalDataProtector protector, string? idNumber, string? phone)
    {
        ArgumentNullException.ThrowIfNull(protector);
        SetIdNumber(idNumber is null ? null : protector.ProtectIdNumber(idNumber));
        SetPhone(phone is null ? null : protector.ProtectPhone(phone));
        return this;
    }
    public bool IsRepresentative { get; set; }
}
