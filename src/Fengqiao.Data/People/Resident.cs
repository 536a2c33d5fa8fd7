namespace Fengqiao.Data.People;

/// <summary>A person who petitions or is party to a dispute (群众). Linked to an account when they use the portal.</summary>
public sealed class Resident : Security.IHoldsPersonalData, IVersioned
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
    public required string DivisionCode { get; set; }
    public string? AccountId { get; set; }
    public int Version { get; set; }
}
