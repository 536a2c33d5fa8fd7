using NodaTime;

namespace Fengqiao.Tidal.Adjustment;

/// <summary>
/// One re-plan of a day as kept with the plan (勤务调整记录): the planned events and officers off sick it was asked for,
/// the changes it made and their effect, so the briefing lists them after any reload or on any node.
/// </summary>
/// <param name="Day">0 = Monday … 6 = Sunday of the plan's week.</param>
/// <param name="UnmetBefore">Unmet demand-hours of the roster as it stood, with the events' demand.</param>
/// <param name="UnmetAfter">The same after the re-plan.</param>
/// <param name="Method">How the re-plan was found (null for those kept before the CP-SAT re-plan: the greedy).</param>
public sealed record DayAdjustment(
    int Day,
    IReadOnlyList<PlannedEvent> Events,
    IReadOnlyList<string> OffSick,
    IReadOnlyList<RosterChange> Changes,
    long UnmetBefore,
    long UnmetAfter,
    Instant At,
    DayReplanMethod? Method = null);
