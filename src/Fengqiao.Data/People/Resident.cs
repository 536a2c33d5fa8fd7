namespace Fengqiao.Data.People;

/// <summary>A person who petitions or is party to a dispute (群众). Linked to an account when they use the portal.</summary>
public sealed class Resident : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    /// <summary>GB 11643 number, validated on entry. Encrypted at rest by the security work (issue: trust).</summary>
    public string? IdNumber { get; set; }
    public string? Phone { get; set; }
    public required string DivisionCode { get; set; }
    public string? AccountId { get; set; }
    public int Version { get; set; }
}
