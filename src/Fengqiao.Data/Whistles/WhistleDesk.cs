using Fengqiao.Core.Audit;
using Fengqiao.Core.Cases;
using Fengqiao.Core.Letters;
using Fengqiao.Core.Organisations;
using Fengqiao.Core.Whistles;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Letters;
using Fengqiao.Data.Notices;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Whistles;

/// <summary>A department to summon and its task, as a form or API client sends it.</summary>
public sealed record SummonRequest(Guid DepartmentId, string? Task);

/// <summary>What the blowing unit submits to blow the whistle (吹哨).</summary>
public sealed record BlowRequest(WhistleSource Source, WhistleLevel Level, string? Reason, IReadOnlyList<SummonRequest> Departments);

/// <summary>An escalation notice of a whistle: the level it announced and the unit it went to.</summary>
public sealed record WhistleNoticeView(WhistleLevel Level, Guid UnitId, string UnitName, string Subject, Instant CreatedAt);

/// <summary>Someone acted on the whistle first: reload and decide again.</summary>
/// <summary>What is shown beside a whistle (<see cref="WhistleDesk.ParticularsAsync"/>).</summary>
public sealed record WhistleParticulars(string CaseCode, string CaseTitle, IReadOnlyList<WhistleSummonsRecord> Summonses, IReadOnlyList<WhistleLogEntry> Events,
    IReadOnlyList<WhistleNoticeView> Notices);

/// <summary>
/// What an action on a whistle was given: the department it names (评价、移交、增派), a text (处置说明, result, reason,
/// summary, task) and, for 评价, the marks as entered (each null until chosen).
/// </summary>
public sealed record WhistleInput(Guid? Department, string? Text, RatingMarks? Marks);

public sealed class WhistleConflictException(int expected, int actual)
    : Exception($"吹哨已被他人更新（第 {actual} 版，您基于第 {expected} 版），请刷新后重试 (the whistle changed since you loaded it: version {actual}, you acted on {expected}; reload and retry)")
{
    public int Actual { get; } = actual;
}

/// <summary>
/// Blows whistles and applies their actions. The rules are Core's <see cref="Whistle"/>: the desk rebuilds it from
/// its log, applies the action, appends the event to the whistle's hash chain and projects the result onto the
/// rows lists and the timer read, in one save, so a refused or conflicting action leaves nothing behind.
/// </summary>
public sealed partial class WhistleDesk(FengqiaoDbContext db, WhistlePolicy policy, IClock clock)
{
    public WhistlePolicy Policy => policy;

    /// <summary>The same desk under other limits (the escalation timer's freshly read ones).</summary>
    public WhistleDesk With(WhistlePolicy other) => new(db, other, clock);

    /// <summary>Blows a whistle on a case in the caller's scope; null when the case is not visible.</summary>
    public async Task<(WhistleRecord Record, Whistle Whistle)?> BlowAsync(string trackingCode, BlowRequest request, Guid blowingUnit, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var @case = await db.Cases.FirstOrDefaultAsync(c => c.TrackingCode == trackingCode, cancellationToken);
        if (@case is null)
        {
            return null;
        }
        if (@case.State == CaseState.Closed)
        {
            throw new WhistleRuleException("案件已办结，不能吹哨 (the case is closed; a whistle cannot be blown on it)");
        }
        var ids = (request.Departments ?? []).Select(d => d.DepartmentId).ToList();
        if (ids.Distinct().Count() != ids.Count)
        {
            throw new WhistleRuleException("同一部门不能重复召集 (a department is listed twice)");
        }
        // Departments are any unit in the system: a whistle exists precisely to reach units outside the caller's scope.
        var units = await db.Units.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        if (ids.FirstOrDefault(id => !units.ContainsKey(id)) is var missing && missing != Guid.Empty)
        {
            throw new WhistleRuleException($"被召集的部门不存在：{missing} (no such department)");
        }
        if (ids.Contains(blowingUnit))
        {
            throw new WhistleRuleException("吹哨单位不能召集自己 (the blowing unit cannot summon itself)");
        }
        var now = clock.GetCurrentInstant();
        var transition = Whistle.Blow(new BlowWhistle(Guid.CreateVersion7(), @case.Id, blowingUnit, request.Source, request.Level, request.Reason ?? "",
            [.. (request.Departments ?? []).Select(d => new SummonDepartment(d.DepartmentId, units[d.DepartmentId].Name, d.Task ?? ""))], now, actor), policy);
        var whistle = transition.Whistle;
        var record = new WhistleRecord
        {
            Id = whistle.Id,
            CaseId = @case.Id,
            BlowingUnitId = blowingUnit,
            Source = whistle.Source,
            InitialLevel = whistle.InitialLevel,
            Reason = whistle.Reason,
            BlownAt = now,
            BlownBy = actor,
        };
        db.Whistles.Add(record);
        await ProjectAsync(record, whistle, now, cancellationToken);
        Append(record.Id, 0, EventChain.Genesis, transition.Event);
        await db.SaveChangesAsync(cancellationToken);
        return (record, whistle);
    }

    /// <summary>The whistle in the caller's scope, rebuilt from its log; null when it does not exist or is not visible.</summary>
    public async Task<(WhistleRecord Record, Whistle Whistle)?> LoadAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var record = await db.Whistles.FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
        return record is null ? null : (record, await RehydrateAsync(record.Id, cancellationToken));
    }

    /// <summary>For the timer, which acts as the system on whistles found past the scope filter.</summary>
    internal Task<Whistle> LoadPastScopeAsync(WhistleRecord record, CancellationToken cancellationToken) => RehydrateAsync(record.Id, cancellationToken);

    private async Task<Whistle> RehydrateAsync(Guid id, CancellationToken cancellationToken)
    {
        // The log is read past the scope filter: what the whistle is does not depend on who is looking.
        var events = await db.WhistleEvents.IgnoreQueryFilters().AsNoTracking().Where(e => e.WhistleId == id).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        var referrals = await db.WhistleReferrals.IgnoreQueryFilters().AsNoTracking().Where(r => r.WhistleId == id).ToListAsync(cancellationToken);
        var letterIds = referrals.SelectMany(r => SplitIds(r.LetterIds)).Distinct().ToList();
        var letters = await LetterDesk.ReferencesAsync(db, letterIds, cancellationToken);
        return WhistleReplay.Rehydrate(id, events.Select(e => WhistleReplay.FromLink(ToLink(e))), policy,
            pack => SplitIds(referrals.Single(r => r.Id == pack).LetterIds).Select(l => letters[l]));
    }

    /// <summary>
    /// Applies one action to the version of the whistle the caller saw. Throws <see cref="WhistleRuleException"/>
    /// when the rules refuse it and <see cref="WhistleConflictException"/> when someone acted first; null when the
    /// whistle is not in the caller's scope.
    /// </summary>
    public async Task<(WhistleRecord Record, Whistle Whistle)?> ApplyAsync(Guid id, int? expectedVersion, Func<Whistle, Instant, WhistleTransition> action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        var loaded = await LoadAsync(id, cancellationToken);
        if (loaded is not { } current)
        {
            return null;
        }
        return await ApplyLoadedAsync(current.Record, current.Whistle, expectedVersion, action, cancellationToken);
    }

    public async Task<(WhistleRecord Record, Whistle Whistle)> ApplyLoadedAsync(WhistleRecord record, Whistle whistle, int? expectedVersion, Func<Whistle, Instant, WhistleTransition> action, CancellationToken cancellationToken)
    {
        var applied = await ApplyCountingNoticesAsync(record, whistle, expectedVersion, action, cancellationToken);
        return (applied.Record, applied.Whistle);
    }

    /// <summary>The escalation timer's step: escalates a loaded whistle and answers how many units its notices tell.</summary>
    public async Task<int> EscalateAsync(WhistleRecord record, Whistle whistle, Instant now, CancellationToken cancellationToken) =>
        (await ApplyCountingNoticesAsync(record, whistle, whistle.Version, (w, at) => w.Escalate(now < at ? at : now, "system:escalation"), cancellationToken)).NoticesQueued;

    private async Task<(WhistleRecord Record, Whistle Whistle, int NoticesQueued)> ApplyCountingNoticesAsync(WhistleRecord record, Whistle whistle, int? expectedVersion,
        Func<Whistle, Instant, WhistleTransition> action, CancellationToken cancellationToken)
    {
        var noticesQueued = 0;
        if (expectedVersion is { } expected && expected != whistle.Version)
        {
            throw new WhistleConflictException(expected, whistle.Version);
        }
        var now = DatedAt(whistle);
        var transition = action(whistle, now);
        var next = transition.Whistle;
        if (transition.Event.Kind == WhistleEvent.Escalated)
        {
            // Every escalation, the timer's, a supervisor's or the demo's, tells the next level in the same save.
            transition.Event.Data.TryGetValue("reason", out var reason);
            noticesQueued = await AddEscalationNoticesAsync(WhistleEscalation.Of(whistle, transition.Event.At, reason), transition.Event.At, cancellationToken);
        }
        if (next.Referrals.Count > whistle.Referrals.Count)
        {
            var pack = next.Referrals[^1];
            db.WhistleReferrals.Add(new WhistleReferralRecord
            {
                Id = pack.Id,
                WhistleId = next.Id,
                CaseId = next.CaseId,
                DepartmentId = pack.DepartmentId,
                IssuedAt = pack.IssuedAt,
                IssuedBy = pack.IssuedBy,
                Supersedes = pack.Supersedes,
                LetterIds = string.Join(',', pack.Letters.Select(l => l.LetterId.ToString("D"))),
            });
        }
        await ProjectAsync(record, next, now, cancellationToken);
        var last = await db.WhistleEvents.IgnoreQueryFilters().Where(e => e.WhistleId == record.Id).OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstAsync(cancellationToken);
        Append(record.Id, last.Sequence, last.Hash, transition.Event);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another action took this sequence number (unique index) or changed the row (version token) first.
            db.ChangeTracker.Clear();
            var actual = await db.WhistleEvents.IgnoreQueryFilters().CountAsync(e => e.WhistleId == record.Id, cancellationToken);
            throw new WhistleConflictException(whistle.Version, actual);
        }
        return (record, next, noticesQueued);
    }

    /// <summary>
    /// Refuses to escalate a whistle whose case is closed (<see cref="Whistle.CaseClosed"/>): the matter is finished, and
    /// a higher level would only be woken for nothing. The timer asks this first; people go through <see cref="TakeAsync"/>.
    /// </summary>
    public async Task EnsureCaseOpenAsync(Guid caseId, CancellationToken cancellationToken = default)
    {
        if (await CaseClosedAsync(caseId, cancellationToken))
        {
            throw new WhistleRuleException(Whistle.CaseClosed);
        }
    }

    // Read past the case filter: a summoned department acts on the whistle without seeing its case.
    private Task<bool> CaseClosedAsync(Guid caseId, CancellationToken cancellationToken) =>
        db.Cases.IgnoreQueryFilters().AnyAsync(c => c.Id == caseId && c.State == CaseState.Closed, cancellationToken);

    /// <summary>The instant an action taken now is dated: never before the whistle's last action.</summary>
    public Instant DatedAt(Whistle whistle)
    {
        ArgumentNullException.ThrowIfNull(whistle);
        return Instant.Max(clock.GetCurrentInstant(), whistle.LastActionAt);
    }

    /// <summary>What <paramref name="actor"/> may do now to the whistle (Core's <see cref="Whistle.Offers"/>, knowing whether its case is closed).</summary>
    public async Task<IReadOnlySet<WhistleOffer>> OffersAsync(Whistle whistle, WhistleActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(whistle);
        return whistle.Offers(actor, DatedAt(whistle), await CaseClosedAsync(whistle.CaseId, cancellationToken));
    }

    /// <summary>
    /// Takes one action as <paramref name="actor"/> on the version of the whistle they saw, refusing exactly what
    /// <see cref="Whistle.Offers"/> does not offer them; then the action checks what was entered. Null when the whistle
    /// is not in the caller's scope.
    /// </summary>
    public async Task<(WhistleRecord Record, Whistle Whistle)?> TakeAsync(Guid id, int? expectedVersion, WhistleAction action, WhistleActor actor, WhistleInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        if (await LoadAsync(id, cancellationToken) is not { } current)
        {
            return null;
        }
        var whistle = current.Whistle;
        if (expectedVersion is { } expected && expected != whistle.Version)
        {
            throw new WhistleConflictException(expected, whistle.Version);
        }
        var caseClosed = action == WhistleAction.Escalate && await CaseClosedAsync(whistle.CaseId, cancellationToken);
        if (whistle.Refusal(action, input.Department, actor, DatedAt(whistle), caseClosed) is { } refused)
        {
            throw refused;
        }
        var unit = actor.Unit!.Value;
        var named = input.Department ?? Guid.Empty;
        var summoned = action == WhistleAction.Summon ? await DepartmentAsync(named, input.Text, cancellationToken) : null;
        var letters = action == WhistleAction.Refer ? await LettersForReferralAsync(whistle.CaseId, named, cancellationToken) : [];
        var role = actor.Roles.Contains(StaffRole.JointMeetingOffice) ? StaffRole.JointMeetingOffice : actor.Roles.FirstOrDefault();
        Func<Whistle, Instant, WhistleTransition> apply = action switch
        {
            // A department acts for itself: its unit is the department.
            WhistleAction.Acknowledge => (w, at) => w.Acknowledge(unit, at, actor.Name),
            WhistleAction.Act => (w, at) => w.StartActing(unit, at, actor.Name, input.Text),
            WhistleAction.Report => (w, at) => w.Report(unit, at, actor.Name, input.Text ?? ""),
            WhistleAction.Refuse => (w, at) => w.RefuseSummons(unit, at, actor.Name, input.Text ?? ""),
            WhistleAction.Rate => (w, at) => w.Rate(unit, named, RatingOf(input.Marks), at, actor.Name),
            WhistleAction.Close => (w, at) => w.Close(unit, at, actor.Name, input.Text ?? ""),
            WhistleAction.Escalate => (w, at) => w.Escalate(at, actor.Name, input.Text),
            WhistleAction.Summon => (w, at) => w.Summon(summoned!, at, actor.Name),
            _ => (w, at) => w.Refer(Guid.CreateVersion7(), named, role, at, actor.Name, input.Text ?? "", letters),
        };
        return await ApplyLoadedAsync(current.Record, whistle, expectedVersion, apply, cancellationToken);
    }

    // No mark is assumed: an unchosen one refuses the rating with Core's message, and nothing is saved.
    private static DepartmentRating RatingOf(RatingMarks? marks) =>
        DepartmentRating.FromMarks(marks?.Timeliness, marks?.Attitude, marks?.Result, marks?.Comment);

    /// <summary>
    /// What a whistle's page and API show beside the whistle: its case's code and title, the summons rows (due times and
    /// flags), the chained log and the escalation notices. Read past the case filter: a summoned department sees the
    /// whistle (and so these) without seeing the case.
    /// </summary>
    public async Task<WhistleParticulars> ParticularsAsync(WhistleRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var caseRow = await db.Cases.IgnoreQueryFilters().AsNoTracking().Where(c => c.Id == record.CaseId).Select(c => new { c.TrackingCode, c.Title }).FirstAsync(cancellationToken);
        var summonses = await db.WhistleSummonses.IgnoreQueryFilters().AsNoTracking().Where(s => s.WhistleId == record.Id).ToListAsync(cancellationToken);
        var events = await db.WhistleEvents.IgnoreQueryFilters().AsNoTracking().Where(e => e.WhistleId == record.Id).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        return new WhistleParticulars(caseRow.TrackingCode, caseRow.Title, summonses, events, await EscalationNoticesAsync(db, record.Id, cancellationToken));
    }

    /// <summary>The whistles in the viewer's scope (and those summoning <paramref name="summonedUnit"/>), newest first.</summary>
    public Task<IReadOnlyList<WhistleListItem>> ListAsync(WhistleState? state, WhistleLevel? level, Guid? summonedUnit, int take, CancellationToken cancellationToken = default) =>
        WhistleList.QueryAsync(db, state, level, summonedUnit, null, take, cancellationToken);

    /// <summary>The whistles blown on a case the viewer may see; null when the case is not in the viewer's scope.</summary>
    public async Task<IReadOnlyList<WhistleListItem>?> ForCaseAsync(string trackingCode, int take, CancellationToken cancellationToken = default)
    {
        var caseId = await db.Cases.Where(c => c.TrackingCode == trackingCode).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
        return caseId is null ? null : await WhistleList.QueryAsync(db, null, null, null, caseId, take, cancellationToken);
    }

    /// <summary>A department to summon, by id; refused when there is none.</summary>
    public async Task<SummonDepartment> DepartmentAsync(Guid department, string? task, CancellationToken cancellationToken = default)
    {
        var name = await db.Units.Where(u => u.Id == department).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken)
            ?? throw new WhistleRuleException("被召集的部门不存在 (no such department)");
        return new SummonDepartment(department, name, task ?? "");
    }

    /// <summary>
    /// The escalation notices sent for a whistle (the outbox rows the timer wrote, keyed whistle:{id}:{level}:{unit}),
    /// oldest first, with the unit each went to: what each level woke up.
    /// </summary>
    public static async Task<IReadOnlyList<WhistleNoticeView>> EscalationNoticesAsync(FengqiaoDbContext db, Guid whistleId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var prefix = $"whistle:{whistleId:N}:";
        // Read past the scope filters: whoever may see the whistle may see whom its escalations told.
        var rows = await db.Notices.IgnoreQueryFilters().AsNoTracking().Where(n => n.DedupKey.StartsWith(prefix) && n.UnitId != null)
            .Join(db.Units.IgnoreQueryFilters(), n => n.UnitId, u => (Guid?)u.Id, (n, u) => new { n.Id, n.DedupKey, UnitId = u.Id, u.Name, n.Subject, n.CreatedAt })
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .Select(r => (Row: r, Level: Enum.TryParse<WhistleLevel>(r.DedupKey.Split(':')[2], out var level) ? level : (WhistleLevel?)null))
            .Where(x => x.Level is not null)
            .Select(x => new WhistleNoticeView(x.Level!.Value, x.Row.UnitId, x.Row.Name, x.Row.Subject, x.Row.CreatedAt))];
    }

    /// <summary>The letters issued on the whistle's case to a department, for its evidence pack.</summary>
    public async Task<IReadOnlyList<LetterReference>> LettersForReferralAsync(Guid caseId, Guid department, CancellationToken cancellationToken = default)
    {
        var ids = await db.Letters.IgnoreQueryFilters()
            .Where(l => l.CaseId == caseId && l.RecipientUnitId == department && l.Number != null)
            .Select(l => l.Id).ToListAsync(cancellationToken);
        return ids.Count == 0 ? [] : [.. (await LetterDesk.ReferencesAsync(db, ids, cancellationToken)).Values];
    }

    private async Task ProjectAsync(WhistleRecord record, Whistle whistle, Instant now, CancellationToken cancellationToken)
    {
        record.Level = whistle.Level;
        record.State = whistle.State;
        record.ClosedAt = whistle.ClosedAt;
        record.EventCount = whistle.Version;
        record.NextDueAt = whistle.State == WhistleState.Open
            ? whistle.Summonses.Where(s => s.IsOpen).Select(s => whistle.DueOf(s.DepartmentId)).Min()
            : null;
        var flags = WhistleFlags.At(whistle, now);
        record.FlaggedCount = flags.Select(f => f.DepartmentId).Distinct().Count();
        var rows = db.Entry(record).State == EntityState.Added
            ? []
            : await db.WhistleSummonses.IgnoreQueryFilters().Where(s => s.WhistleId == record.Id).ToListAsync(cancellationToken);
        foreach (var s in whistle.Summonses)
        {
            var row = rows.FirstOrDefault(r => r.DepartmentId == s.DepartmentId);
            if (row is null)
            {
                row = new WhistleSummonsRecord { WhistleId = whistle.Id, CaseId = whistle.CaseId, DepartmentId = s.DepartmentId, DepartmentName = s.DepartmentName, Task = s.Task, SummonedAt = s.SummonedAt };
                db.WhistleSummonses.Add(row);
            }
            row.Status = s.Status;
            row.DueAt = s.IsOpen ? whistle.DueOf(s.DepartmentId) : null;
            row.ReportedAt = s.Status == SummonsStatus.Reported ? s.Steps[^1].At : null;
            row.Result = s.Result ?? s.RefusalReason;
            row.Flagged = flags.Any(f => f.DepartmentId == s.DepartmentId);
            if (s.Rating is { } rating && row.RatedAt is null)
            {
                row.Timeliness = rating.Timeliness.Value;
                row.Attitude = rating.Attitude.Value;
                row.ResultScore = rating.Result.Value;
                row.RatingComment = rating.Comment;
                row.RatedAt = now;
            }
        }
    }

    /// <summary>
    /// Queues the escalation's notices in the outbox (saved with the escalation, or not at all), one per unit told, keyed
    /// whistle:{id}:{level}:{unit} so a level never tells a unit twice.
    /// </summary>
    private async Task<int> AddEscalationNoticesAsync(EscalationNotice notice, Instant at, CancellationToken cancellationToken)
    {
        var caseRow = await db.Cases.IgnoreQueryFilters().AsNoTracking().Where(c => c.Id == notice.CaseId)
            .Select(c => new { c.TrackingCode, c.Title, c.DivisionCode }).FirstAsync(cancellationToken);
        var supervisor = await SupervisingUnitAsync(notice.To, caseRow.DivisionCode, cancellationToken);
        var late = notice.Overdue.IsEmpty ? "" : $"；超时：{string.Join("、", notice.Overdue.Select(o => $"{o.DepartmentName}{WhistleNames.Chinese(o.Step)}"))}";
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var queued = 0;
        foreach (var recipient in notice.Notify)
        {
            if ((recipient.UnitId ?? supervisor) is not { } unit)
            {
                continue;
            }
            var key = $"whistle:{notice.WhistleId:N}:{notice.To}:{unit:N}";
            if (!keys.Add(key) || await db.Notices.IgnoreQueryFilters().AnyAsync(n => n.DedupKey == key, cancellationToken))
            {
                continue;
            }
            db.Notices.Add(new Notice
            {
                DedupKey = key,
                Channel = NoticeChannel.InApp,
                UnitId = unit,
                CaseId = notice.CaseId,
                Kind = "whistle.escalated",
                Subject = $"案件 {caseRow.TrackingCode} 的吹哨已升级至{WhistleNames.Chinese(notice.To)} (the whistle on case {caseRow.TrackingCode} escalated to {notice.To})",
                Body = $"{caseRow.Title}；{recipient.Why}{late}",
                CreatedAt = at,
            });
            queued++;
        }
        return queued;
    }

    /// <summary>The unit whose staff supervise a whistle at a level, found from where the case is.</summary>
    private async Task<Guid?> SupervisingUnitAsync(WhistleLevel level, string caseDivision, CancellationToken cancellationToken)
    {
        var (kind, length) = WhistleEscalation.SupervisorOf(level) switch
        {
            StaffRole.GridMember => (UnitKind.VillageCommittee, 12),
            StaffRole.TownLeader => (UnitKind.Government, 9),
            StaffRole.JointMeetingOffice => (UnitKind.JointMeetingOffice, 6),
            _ => (UnitKind.Government, 6),
        };
        if (caseDivision.Length < length)
        {
            return null;
        }
        var division = caseDivision[..length];
        return await db.Units.IgnoreQueryFilters().Where(u => u.Kind == kind && u.DivisionCode == division).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken);
    }

    private void Append(Guid whistleId, int lastSequence, string lastHash, WhistleEvent @event)
    {
        var link = @event.ToLink(whistleId, lastSequence + 1);
        db.WhistleEvents.Add(new WhistleLogEntry
        {
            WhistleId = whistleId,
            Sequence = link.Sequence,
            Kind = link.Kind,
            Actor = link.Actor,
            At = Instant.FromUnixTimeMilliseconds(link.AtUnixMilliseconds),
            Data = link.Data,
            PreviousHash = lastHash,
            Hash = EventChain.Hash(lastHash, link),
        });
    }

    public static EventChain.Link ToLink(WhistleLogEntry e) => ((Audit.IChainedLogEntry)e).Link;

    private static IEnumerable<Guid> SplitIds(string ids) => ids.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse);
}
