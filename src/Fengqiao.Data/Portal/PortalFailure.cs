using NodaTime;

namespace Fengqiao.Data.Portal;

/// <summary>A public client's recent failures (wrong query codes, refused submissions), shared by every web node.</summary>
public sealed class PortalFailure
{
    /// <summary>The client's address as the node saw it.</summary>
    public required string Client { get; set; }

    public int Failures { get; set; }

    /// <summary>When the current counting window began; a failure after the window starts a new count.</summary>
    public Instant WindowStartedAt { get; set; }
}
