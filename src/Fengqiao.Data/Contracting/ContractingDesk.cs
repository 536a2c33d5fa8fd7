using Fengqiao.Core.Assessment;
using Fengqiao.Core.Cases;
using Fengqiao.Core.Contracting;
using Fengqiao.Core.Organisations;
using Fengqiao.Data.Cases;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Contracting;

/// <summary>A leader named for a contract: the account and the place it takes.</summary>
public sealed record LeaderChoice(string StaffId, LeaderRole Role);

/// <summary>A contract as lists and the case page show it.</summary>
public sealed record ContractView(CaseContractRecord Contract, IReadOnlyList<CaseContractLeaderRecord> Leaders, string CaseCode, string CaseTitle, CaseState CaseState);

/// <summary>Per unit and month: follow-up visits, satisfied residents, look-back reviews decided and cases reopened.</summary>
public sealed record UnitAftercareCounts(Guid UnitId, string UnitName, int Visits, int Satisfied, int Unsatisfied, int Reviews, int Reopened);

/// <summary>
/// Leader contracting (包案), follow-up visits (回访) and look-back reviews (回头看). The rules are Core's; the desk
/// loads the case in the caller's scope, applies the rule, stores the row and appends the action to the case's
/// hash-chained log in one save, so a refused action leaves nothing behind. A case outside the caller's scope is
/// answered as not found (null).
/// </summary>
public sealed class ContractingDesk(FengqiaoDbContext db, IClock clock)
{
    /// <summary>包案 / 双包案: one active contract per case.</summary>
    public async Task<ContractView?> AssignAsync(string trackingCode, ContractKind kind, IReadOnlyList<LeaderChoice> choices, string actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var @case = await db.Cases.FirstOrDefaultAsync(c => c.TrackingCode == trackingCode, ct);
        if (@case is null)
        {
            return null;
        }
        if (await db.CaseContracts.AnyAsync(c => c.CaseId == @case.Id && c.State == ContractState.Active, ct))
        {
            throw new ContractingRuleException("本案已有领导包案，请交接而非重复包案 (the case is already contracted; hand it over instead)");
        }
        var leaders = await ResolveLeadersAsync(choices, ct);
        var now = clock.GetCurrentInstant();
        var (contract, e) = CaseContract.Assign(Guid.CreateVersion7(), @case.Id, kind, [.. leaders.Select(l => l.Leader)], now, actor);
        var record = new CaseContractRecord
        {
            Id = contract.Id, CaseId = @case.Id, Kind = contract.Kind, State = contract.State,
            AssignedAt = contract.AssignedAt, AssignedBy = contract.AssignedBy, LastActionAt = contract.LastActionAt,
            LeaderStaffIds = string.Join(',', leaders.Select(l => l.StaffId)),
        };
        db.CaseContracts.Add(record);
        var rows = leaders.Select(l => new CaseContractLeaderRecord
        {
            ContractId = contract.Id, CaseId = @case.Id, StaffId = l.StaffId, Name = l.Leader.Name, Role = l.Leader.Role, UnitId = l.Leader.UnitId,
            ContractLeaderStaffIds = record.LeaderStaffIds,
        }).ToList();
        db.CaseContractLeaders.AddRange(rows);
        // The leaders may open the case from now on, wherever it lies (the case filter reads this column).
        @case.ContractLeaderStaffIds = string.Join(',', (@case.ContractLeaderStaffIds?.Split(',') ?? []).Concat(leaders.Select(l => l.StaffId)).Distinct(StringComparer.Ordinal));
        await CaseEventLog.AppendAsync(db, @case.Id, e, ct);
        await db.SaveChangesAsync(ct);
        return new ContractView(record, rows, @case.TrackingCode, @case.Title, @case.State);
    }

    /// <summary>销号: the contract ends with a summary of how the matter was resolved.</summary>
    public async Task<ContractView?> ReleaseAsync(Guid contractId, int expectedVersion, string? summary, string actor, CancellationToken ct = default)
    {
        var record = await db.CaseContracts.FirstOrDefaultAsync(c => c.Id == contractId, ct);
        if (record is null)
        {
            return null;
        }
        if (record.Version != expectedVersion)
        {
            throw new ContractingRuleException("包案已被他人更新，请刷新后重试 (the contract changed since you loaded it; reload and retry)");
        }
        var leaders = await db.CaseContractLeaders.Where(l => l.ContractId == contractId).OrderBy(l => l.Id).ToListAsync(ct);
        var contract = Rebuild(record, leaders);
        var (released, e) = contract.Release(Instant.Max(clock.GetCurrentInstant(), record.LastActionAt), actor, summary ?? "");
        (record.State, record.ReleasedAt, record.ReleaseSummary, record.LastActionAt) = (released.State, released.ReleasedAt, released.ReleaseSummary, released.LastActionAt);
        await CaseEventLog.AppendAsync(db, record.CaseId, e, ct);
        await db.SaveChangesAsync(ct);
        // The contract was visible, so its case's code and title may be shown even to a leader outside the case's scope.
        var c = await db.Cases.IgnoreQueryFilters().AsNoTracking().FirstAsync(x => x.Id == record.CaseId, ct);
        return new ContractView(record, leaders, c.TrackingCode, c.Title, c.State);
    }

    public async Task<IReadOnlyList<ContractView>> ForCaseAsync(Guid caseId, CancellationToken ct = default)
    {
        var contracts = await db.CaseContracts.AsNoTracking().Where(c => c.CaseId == caseId).OrderByDescending(c => c.AssignedAt).ToListAsync(ct);
        return await ViewsAsync(contracts, ct);
    }

    /// <summary>"My contracted cases": the contracts an account stands in, active first.</summary>
    public async Task<IReadOnlyList<ContractView>> MineAsync(string staffId, CancellationToken ct = default)
    {
        var ids = db.CaseContractLeaders.Where(l => l.StaffId == staffId).Select(l => l.ContractId);
        var contracts = await db.CaseContracts.AsNoTracking().Where(c => ids.Contains(c.Id))
            .OrderBy(c => c.State).ThenByDescending(c => c.AssignedAt).Take(500).ToListAsync(ct);
        return await ViewsAsync(contracts, ct);
    }

    /// <summary>回访 after closure: only a closed case is visited.</summary>
    public async Task<FollowUpVisitRecord?> RecordVisitAsync(string trackingCode, FollowUpMethod method, FollowUpOutcome outcome, bool? satisfied, string? notes, string actor, CancellationToken ct = default)
    {
        var @case = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.TrackingCode == trackingCode, ct);
        if (@case is null)
        {
            return null;
        }
        var closedAt = ClosedAt(@case);
        var (visit, e) = FollowUpVisit.Record(Guid.CreateVersion7(), @case.Id, closedAt, Instant.Max(clock.GetCurrentInstant(), closedAt), actor, method, outcome, satisfied, notes);
        var row = new FollowUpVisitRecord
        {
            Id = visit.Id, CaseId = @case.Id, UnitId = @case.HandlingUnitId ?? @case.RegisteringUnitId, CaseClosedAt = closedAt, VisitedAt = visit.VisitedAt,
            VisitedBy = visit.VisitedBy, Method = visit.Method, Outcome = visit.Outcome, ResidentSatisfied = visit.ResidentSatisfied, Notes = visit.Notes,
            CallsForLookBack = visit.CallsForLookBack,
        };
        db.FollowUpVisits.Add(row);
        await CaseEventLog.AppendAsync(db, @case.Id, e, ct);
        await db.SaveChangesAsync(ct);
        return row;
    }

    /// <summary>回头看 of a closed case, optionally prompted by a visit; one open review per case at a time.</summary>
    public async Task<LookBackReviewRecord?> StartReviewAsync(string trackingCode, Guid? visitId, string? reason, string actor, CancellationToken ct = default)
    {
        var @case = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.TrackingCode == trackingCode, ct);
        if (@case is null)
        {
            return null;
        }
        _ = ClosedAt(@case);
        if (await db.LookBackReviews.AnyAsync(r => r.CaseId == @case.Id && r.Decision == null, ct))
        {
            throw new ContractingRuleException("本案已有未完成的回头看 (the case already has an open look-back review)");
        }
        if (visitId is { } v && !await db.FollowUpVisits.AnyAsync(x => x.Id == v && x.CaseId == @case.Id, ct))
        {
            throw new ContractingRuleException("回访记录不属于本案 (the visit is not one of this case's)");
        }
        var (review, e) = LookBackReview.Start(Guid.CreateVersion7(), @case.Id, visitId, reason ?? "", clock.GetCurrentInstant(), actor);
        var row = new LookBackReviewRecord
        {
            Id = review.Id, CaseId = @case.Id, UnitId = @case.HandlingUnitId ?? @case.RegisteringUnitId, FollowUpVisitId = visitId,
            Reason = review.Reason, StartedAt = review.StartedAt, StartedBy = review.StartedBy,
        };
        db.LookBackReviews.Add(row);
        await CaseEventLog.AppendAsync(db, @case.Id, e, ct);
        await db.SaveChangesAsync(ct);
        return row;
    }

    /// <summary>
    /// Decides a review once. "Not truly resolved" reopens the case through the case workflow (重新交办) in the same
    /// save as the finding, so a finding never stands without its reopening or the other way round.
    /// </summary>
    public async Task<LookBackReviewRecord?> DecideReviewAsync(Guid reviewId, int expectedVersion, LookBackDecision decision, string? findings, Guid? reopenTo,
        string actor, CaseWorkflow workflow, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var row = await db.LookBackReviews.FirstOrDefaultAsync(r => r.Id == reviewId, ct);
        if (row is null)
        {
            return null;
        }
        if (row.Version != expectedVersion)
        {
            throw new ContractingRuleException("回头看已被他人更新，请刷新后重试 (the review changed since you loaded it; reload and retry)");
        }
        var @case = await db.Cases.AsNoTracking().FirstAsync(c => c.Id == row.CaseId, ct);
        if (reopenTo is { } unit && !await db.Units.AnyAsync(u => u.Id == unit, ct))
        {
            throw new ContractingRuleException("重新承办单位不存在 (no such unit to reopen the case to)");
        }
        var review = Rebuild(row);
        var (decided, e) = review.Decide(decision, findings ?? "", reopenTo, Instant.Max(clock.GetCurrentInstant(), row.StartedAt), actor);
        (row.Decision, row.Findings, row.DecidedAt, row.DecidedBy, row.ReopenedTo) = (decided.Decision, decided.Findings, decided.DecidedAt, decided.DecidedBy, decided.Reopen?.HandlingUnit);
        await CaseEventLog.AppendAsync(db, row.CaseId, e, ct);
        if (decided.Reopen is { } reopen)
        {
            var loaded = await workflow.LoadAsync(@case.TrackingCode, ct) ?? throw new ContractingRuleException("案件不存在 (no such case)");
            try
            {
                // The workflow saves the reopening together with the finding tracked above.
                await workflow.ApplyAsync(@case.TrackingCode, loaded.File.Version, at => new ReopenCase(at, actor, reopen.HandlingUnit, reopen.Reason), ct);
            }
            catch (CaseRuleException ex)
            {
                db.ChangeTracker.Clear();
                throw new ContractingRuleException(ex.Message, ex);
            }
        }
        else
        {
            await db.SaveChangesAsync(ct);
        }
        return row;
    }

    public async Task<(IReadOnlyList<FollowUpVisitRecord> Visits, IReadOnlyList<LookBackReviewRecord> Reviews)> AftercareAsync(Guid caseId, CancellationToken ct = default) =>
        (await db.FollowUpVisits.AsNoTracking().Where(v => v.CaseId == caseId).OrderBy(v => v.VisitedAt).ToListAsync(ct),
         await db.LookBackReviews.AsNoTracking().Where(r => r.CaseId == caseId).OrderBy(r => r.StartedAt).ToListAsync(ct));

    /// <summary>Follow-up visits and look-back reviews per unit in a month (Asia/Shanghai), counted on their own dates.</summary>
    public async Task<IReadOnlyList<UnitAftercareCounts>> CountsPerUnitAsync(YearMonth month, CancellationToken ct = default)
    {
        var (from, to) = Bounds(month);
        var visits = await db.FollowUpVisits.AsNoTracking().Where(v => v.VisitedAt >= from && v.VisitedAt < to)
            .GroupBy(v => v.UnitId)
            .Select(g => new { g.Key, Visits = g.Count(), Satisfied = g.Count(v => v.ResidentSatisfied == true), Unsatisfied = g.Count(v => v.ResidentSatisfied == false) })
            .ToListAsync(ct);
        var reviews = await db.LookBackReviews.AsNoTracking().Where(r => r.DecidedAt != null && r.DecidedAt >= from && r.DecidedAt < to)
            .GroupBy(r => r.UnitId)
            .Select(g => new { g.Key, Reviews = g.Count(), Reopened = g.Count(r => r.Decision == LookBackDecision.NotTrulyResolved) })
            .ToListAsync(ct);
        var unitIds = visits.Select(v => v.Key).Union(reviews.Select(r => r.Key)).ToList();
        var names = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return [.. unitIds.Select(id =>
        {
            var v = visits.FirstOrDefault(x => x.Key == id);
            var r = reviews.FirstOrDefault(x => x.Key == id);
            return new UnitAftercareCounts(id, names.GetValueOrDefault(id, "?"), v?.Visits ?? 0, v?.Satisfied ?? 0, v?.Unsatisfied ?? 0, r?.Reviews ?? 0, r?.Reopened ?? 0);
        }).OrderBy(c => c.UnitName, StringComparer.Ordinal)];
    }

    /// <summary>The notice's district-wide figures for a month, computed by Core from the stored rows.</summary>
    public async Task<ContractingCounts> CountsAsync(YearMonth month, CancellationToken ct = default)
    {
        var period = ReportingPeriod.Month(month);
        var (from, to) = Bounds(month);
        var contracts = await db.CaseContracts.AsNoTracking().ToListAsync(ct);
        var leaders = (await db.CaseContractLeaders.AsNoTracking().ToListAsync(ct)).ToLookup(l => l.ContractId);
        var visits = await db.FollowUpVisits.AsNoTracking().Where(v => v.VisitedAt >= from && v.VisitedAt < to).ToListAsync(ct);
        var reviews = await db.LookBackReviews.AsNoTracking().ToListAsync(ct);
        return ContractingCounts.For(period,
            contracts.Select(c => Rebuild(c, [.. leaders[c.Id]])),
            visits.Select(v => FollowUpVisit.Record(v.Id, v.CaseId, v.CaseClosedAt, v.VisitedAt, v.VisitedBy, v.Method, v.Outcome, v.ResidentSatisfied, v.Notes ?? "—").Visit),
            reviews.Select(Rebuild));
    }

    /// <summary>A month in Asia/Shanghai as instants [from, to).</summary>
    public static (Instant From, Instant To) Bounds(YearMonth month) =>
        (month.OnDayOfMonth(1).AtStartOfDayInZone(Core.Calendar.DeadlineCalculator.ChinaTimeZone).ToInstant(),
         month.OnDayOfMonth(1).PlusMonths(1).AtStartOfDayInZone(Core.Calendar.DeadlineCalculator.ChinaTimeZone).ToInstant());

    private static Instant ClosedAt(CaseRecord @case) =>
        @case.State == CaseState.Closed && @case.ClosedAt is { } at
            ? at
            : throw new ContractingRuleException("案件尚未办结，不能回访或回头看 (the case is not closed: no follow-up visit or look-back review yet)");

    private async Task<List<(string StaffId, ContractLeader Leader)>> ResolveLeadersAsync(IReadOnlyList<LeaderChoice> choices, CancellationToken ct)
    {
        var ids = choices.Select(c => c.StaffId).ToList();
        var users = await (from u in db.Users
                           join unit in db.Units on u.UnitId equals unit.Id
                           where ids.Contains(u.Id)
                           select new { u.Id, u.DisplayName, UnitId = unit.Id, unit.Kind }).ToListAsync(ct);
        var roles = (await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ids.Contains(ur.UserId) select new { ur.UserId, r.Name }).ToListAsync(ct))
            .ToLookup(r => r.UserId, r => Enum.TryParse<StaffRole>(r.Name, out var role) ? role : (StaffRole?)null);
        var list = new List<(string, ContractLeader)>();
        foreach (var choice in choices)
        {
            var user = users.FirstOrDefault(u => u.Id == choice.StaffId);
            if (user is null || !Guid.TryParse(user.Id, out var staffGuid))
            {
                throw new ContractingRuleException("所选领导不存在或不属于任何单位 (the chosen leader does not exist or has no unit)");
            }
            var held = roles[user.Id].Where(r => r is not null).Select(r => r!.Value).ToList();
            if (!LeaderEligibility.Allows(choice.Role, held, user.Kind))
            {
                throw new ContractingRuleException($"{user.DisplayName} 不能以该身份包案 ({user.DisplayName} cannot contract as {choice.Role})");
            }
            list.Add((user.Id, new ContractLeader(staffGuid, user.DisplayName, choice.Role, user.UnitId)));
        }
        return list;
    }

    private async Task<IReadOnlyList<ContractView>> ViewsAsync(List<CaseContractRecord> contracts, CancellationToken ct)
    {
        var ids = contracts.Select(c => c.Id).ToList();
        var caseIds = contracts.Select(c => c.CaseId).Distinct().ToList();
        var leaders = (await db.CaseContractLeaders.AsNoTracking().Where(l => ids.Contains(l.ContractId)).OrderBy(l => l.Id).ToListAsync(ct)).ToLookup(l => l.ContractId);
        // The contracts were read in scope; their cases' codes and titles go with them (a leader sees what he contracts).
        var cases = await db.Cases.IgnoreQueryFilters().AsNoTracking().Where(c => caseIds.Contains(c.Id)).Select(c => new { c.Id, c.TrackingCode, c.Title, c.State }).ToDictionaryAsync(c => c.Id, ct);
        return [.. contracts.Where(c => cases.ContainsKey(c.CaseId)).Select(c => new ContractView(c, [.. leaders[c.Id]], cases[c.CaseId].TrackingCode, cases[c.CaseId].Title, cases[c.CaseId].State))];
    }

    private static CaseContract Rebuild(CaseContractRecord record, IReadOnlyList<CaseContractLeaderRecord> leaders)
    {
        var contract = CaseContract.Assign(record.Id, record.CaseId, record.Kind,
            [.. leaders.Select(l => new ContractLeader(Guid.Parse(l.StaffId), l.Name, l.Role, l.UnitId))], record.AssignedAt, record.AssignedBy).Contract;
        return record.State == ContractState.Released
            ? contract.Release(record.ReleasedAt ?? record.LastActionAt, record.AssignedBy, record.ReleaseSummary ?? "—").Contract
            : contract;
    }

    private static LookBackReview Rebuild(LookBackReviewRecord row)
    {
        var review = LookBackReview.Start(row.Id, row.CaseId, row.FollowUpVisitId, row.Reason, row.StartedAt, row.StartedBy).Review;
        return row.Decision is { } d
            ? review.Decide(d, row.Findings ?? "—", row.ReopenedTo, row.DecidedAt ?? row.StartedAt, row.DecidedBy ?? row.StartedBy).Review
            : review;
    }
}
