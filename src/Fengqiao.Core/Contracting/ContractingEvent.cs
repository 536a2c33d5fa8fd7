using System.Collections.Immutable;
using System.Text.Json;
using Fengqiao.Core.Audit;
using NodaTime;

namespace Fengqiao.Core.Contracting;

/// <summary>What a contracting, follow-up or look-back action did, for the case's hash-chained log.</summary>
public sealed record ContractingEvent(string Kind, Instant At, string Actor, ImmutableSortedDictionary<string, string> Data)
{
    public const string ContractAssigned = "contract.assigned";
    public const string ContractHandedOver = "contract.handed-over";
    public const string ContractReleased = "contract.released";
    public const string FollowUpRecorded = "follow-up.recorded";
    public const string LookBackStarted = "look-back.started";
    public const string LookBackDecided = "look-back.decided";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public EventChain.Link ToLink(Guid caseId, int sequence) =>
        new(caseId, sequence, Kind, Actor, At.ToUnixTimeMilliseconds(), JsonSerializer.Serialize(Data, JsonOptions));

    internal static ImmutableSortedDictionary<string, string> DataOf(params (string Key, string? Value)[] items)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in items)
        {
            if (value is not null)
            {
                builder[key] = value;
            }
        }
        return builder.ToImmutable();
    }

    internal static string Text(string? value, string chinese, string english, int max = TextLimits.Long)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new ContractingRuleException($"{chinese}不能为空 ({english} is required)");
        }
        return trimmed.Length <= max
            ? trimmed
            : throw new ContractingRuleException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{chinese}超过 {max} 字 ({english} is longer than {max} characters)"));
    }
}
