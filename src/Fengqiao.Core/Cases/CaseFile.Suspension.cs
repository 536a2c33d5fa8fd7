using System.Collections.Immutable;

namespace Fengqiao.Core.Cases;

// Suspension of handling (中止办理): the clock stops and the limit moves later by the time lost.
public sealed partial record CaseFile
{
    private (CaseFile, ImmutableSortedDictionary<string, string>) Suspend(SuspendHandling command)
    {
        if (Deadline is null)
        {
            throw Refuse(command.Action, "当前没有正在计算的期限 (no time limit is running)");
        }
        var reason = Text(command.Reason, "中止理由", "a reason for the suspension", command.Action);
        return (this with { SuspendedAt = command.At, SuspensionReason = reason }, Data(("reason", reason)));
    }

    private (CaseFile, ImmutableSortedDictionary<string, string>) Resume(ResumeHandling command)
    {
        if (SuspendedAt is not { } since || Deadline is not { } running)
        {
            throw Refuse(command.Action, "案件未中止办理 (the case is not suspended)");
        }
        var moved = running with { Deadline = Policy.Calculator.Resume(running.Deadline, since, command.At) };
        return (this with { SuspendedAt = null, SuspensionReason = null, Deadline = moved },
            Data([("suspendedAt", Format(since)), .. DeadlineData(moved)]));
    }
}
