using Fengqiao.Core.Calendar;
using Fengqiao.Core.Cases.Deadlines;

namespace Fengqiao.Core.Cases;

/// <summary>A running time limit of a case and the stage it belongs to (e.g. Handling, due 2026-03-02).</summary>
public sealed record StageDeadline(SlaStage Stage, Deadline Deadline);
