using System.Collections.Immutable;
using System.Globalization;

namespace Fengqiao.Core.Cases;

// Extension of the handling period (延期): requested with a reason, approved by the unit's leader, once per case.
public sealed partial record CaseFile
{
    private (CaseFile, ImmutableSortedDictionary<string, string>) RequestExtensionOf(RequestExtension command)
    {
        var action = command.Action;
        if (Stage != CaseStage.Original)
        {
            throw Refuse(action, "复查、复核期间不能延期 (no extension during review or re-review)");
        }
        var max = Policy.Profile.MaxExtensionDays;
        if (max == 0)
        {
            throw Refuse(action, $"时限规则『{Policy.Profile.Name}』不允许延期 (profile {Policy.Profile.Code} allows no extension)");
        }
        if (Extension is not null)
        {
            throw Refuse(action, "每件只能申请一次延期 (a case may ask for an extension only once)");
        }
        if (command.Days < 1 || command.Days > max)
        {
            throw Refuse(action, string.Create(CultureInfo.InvariantCulture, $"延期天数应在 1–{max} 日之间 (an extension must be 1 to {max} days)"));
        }
        if (Deadline is not { } running)
        {
            throw Refuse(action, "当前没有可延长的期限 (no time limit is running)");
        }
        if (command.At >= running.Deadline.Due)
        {
            throw Refuse(action, "办理期限已过，不能再申请延期 (the time limit has already passed)");
        }
        var reason = Text(command.Reason, "延期理由", "a reason for the extension", action);
        var request = new ExtensionRequest(command.Days, reason, command.Actor.Trim(), command.At);
        return (this with { Extension = request },
            Data(("days", command.Days.ToString(CultureInfo.InvariantCulture)), ("reason", reason)));
    }

    private (CaseFile, ImmutableSortedDictionary<string, string>) Approve(ApproveExtension command)
    {
        var request = PendingExtension(command, command.ApproverUnit);
        var running = Deadline ?? throw Refuse(command.Action, "当前没有可延长的期限 (no time limit is running)");
        var extended = running with { Deadline = Policy.Calculator.Extend(running.Deadline, request.Days) };
        return (this with { Extension = request.Approve(command.Actor.Trim(), command.At), Deadline = extended },
            Data([("days", request.Days.ToString(CultureInfo.InvariantCulture)), ("approverUnit", command.ApproverUnit.ToString("D")), .. DeadlineData(extended)]));
    }

    private (CaseFile, ImmutableSortedDictionary<string, string>) Reject(RejectExtension command)
    {
        var request = PendingExtension(command, command.ApproverUnit);
        var reason = Text(command.Reason, "驳回理由", "a reason for the rejection", command.Action);
        return (this with { Extension = request.Reject(command.Actor.Trim(), command.At, reason) },
            Data(("reason", reason), ("approverUnit", command.ApproverUnit.ToString("D"))));
    }

    private ExtensionRequest PendingExtension(CaseCommand command, Guid approverUnit)
    {
        if (Extension is not { Decision: ExtensionDecision.Pending } request)
        {
            throw Refuse(command.Action, "没有待审批的延期申请 (there is no pending extension request)");
        }
        if (approverUnit != HandlingUnit)
        {
            throw Refuse(command.Action, "只有承办单位负责人可以审批延期 (only the handling unit's leader may decide an extension)");
        }
        if (string.Equals(command.Actor.Trim(), request.RequestedBy, StringComparison.Ordinal))
        {
            throw Refuse(command.Action, "不能审批自己的延期申请 (nobody may decide their own extension request)");
        }
        return request;
    }
}
