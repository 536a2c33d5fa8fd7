using System.Collections.Immutable;
using System.Text.Json;
using Fengqiao.Core.Audit;
using NodaTime;

namespace Fengqiao.Core.Whistles;

/// <summary>What a whistle action did, for the whistle's hash-chained log. Data keys are sorted so it serialises the same way every time.</summary>
public sealed record WhistleEvent(string Kind, WhistleLevel Level, Instant At, string Actor, ImmutableSortedDictionary<string, string> Data)
{
    public const string Blown = "whistle.blown";
    public const string Summoned = "whistle.summoned";
    public const string Acknowledged = "whistle.acknowledged";
    public const string Acting = "whistle.acting";
    public const string Reported = "whistle.reported";
    public const string Refused = "whistle.refused";
    public const string Escalated = "whistle.escalated";
    public const string Rated = "whistle.rated";
    public const string Closed = "whistle.closed";
    public const string Referred = "whistle.referred";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The department the event concerns, when it concerns one.</summary>
    public Guid? Department => Data.TryGetValue("department", out var d) && Guid.TryParse(d, out var id) ? id : null;

    public EventChain.Link ToLink(Guid whistleId, int sequence) =>
        new(whistleId, sequence, Kind, Actor, At.ToUnixTimeMilliseconds(),
            JsonSerializer.Serialize(Data.SetItem("level", Level.ToString()), JsonOptions));
}

/// <summary>The whistle after an allowed action and the event to log.</summary>
public sealed record WhistleTransition(Whistle Whistle, WhistleEvent Event);
