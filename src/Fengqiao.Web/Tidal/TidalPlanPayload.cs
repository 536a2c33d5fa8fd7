using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime.Serialization.SystemTextJson;
using Fengqiao.Tidal.Adjustment;
using Fengqiao.Tidal.Rostering;

namespace Fengqiao.Web.Tidal;

/// <summary>
/// A finished plan as stored (gzipped JSON): the scenario it was built from (so the problem is rebuilt exactly,
/// forecast included), both rosters, their metrics, the hand edits so far, the days re-planned (planned events and
/// officers off sick) and the live view's decisions. Plans stored before the last two existed read them as none.
/// </summary>
internal sealed record TidalPlanPayload(
    PlanSettings Settings,
    PlanScenario Scenario,
    PlanResult Tidal,
    Roster Fixed,
    RosterMetrics FixedMetrics,
    Roster Current,
    RosterMetrics CurrentMetrics,
    IReadOnlyList<RosterViolation> CurrentViolations,
    int Edits,
    double? LpBound,
    IReadOnlyList<DayAdjustment>? Adjustments = null,
    IReadOnlyList<LiveDecision>? LiveDecisions = null)
{
    private static readonly JsonSerializerOptions Json = new JsonSerializerOptions(PlanScenario.JsonOptions)
    {
        WriteIndented = false,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, // waits are NaN when there are no arrivals
    }.ConfigureForNodaTime(NodaTime.DateTimeZoneProviders.Tzdb); // the re-plans' and decisions' times

    public static TidalPlanPayload From(PlanOutcome plan) => new(
        plan.Settings,
        plan.Scenario ?? throw new InvalidOperationException("a plan is stored with its scenario"),
        plan.Tidal,
        plan.Fixed,
        plan.FixedMetrics,
        plan.Current,
        plan.CurrentMetrics,
        plan.CurrentViolations,
        plan.Edits,
        plan.LpBound,
        plan.Adjustments,
        plan.LiveDecisions);

    public PlanOutcome ToOutcome() =>
        new(Settings, Scenario.ToProblem(), Tidal, Fixed, FixedMetrics, Current, CurrentMetrics, CurrentViolations, Edits, LpBound) { Scenario = Scenario, Adjustments = Adjustments ?? [], LiveDecisions = LiveDecisions ?? [] };

    public byte[] Encode()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            JsonSerializer.Serialize(gzip, this, Json);
        }

        return buffer.ToArray();
    }

    public static TidalPlanPayload Decode(byte[] data)
    {
        using var gzip = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        return JsonSerializer.Deserialize<TidalPlanPayload>(gzip, Json) ?? throw new InvalidDataException("empty plan payload");
    }
}
