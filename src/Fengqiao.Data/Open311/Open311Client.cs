using NodaTime;

namespace Fengqiao.Data.Open311;

/// <summary>
/// An outside application allowed to post Open311 service requests (e.g. a city app or the 12345 hotline's system).
/// Its requests are registered on behalf of <see cref="UnitId"/>. Only the key's SHA-256 is kept.
/// </summary>
public sealed class Open311Client
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public required string KeyHash { get; set; }
    public Guid UnitId { get; set; }
    public required string IssuedBy { get; set; }
    public Instant IssuedAt { get; set; }
    public Instant? RevokedAt { get; set; }
}
