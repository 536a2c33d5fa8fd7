using NodaTime;

namespace Fengqiao.Data.Security;

/// <summary>
/// A secret the deployment makes for itself (e.g. the key of the personal-data search index), stored encrypted by
/// ASP.NET Core Data Protection so every node reads the same value and none needs it in configuration.
/// </summary>
public sealed class ProtectedSecret
{
    public required string Name { get; set; }
    public required string ProtectedValue { get; set; }
    public Instant CreatedAt { get; set; }
}
