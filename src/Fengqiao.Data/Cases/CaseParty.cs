namespace Fengqiao.Data.Cases;

/// <summary>A petitioner or party of a case; in a collective petition the representatives (at most five) are marked.</summary>
public sealed class CaseParty : Security.IHoldsPersonalData
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
    public bool IsRepresentative { get; set; }
}
