using System.Collections.Immutable;
using System.Globalization;

namespace Fengqiao.Core.Cases;

// Extension of the handling period (延期): requested with a reason, approved by the unit's leader, once per case.
public sealed partial record CaseFile
{
    // Whether the case allows an extension now is CaseFile.Offers' rule; here only what was entered is checked.
    private (CaseFile, ImmutableSortedDictionary<string, string>) RequestExtensionOf(RequestExtension command)
    {
        var action = command.Action;
        var max = Policy.Profile.MaxExtensionDays;
        if (command.Days < 1 || command.Days > max)
        {
            throw Refuse(action, string.Create(CultureInfo.InvariantCulture, $"延期天数应在 1–{max} 日之间 (an extension must be 1 to {max} days)"));
        }
        var reason = Text(command.Reason, "延期理由", "a reason for the extension", action);
        var request = new ExtensionRequest(command.Days, reason, command.Actor.Trim(), command.At);
        return (this with { Extension = request },
            Data(("days", command.Days.ToString(CultureInfo.InvariantCulture)), ("reason", reason)));
    }

    private (CaseFile, ImmutableSortedDictionary<string, string>) Approve(ApproveExtension command)
    {
        var request = Extension!;
        var running = Deadline!;
        var extended = running with { Deadline = Policy.Calculator.Extend(running.Deadline, request.Days) };
        return (this with { Extension = request.Approve(command.Actor.Trim(), command.At), Deadline = extended },
            Data([("days", request.Days.ToString(CultureInfo.InvariantCulture)), ("approverUnit", command.ApproverUnit.ToString("D")), .. DeadlineData(extended)]));
    }

    private (CaseFile, ImmutableSortedDictionary<string, string>) Reject(RejectExtension command)
    {
        var reason = Text(command.Reason, "驳回理由", "a reason for the rejection", command.Action);
        return (this with { Extension = Extension!.Reject(command.Actor.Trim(), command.At, reason) },
            Data(("reason", reason), ("approverUnit", command.ApproverUnit.ToString("D"))));
    }
}
