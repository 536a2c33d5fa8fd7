using System.Collections.Immutable;
using System.Globalization;
using Fengqiao.Core.Cases.Deadlines;
using NodaTime;

namespace Fengqiao.Core.Cases;

// Registration and the first decisions: accept, refuse, transfer, assign (登记、受理、不予受理、转送、交办).
public sealed partial record CaseFile
{
    /// <summary>Registers a case (登记) and starts its intake time limit.</summary>
    public static CaseTransition Register(RegisterCase command, CasePolicy policy)
    {
        var file = New(command, policy);
        var deadline = policy.Profile.IntakeStage is { } intake ? policy.Start(intake, command.At) : file.HandlingDeadline(command.At);
        file = file with { Deadline = deadline, Version = 1 };
        return new CaseTransition(file, new CaseEvent(CaseEventKinds.Registered, CaseState.Registered, CaseState.Registered,
            CaseStage.Original, command.At, command.Actor.Trim(), RegistrationData(file, DeadlineData(deadline))));
    }

    /// <summary>Registers a case that was resolved on the spot (现场办结): it is closed at once and has no deadline.</summary>
    public static CaseTransition RegisterResolvedOnTheSpot(RegisterCase command, CasePolicy policy, string resolution)
    {
        var file = New(command, policy);
        if (string.IsNullOrWhiteSpace(resolution) || resolution.Trim().Length > MaxTextLength)
        {
            throw new ArgumentException("请填写现场办结情况（不超过 20000 字） (describe the on-the-spot resolution, at most 20000 characters)", nameof(resolution));
        }
        var text = resolution.Trim();
        file = file with { State = CaseState.Closed, ResolvedOnTheSpot = true, Resolution = text, Version = 1 };
        return new CaseTransition(file, new CaseEvent(CaseEventKinds.ResolvedOnTheSpot, CaseState.Registered, CaseState.Closed,
            CaseStage.Original, command.At, command.Actor.Trim(), RegistrationData(file, [("resolution", text)])));
    }

    private static CaseFile New(RegisterCase command, CasePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(policy);
        if (command.CaseId == Guid.Empty)
        {
            throw new ArgumentException("案件编号不能为空 (case id is required)", nameof(command));
        }
        if (!Enum.IsDefined(command.Kind) || !Enum.IsDefined(command.Channel))
        {
            throw new ArgumentException("案件类型或来源渠道无效 (unknown case kind or channel)", nameof(command));
        }
        if (string.IsNullOrWhiteSpace(command.Actor))
        {
            throw new ArgumentException("登记人不能为空 (the registering actor is required)", nameof(command));
        }
        var category = string.IsNullOrWhiteSpace(command.CategoryCode) ? null : command.CategoryCode.Trim();
        if (category is { Length: > 64 })
        {
            throw new ArgumentException("分类代码过长 (category code is longer than 64 characters)", nameof(command));
        }
        return new CaseFile(command.CaseId, command.Kind, command.Channel, category, command.Urgent, policy, command.At);
    }

    private static ImmutableSortedDictionary<string, string> RegistrationData(CaseFile file, (string, string?)[] extra) =>
        Data([
            ("kind", file.Kind.ToString()),
            ("channel", file.Channel.ToString()),
            ("category", file.CategoryCode),
            ("urgent", file.Urgent ? "true" : "false"),
            ("profile", file.Policy.Profile.Code),
            .. extra,
        ]);

    /// <summary>The handling limit, counted from registration or from this action as the profile says.</summary>
    private StageDeadline HandlingDeadline(Instant at)
    {
        var rule = Policy.Profile.HandlingRule(Urgent);
        if (Deadline is { } running && running.Stage == rule.Stage)
        {
            return running;
        }
        return Policy.Start(rule.Stage, Policy.Profile.HandlingCountsFromRegistration ? RegisteredAt : at);
    }

    private (CaseFile, ImmutableSortedDictionary<string, string>) Accept(AcceptCase command)
    {
        var deadline = HandlingDeadline(command.At);
        return (this with { Deadline = deadline }, Data(DeadlineData(deadline)));
    }

    private (CaseFile, ImmutableSortedDictionary<string, string>) NotAccept(NotAcceptCase command)
    {
        var reason = Text(command.Reason, "不予受理理由", "a reason for not accepting", command.Action);
        return (this with { NotAcceptedReason = reason, Deadline = null }, Data(("reason", reason)));
    }

    private (CaseFile, ImmutableSortedDictionary<string, string>) Transfer(TransferCase command)
    {
        if (command.ToUnit == Guid.Empty)
        {
            throw Refuse(command.Action, "请选择有权处理的单位 (choose the unit with jurisdiction)");
        }
        // The receiving unit handles the case as its own from the transfer on.
        var deadline = HandlingDeadline(command.At);
        var note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim();
        return (this with { TransferredTo = command.ToUnit, Deadline = deadline },
            Data([("toUnit", command.ToUnit.ToString("D")), ("note", note), .. DeadlineData(deadline)]));
    }

    private (CaseFile, ImmutableSortedDictionary<string, string>) Assign(AssignCase command)
    {
        if (command.HandlingUnit == Guid.Empty)
        {
            throw Refuse(command.Action, "请选择承办单位 (choose the handling unit)");
        }
        var coHandlers = command.CoHandlers ?? [];
        if (coHandlers.Any(u => u == Guid.Empty || u == command.HandlingUnit) || coHandlers.Distinct().Count() != coHandlers.Count)
        {
            throw Refuse(command.Action, "协办单位不能为空、重复或与承办单位相同 (co-handlers must be distinct units other than the handling unit)");
        }
        return (this with { HandlingUnit = command.HandlingUnit, CoHandlers = [.. coHandlers] },
            Data(
                ("handlingUnit", command.HandlingUnit.ToString("D")),
                ("coHandlers", coHandlers.Count == 0 ? null : string.Join(",", coHandlers.Select(u => u.ToString("D", CultureInfo.InvariantCulture))))));
    }
}
