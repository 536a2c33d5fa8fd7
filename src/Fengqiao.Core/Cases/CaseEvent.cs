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

    /// <summary>The link the data layer hashes into the case's event chain.</summary>
    public EventChain.Link ToLink(Guid caseId, int sequence) =>
        new(caseId, sequence, Kind, Actor, At.ToUnixTimeMilliseconds(), DataJson());
}
