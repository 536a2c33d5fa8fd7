using System.Collections.Immutable;
using System.Text.Json;
using Fengqiao.Core.Audit;
using NodaTime;

namespace Fengqiao.Core.Cases;

/// <summary>
/// What a successful action did to a case, for the case's hash-chained event log (案件操作留痕). Data holds the
/// action's details as strings (reasons, units, computed deadlines) in key order so it serialises the same way
/// every time.
/// </summary>
public sealed record CaseEvent(
    string Kind,
    CaseState Before,
    CaseState After,
    CaseStage Stage,
    Instant At,
    string Actor,
    ImmutableSortedDictionary<string, string> Data)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The data with before/after state and stage, as a JSON object with sorted keys.</summary>
    public string DataJson()
    {
        var all = Data
            .SetItem("before", Before.ToString())
            .SetItem("after", After.ToString())
            .SetItem("stage", Stage.ToString());
        return JsonSerializer.Serialize(all, JsonOptions);
    }

    /// <summary>Reads back an event stored as a chain link (the inverse of <see cref="ToLink"/>, to the millisecond).</summary>
    public static CaseEvent FromLink(EventChain.Link link)
    {
        ArgumentNullException.ThrowIfNull(link);
        Dictionary<string, string>? data;
        try
        {
            data = JsonSerializer.Deserialize<Dictionary<string, string>>(link.Data);
        }
        catch (JsonException e)
        {
            throw new FormatException($"事件数据不是有效的 JSON (event data is not valid JSON): {e.Message}", e);
        }
        if (data is null
            || !data.Remove("before", out var before) || !Enum.TryParse<CaseState>(before, out var beforeState)
            || !data.Remove("after", out var after) || !Enum.TryParse<CaseState>(after, out var afterState)
            || !data.Remove("stage", out var stage) || !Enum.TryParse<CaseStage>(stage, out var caseStage))
        {
            throw new FormatException("事件数据缺少状态或阶段 (event data lacks before, after or stage)");
        }
        return new CaseEvent(link.Kind, beforeState, afterState, caseStage, Instant.FromUnixTimeMilliseconds(link.AtUnixMilliseconds),
            link.Actor, data.ToImmutableSortedDictionary(StringComparer.Ordinal));
    }

    /// <summary>The link the data layer hashes into the case's event chain.</summary>
    public EventChain.Link ToLink(Guid caseId, int sequence) =>
        new(caseId, sequence, Kind, Actor, At.ToUnixTimeMilliseconds(), DataJson());
}
