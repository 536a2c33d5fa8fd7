namespace Fengqiao.Data.Cases;

/// <summary>A petitioner or party of a case; in a collective petition the representatives (at most five) are marked.</summary>
public sealed class CaseParty
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public Guid? ResidentId { get; set; }
    public required string Name { get; set; }
    public string? IdNumber { get; set; }
    public string? Phone { get; set; }
    public bool IsRepresentative { get; set; }
}
