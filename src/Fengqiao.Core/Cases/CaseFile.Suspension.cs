using System.Collections.Immutable;

namespace Fengqiao.Core.Cases;

// Suspension of handling (中止办理): the clock stops and the limit moves later by the time lost.
public sealed partial record CaseFile
{
    private (CaseFile, ImmutableSortedDictionary<string, string>) Suspend(SuspendHandling command)
    {
        var reason = Text(command.Reason, "中止理由", "a reason for the suspension", command.Action);
        return (this with { SuspendedAt = command.At, SuspensionReason = reason }, Data(("reason", reason)));
    }

    private (CaseFile, ImmutableSortedDictionary<string, string>) Resume(ResumeHandling command)
    {
        var (since, running) = (SuspendedAt!.Value, Deadline!);
        var moved = running with { Deadline = Policy.Calculator.Resume(running.Deadline, since, command.At) };
        return (this with { SuspendedAt = null, SuspensionReason = null, Deadline = moved },
            Data([("suspendedAt", Format(since)), .. DeadlineData(moved)]));
    }
}
