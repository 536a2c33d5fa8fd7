namespace Fengqiao.Data.People;

/// <summary>A person who petitions or is party to a dispute (群众). Linked to an account when they use the portal.</summary>
public sealed class Resident : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
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
    public Resident Protect(Security.PersonalDataProtector protector, string? idNumber, string? phone)
    {
        ArgumentNullException.ThrowIfNull(protector);
        SetIdNumber(idNumber is null ? null : protector.ProtectIdNumber(idNumber));
        SetPhone(phone is null ? null : protector.ProtectPhone(phone));
        return this;
    }
    public required string DivisionCode { get; set; }
    public string? AccountId { get; set; }
    public int Version { get; set; }
}
