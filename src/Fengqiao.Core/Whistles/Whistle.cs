using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using Fengqiao.Core.Letters;
using Fengqiao.Core.Organisations;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Core.Whistles;

/// <summary>A department to summon and what it must do.</summary>
public sealed record SummonDepartment(Guid DepartmentId, string Name, string Task);

/// <summary>Everything needed to blow a whistle on a case.</summary>
public sealed record BlowWhistle(
    Guid WhistleId,
    Guid CaseId,
    Guid BlowingUnit,
    WhistleSource Source,
    WhistleLevel Level,
    string Reason,
    IReadOnlyList<SummonDepartment> Departments,
    Instant At,
    string Actor);

/// <summary>
/// A whistle (吹哨) hung on a case, as an immutable value: every guarded method returns the next whistle with the
/// event to log, or throws <see cref="WhistleRuleException"/> and changes nothing. No clock is read.
/// </summary>
public sealed record Whistle
{
    private const int MaxText = TextLimits.Long;

    private Whistle(BlowWhistle request, WhistlePolicy policy, string reason)
    {
        Id = request.WhistleId;
        CaseId = request.CaseId;
        BlowingUnit = request.BlowingUnit;
        Source = request.Source;
        Level = request.Level;
        InitialLevel = request.Level;
        Reason = reason;
        BlownAt = request.At;
        LastActionAt = request.At;
        Policy = policy;
    }

    public Guid Id { get; }

    public Guid CaseId { get; }

    /// <summary>The unit that blew the whistle; only it rates the departments and closes the loop.</summary>
    public Guid BlowingUnit { get; }

    public WhistleSource Source { get; }

    public WhistleLevel InitialLevel { get; }

    public WhistleLevel Level { get; private init; }

    public string Reason { get; }

    public Instant BlownAt { get; }

    public WhistlePolicy Policy { get; }

    public WhistleState State { get; private init; } = WhistleState.Open;

    public ImmutableList<Summons> Summonses { get; private init; } = [];

    /// <summary>Every event so far, oldest first: the timeline an evidence pack is cut from.</summary>
    public ImmutableList<WhistleEvent> Events { get; private init; } = [];

    /// <summary>Referrals to the discipline commission (移交纪委监委), each frozen when issued.</summary>
    public ImmutableList<EvidencePack> Referrals { get; private init; } = [];

    public Instant LastActionAt { get; private init; }

    public int Version => Events.Count;

    public Instant? ClosedAt { get; private init; }

    public string? ClosingSummary { get; private init; }

    public bool IsAtTopLevel => Level == WhistleLevel.DistrictLeader;

    public static WhistleTransition Blow(BlowWhistle request, WhistlePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policy);
        if (!Enum.IsDefined(request.Source) || !Enum.IsDefined(request.Level))
        {
            throw new WhistleRuleException("哨源或吹哨级别无效 (unknown whistle source or level)");
        }
        if (request.CaseId == Guid.Empty || request.BlowingUnit == Guid.Empty || request.WhistleId == Guid.Empty)
        {
            throw new WhistleRuleException("吹哨须关联案件和吹哨单位 (a whistle needs an id, a case and a blowing unit)");
        }
        if (request.Departments is null || request.Departments.Count == 0)
        {
            throw new WhistleRuleException("至少召集一个部门 (summon at least one department)");
        }
        var actor = Text(request.Actor, "操作人", "actor", 200);
        var whistle = new Whistle(request, policy, Text(request.Reason, "吹哨事由", "a reason", MaxText));
        foreach (var department in request.Departments)
        {
            whistle = whistle.WithSummons(department, request.At);
        }
        // One event for the blowing and its first summonses, so the caller logs exactly what one action did; it
        // carries each department's name and task so the whistle can be rebuilt from its log.
        (string, string?)[] summonses =
        [
            .. whistle.Summonses.SelectMany(s => new (string, string?)[]
            {
                ($"summons.{s.DepartmentId:D}.name", s.DepartmentName),
                ($"summons.{s.DepartmentId:D}.task", s.Task),
            }),
        ];
        return Next(whistle, WhistleEvent.Blown, request.At, actor,
        [
            ("case", request.CaseId.ToString("D")),
            ("blowingUnit", request.BlowingUnit.ToString("D")),
            ("source", request.Source.ToString()),
            ("reason", whistle.Reason),
            ("departments", string.Join(',', whistle.Summonses.Select(s => s.DepartmentId.ToString("D")))),
            ("ackDueAt", Format(whistle.Summonses[0].StepFirstDue)),
            .. summonses,
        ]);
    }

    /// <summary>Calls another department to report, e.g. one the higher level brings in after escalation.</summary>
    public WhistleTransition Summon(SummonDepartment department, Instant at, string actor)
    {
        ArgumentNullException.ThrowIfNull(department);
        var who = Begin(WhistleAction.Summon, null, null, false, at, actor);
        var next = WithSummons(department, at);
        var summons = next.Summonses[^1];
        return Next(next, WhistleEvent.Summoned, at, who,
            ("department", department.DepartmentId.ToString("D")), ("name", summons.DepartmentName), ("task", summons.Task),
            ("dueAt", Format(summons.StepFirstDue)));
    }

    private Whistle WithSummons(SummonDepartment department, Instant at)
    {
        ArgumentNullException.ThrowIfNull(department);
        if (department.DepartmentId == Guid.Empty)
        {
            throw new WhistleRuleException("部门不能为空 (department is required)");
        }
        if (Summonses.Exists(s => s.DepartmentId == department.DepartmentId))
        {
            throw new WhistleRuleException($"部门『{department.Name}』已被召集 (department already summoned)");
        }
        var summons = new Summons(department.DepartmentId, Text(department.Name, "部门名称", "department name", 200),
            Text(department.Task, "任务", "a task", MaxText), at, Policy.Due(Level, WhistleStep.Acknowledge, at));
        return this with { Summonses = Summonses.Add(summons) };
    }

    /// <summary>The department reports for duty (报到).</summary>
    public WhistleTransition Acknowledge(Guid department, Instant at, string actor) =>
        Advance(department, WhistleStep.Acknowledge, SummonsStatus.Acknowledged, WhistleEvent.Acknowledged, at, actor, note: null);

    /// <summary>The department is on site and acting (到场处置).</summary>
    public WhistleTransition StartActing(Guid department, Instant at, string actor, string? note = null) =>
        Advance(department, WhistleStep.Act, SummonsStatus.Acting, WhistleEvent.Acting, at, actor, note);

    /// <summary>The department reports its result (反馈结果).</summary>
    public WhistleTransition Report(Guid department, Instant at, string actor, string result) =>
        Advance(department, WhistleStep.Report, SummonsStatus.Reported, WhistleEvent.Reported, at, actor,
            Text(result, "处置结果", "a result", MaxText));

    /// <summary>The department declines to report. It is recorded, flagged and may be referred.</summary>
    public WhistleTransition RefuseSummons(Guid department, Instant at, string actor, string reason)
    {
        var who = Begin(WhistleAction.Refuse, department, department, false, at, actor);
        var summons = Find(department);
        var why = Text(reason, "拒绝理由", "a reason", MaxText);
        var updated = summons with { Status = SummonsStatus.Refused, RefusalReason = why };
        return Next(Replace(updated), WhistleEvent.Refused, at, who, ("department", department.ToString("D")), ("reason", why));
    }

    /// <summary>
    /// Raises the whistle one level. Allowed when a step is overdue (what <see cref="WhistleEscalation.Due"/>
    /// reports) or, with a reason, by the supervising level's decision. Open steps restart their clocks under the
    /// new level's limits; the lateness already incurred still counts for flags.
    /// </summary>
    public WhistleTransition Escalate(Instant at, string actor, string? reason = null)
    {
        var who = Begin(WhistleAction.Escalate, null, null, false, at, actor);
        var overdue = OverdueAt(at);
        var why = reason?.Trim();
        if (overdue.IsEmpty && string.IsNullOrEmpty(why))
        {
            throw new WhistleRuleException("没有超时的环节，手动升级须说明理由 (no step is overdue; a manual escalation needs a reason)");
        }
        var to = Level + 1;
        var restarted = Summonses.ConvertAll(s => s.IsOpen ? s with { StepClockStart = at } : s);
        var next = this with { Level = to, Summonses = restarted };
        return Next(next, WhistleEvent.Escalated, at, who,
            ("from", Level.ToString()), ("to", to.ToString()),
            ("overdue", string.Join(',', overdue.Select(o => o.DepartmentId.ToString("D")))),
            ("reason", string.IsNullOrEmpty(why) ? null : why));
    }

    /// <summary>The whistle-blower rates a department that has reported (一哨一考核), once.</summary>
    public WhistleTransition Rate(Guid raterUnit, Guid department, DepartmentRating rating, Instant at, string actor)
    {
        ArgumentNullException.ThrowIfNull(rating);
        var who = Begin(WhistleAction.Rate, department, raterUnit, false, at, actor);
        var summons = Find(department);
        var comment = rating.Comment?.Trim();
        if (comment is { Length: > MaxText })
        {
            throw new WhistleRuleException($"评价意见超过 {MaxText} 字 (the comment is too long)");
        }
        var kept = rating with { Comment = string.IsNullOrEmpty(comment) ? null : comment };
        return Next(Replace(summons with { Rating = kept }), WhistleEvent.Rated, at, who,
            ("department", department.ToString("D")),
            ("timeliness", kept.Timeliness.ToString()), ("attitude", kept.Attitude.ToString()), ("result", kept.Result.ToString()),
            ("comment", kept.Comment));
    }

    /// <summary>The blowing unit closes the loop (闭环) once every department has reported or refused.</summary>
    public WhistleTransition Close(Guid unit, Instant at, string actor, string summary)
    {
        var who = Begin(WhistleAction.Close, null, unit, false, at, actor);
        var text = Text(summary, "闭环说明", "a closing summary", MaxText);
        return Next(this with { State = WhistleState.Closed, ClosedAt = at, ClosingSummary = text }, WhistleEvent.Closed, at, who, ("summary", text));
    }

    /// <summary>
    /// A joint-meeting officer refers a flagged department to the discipline commission (移交纪委监委). The
    /// evidence pack is built from the whistle's own record and frozen. A department is referred once per whistle;
    /// to correct a referral, issue a new one that names the pack it supersedes (the old pack stays on record).
    /// </summary>
    public WhistleTransition Refer(Guid packId, Guid department, StaffRole role, Instant at, string actor, string reason, IEnumerable<LetterReference> letters, Guid? supersedes = null)
    {
        ArgumentNullException.ThrowIfNull(letters);
        if (ReferRefusal(department, role == StaffRole.JointMeetingOffice, at, supersedes) is { } refusal)
        {
            throw new WhistleRuleException(refusal);
        }
        var who = Begin(at, actor);
        if (packId == Guid.Empty)
        {
            throw new WhistleRuleException("证据包编号不能为空 (an evidence pack id is required)");
        }
        if (Referrals.Exists(r => r.Id == packId))
        {
            throw new WhistleRuleException("证据包编号重复 (the evidence pack id is already used)");
        }
        var summons = Find(department);
        var flags = WhistleFlags.At(this, at).Where(f => f.DepartmentId == department).ToImmutableArray();
        var why = Text(reason, "移交理由", "a reason", MaxText);
        var timeline = Events
            .Where(e => e.Department is null || e.Department == department)
            .Select(e => new EvidenceEntry(e.At, e.Kind, e.Level, e.Actor, e.Data))
            .ToImmutableArray();
        var pack = new EvidencePack(packId, Id, CaseId, department, summons.DepartmentName, flags, timeline, summons.Rating,
            [.. letters.OrderBy(l => l.IssuedAt)], why, at, who, supersedes);
        return Next(this with { Referrals = Referrals.Add(pack) }, WhistleEvent.Referred, at, who,
            ("department", department.ToString("D")), ("pack", packId.ToString("D")), ("reason", why), ("supersedes", supersedes?.ToString("D")),
            ("flags", string.Join(',', flags.Select(f => f.Reason.ToString()))));
    }

    /// <summary>When the step the department now owes becomes late at the current level, or null once it is done.</summary>
    public Instant? DueOf(Guid department)
    {
        var summons = Find(department);
        return summons.NextStep is { } step ? Policy.Due(Level, step, summons.StepClockStart) : null;
    }

    /// <summary>The open steps that are late at <paramref name="now"/> at the current level.</summary>
    public ImmutableArray<OverdueStep> OverdueAt(Instant now) =>
        State == WhistleState.Closed
            ? []
            : [.. Summonses
                .Where(s => s.NextStep is not null)
                .Select(s => new OverdueStep(s.DepartmentId, s.DepartmentName, s.NextStep!.Value, Policy.Due(Level, s.NextStep.Value, s.StepClockStart)))
                .Where(o => o.Due <= now)];

    public Summons Find(Guid department) =>
        Summonses.Find(s => s.DepartmentId == department)
        ?? throw new WhistleRuleException("该部门未被本次吹哨召集 (the department was not summoned by this whistle)");

    private WhistleTransition Advance(Guid department, WhistleStep step, SummonsStatus status, string kind, Instant at, string actor, string? note)
    {
        var who = Begin(ActionOf(step), department, department, false, at, actor);
        var summons = Find(department);
        var record = new StepRecord(step, at, summons.StepFirstDue, who, note?.Trim() is { Length: > 0 } n ? n : null);
        var following = step + 1;
        var updated = summons with
        {
            Status = status,
            Steps = summons.Steps.Add(record),
            StepClockStart = at,
            StepFirstDue = status == SummonsStatus.Reported ? summons.StepFirstDue : Policy.Due(Level, following, at),
            Result = status == SummonsStatus.Reported ? note : summons.Result,
        };
        return Next(Replace(updated), kind, at, who,
            ("department", department.ToString("D")), ("note", record.Note),
            ("late", record.Lateness > Duration.Zero ? DurationPattern.Roundtrip.Format(record.Lateness) : null));
    }

    /// <summary>Replaces the last logged event with the stored one it was replayed from.</summary>
    internal Whistle WithStoredEvent(WhistleEvent stored) => this with { Events = Events.SetItem(Events.Count - 1, stored) };

    private Whistle Replace(Summons updated) =>
        this with { Summonses = Summonses.ConvertAll(s => s.DepartmentId == updated.DepartmentId ? updated : s) };

    private string Begin(Instant at, string actor)
    {
        if (at < LastActionAt)
        {
            throw new WhistleRuleException("操作时间早于上一次操作 (the action is dated before the whistle's previous action)");
        }
        return Text(actor, "操作人", "actor", 200);
    }

    /// <summary>The actions <paramref name="actor"/> may take on the whistle at <paramref name="at"/> (given the text or marks an action asks for).</summary>
    /// <param name="caseClosed">Whether the whistle's case is closed (办结): its whistle is then no longer escalated.</param>
    public IReadOnlySet<WhistleOffer> Offers(WhistleActor actor, Instant at, bool caseClosed)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var candidates = Enum.GetValues<WhistleAction>().SelectMany(action =>
            WhistleActor.OnOwnSummons(action) ? [new WhistleOffer(action, actor.Unit)]
            : WhistleActor.NamesDepartment(action) ? Summonses.Select(s => new WhistleOffer(action, s.DepartmentId))
            : [new WhistleOffer(action, null)]);
        return candidates.Where(o => Refusal(o.Action, o.Department, actor, at, caseClosed) is null).ToFrozenSet();
    }

    /// <summary>
    /// Why <paramref name="actor"/> may not take <paramref name="action"/> (on <paramref name="department"/>'s summons where
    /// the action names one; their own unit's for 报到、处置、反馈、拒绝) at <paramref name="at"/>, or null when they may:
    /// an account without a unit acts on no whistle, the whistle of a closed case is not escalated, then the whistle's
    /// own rules, the same ones each action applies.
    /// </summary>
    public WhistleRuleException? Refusal(WhistleAction action, Guid? department, WhistleActor actor, Instant at, bool caseClosed)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var message = actor.Unit is not { } unit ? NoUnit
            : action == WhistleAction.Escalate && caseClosed ? CaseClosed
            : OwnRefusal(action, WhistleActor.OnOwnSummons(action) ? unit : department, unit, actor.Roles.Contains(StaffRole.JointMeetingOffice), at);
        return message is null ? null : new WhistleRuleException(message);
    }

    /// <summary>Why an account without a unit may not act on a whistle.</summary>
    public const string NoUnit = "您的账号不属于任何单位 (your account has no unit)";

    /// <summary>Why the whistle of a closed case is not escalated: the matter is finished, a higher level would be woken for nothing.</summary>
    public const string CaseClosed = "案件已办结，吹哨不能再升级 (the case is closed; its whistle cannot be escalated)";

    // The whistle's own rules for each action: its state, its level, the summons the action is taken on, who acts
    // (their unit; whether they are the joint-meeting office) and its last action. What was entered (a reason, a
    // result, marks) is checked by the action itself.
    private string? OwnRefusal(WhistleAction action, Guid? department, Guid? unit, bool jointOffice, Instant at) => action switch
    {
        WhistleAction.Acknowledge or WhistleAction.Act or WhistleAction.Report =>
            OpenRefusal() ?? TimeRefusal(at) ?? SummonsRefusal(department, out var summons) ?? StepRefusal(summons!, StepOf(action)),
        WhistleAction.Refuse => OpenRefusal() ?? TimeRefusal(at) ?? SummonsRefusal(department, out var summons)
            ?? (summons!.IsOpen ? null : $"部门『{summons.DepartmentName}』已{(summons.Status == SummonsStatus.Refused ? "拒绝" : "反馈")}，不能再拒绝 (the department has already finished)"),
        WhistleAction.Rate => TimeRefusal(at)
            ?? (unit != BlowingUnit ? "只有吹哨单位可以评价 (only the unit that blew the whistle may rate)" : null)
            ?? SummonsRefusal(department, out var summons)
            ?? (summons!.Status != SummonsStatus.Reported ? $"部门『{summons.DepartmentName}』尚未反馈结果，不能评价 (only a department that has reported can be rated)"
                : summons.Rating is not null ? $"部门『{summons.DepartmentName}』已评价 (the department has already been rated)"
                : null),
        WhistleAction.Close => OpenRefusal() ?? TimeRefusal(at)
            ?? (unit != BlowingUnit ? "只有吹哨单位可以闭环 (only the unit that blew the whistle may close it)" : null)
            ?? (Summonses.Where(s => s.IsOpen).Select(s => s.DepartmentName).ToList() is { Count: > 0 } open
                ? $"尚有部门未反馈：{string.Join("、", open)} (departments still owe a result)" : null),
        WhistleAction.Escalate => (State == WhistleState.Closed ? "吹哨已闭环，不能升级 (cannot escalate a closed whistle)" : null)
            ?? TimeRefusal(at)
            ?? (IsAtTopLevel ? "已是区领导吹哨，无法再升级 (the whistle is already at the district leader, the top level)" : null),
        WhistleAction.Summon => OpenRefusal() ?? TimeRefusal(at),
        WhistleAction.Refer => department is { } referred ? ReferRefusal(referred, jointOffice, at, supersedes: null) : SummonsRefusal(null, out _),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "未知的吹哨操作 (unknown whistle action)"),
    };

    // A department is referred once per whistle; a correction names the pack it supersedes (the old pack stays on record).
    private string? ReferRefusal(Guid department, bool jointOffice, Instant at, Guid? supersedes)
    {
        if (TimeRefusal(at) is { } late)
        {
            return late;
        }
        if (!jointOffice)
        {
            return "只有信访联席办可以移交纪委监委 (only the joint-meeting office may refer to the discipline commission)";
        }
        if (SummonsRefusal(department, out var summons) is { } notSummoned)
        {
            return notSummoned;
        }
        var current = Referrals.FindLast(r => r.DepartmentId == department);
        return current is not null && supersedes != current.Id
                ? $"部门『{summons!.DepartmentName}』已移交，不能重复移交；更正须注明所替代的材料 (the department has already been referred; a correction must name the pack it supersedes)"
            : current is null && supersedes is not null ? "没有可替代的移交材料 (there is no referral to supersede)"
            : !WhistleFlags.At(this, at).Any(f => f.DepartmentId == department)
                ? $"部门『{summons!.DepartmentName}』没有拒不报到或严重超时的记录 (the department is not flagged)"
            : null;
    }

    private string? OpenRefusal() => State == WhistleState.Closed ? "吹哨已闭环 (the whistle is closed)" : null;

    private string? TimeRefusal(Instant at) =>
        at < LastActionAt ? "操作时间早于上一次操作 (the action is dated before the whistle's previous action)" : null;

    private string? SummonsRefusal(Guid? department, out Summons? summons)
    {
        summons = department is { } d ? Summonses.Find(s => s.DepartmentId == d) : null;
        return summons is null ? "该部门未被本次吹哨召集 (the department was not summoned by this whistle)" : null;
    }

    private static WhistleStep StepOf(WhistleAction action) => action switch
    {
        WhistleAction.Acknowledge => WhistleStep.Acknowledge,
        WhistleAction.Act => WhistleStep.Act,
        _ => WhistleStep.Report,
    };

    private static WhistleAction ActionOf(WhistleStep step) => step switch
    {
        WhistleStep.Acknowledge => WhistleAction.Acknowledge,
        WhistleStep.Act => WhistleAction.Act,
        _ => WhistleAction.Report,
    };

    private static string? StepRefusal(Summons summons, WhistleStep step)
    {
        if (summons.NextStep == step)
        {
            return null;
        }
        var expected = summons.NextStep is { } owed ? $"应先{WhistleNames.Chinese(owed)}" : "已完成";
        return $"部门『{summons.DepartmentName}』{expected}，不能{WhistleNames.Chinese(step)} (the department cannot {step} now; it owes {summons.NextStep?.ToString() ?? "nothing"})";
    }

    private string Begin(WhistleAction action, Guid? department, Guid? unit, bool jointOffice, Instant at, string actor)
    {
        if (OwnRefusal(action, department, unit, jointOffice, at) is { } refusal)
        {
            throw new WhistleRuleException(refusal);
        }
        return Text(actor, "操作人", "actor", 200);
    }

    private static WhistleTransition Next(Whistle next, string kind, Instant at, string actor, params (string Key, string? Value)[] data)
    {
        var @event = new WhistleEvent(kind, next.Level, at, actor, Data(data));
        return new WhistleTransition(next with { Events = next.Events.Add(@event), LastActionAt = at }, @event);
    }

    private static ImmutableSortedDictionary<string, string> Data(params (string Key, string? Value)[] items)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in items)
        {
            if (value is not null)
            {
                builder[key] = value;
            }
        }
        return builder.ToImmutable();
    }

    private static string Text(string? value, string chinese, string english, int max)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new WhistleRuleException($"{chinese}不能为空 ({english} is required)");
        }
        return trimmed.Length <= max
            ? trimmed
            : throw new WhistleRuleException(string.Create(CultureInfo.InvariantCulture, $"{chinese}超过 {max} 字 ({english} is longer than {max} characters)"));
    }

    private static string Format(Instant instant) => InstantPattern.ExtendedIso.Format(instant);
}

/// <summary>A step that is late at the whistle's current level.</summary>
public sealed record OverdueStep(Guid DepartmentId, string DepartmentName, WhistleStep Step, Instant Due);
