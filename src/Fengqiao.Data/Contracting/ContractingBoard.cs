using Fengqiao.Core.Cases;
using Fengqiao.Core.Contracting;
using Fengqiao.Core.Organisations;
using Fengqiao.Data.Accounts;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Organisations;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Contracting;

/// <summary>An account that may contract a case, with the places (包案领导、片区领导、村级领导) it may take.</summary>
public sealed record EligibleLeader(string StaffId, string Name, string? UnitName, IReadOnlyList<LeaderRole> Roles);

/// <summary>A case's aftercare: its state and handling unit, its contracts, follow-up visits and look-back reviews.</summary>
public sealed record CaseAftercare(Guid CaseId, CaseState CaseState, Guid? HandlingUnit, IReadOnlyList<ContractView> Contracts,
    IReadOnlyList<FollowUpVisitRecord> Visits, IReadOnlyList<LookBackReviewRecord> Reviews);

/// <summary>The contracting page at a glance: the viewer's contracts, reception days and counts, and the month's aftercare counts.</summary>
public sealed record ContractingOverview(YearMonth Month, IReadOnlyList<ContractView> Mine, IReadOnlyList<ReceptionScheduleRecord> Schedules,
    IReadOnlyList<ReceptionCount> ReceptionCounts, ContractingCounts Totals, IReadOnlyList<UnitAftercareCounts> Units);

/// <summary>
/// The reads and the two case-changing steps (a reception registering a case, a look-back reopening one) that the
/// contracting page, the case page's panel and the API share, each through the scope filter.
/// </summary>
public sealed class ContractingBoard(FengqiaoDbContext db, ContractingDesk desk, ReceptionDesk receptions, CaseWorkflow workflow)
{
    /// <summary>The case's id when the viewer may see it.</summary>
    public Task<Guid?> CaseIdAsync(string trackingCode, CancellationToken ct = default) =>
        db.Cases.Where(c => c.TrackingCode == trackingCode).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);

    /// <summary>The case's contracts, visits and reviews; null when the viewer may not see the case.</summary>
    public async Task<CaseAftercare?> CaseAsync(string trackingCode, CancellationToken ct = default)
    {
        var c = await db.Cases.AsNoTracking().Where(x => x.TrackingCode == trackingCode)
            .Select(x => new { x.Id, x.State, x.HandlingUnitId, x.RegisteringUnitId }).FirstOrDefaultAsync(ct);
        return c is null ? null : await AftercareAsync(c.Id, c.State, c.HandlingUnitId ?? c.RegisteringUnitId, ct);
    }

    private async Task<CaseAftercare> AftercareAsync(Guid caseId, CaseState state, Guid? handlingUnit, CancellationToken ct)
    {
        var (visits, reviews) = await desk.AftercareAsync(caseId, ct);
        return new CaseAftercare(caseId, state, handlingUnit, await desk.ForCaseAsync(caseId, ct), visits, reviews);
    }

    /// <summary>The accounts in the viewer's view that may contract a case (Core's <see cref="LeaderEligibility"/>), with the places each may take.</summary>
    public async Task<IReadOnlyList<EligibleLeader>> EligibleLeadersAsync(CancellationToken ct = default)
    {
        var staff = await StaffDirectory.VisibleAsync(db, ct);
        var unitIds = staff.Where(s => s.UnitId is not null).Select(s => s.UnitId!.Value).Distinct().ToList();
        var kinds = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Kind, ct);
        return [.. staff.Select(s =>
        {
            var roles = s.Roles.Select(r => Enum.TryParse<StaffRole>(r, out var x) ? x : (StaffRole?)null).OfType<StaffRole>().ToList();
            UnitKind? kind = s.UnitId is { } u && kinds.TryGetValue(u, out var k) ? k : null;
            var places = Enum.GetValues<LeaderRole>().Where(p => LeaderEligibility.Allows(p, roles, kind)).ToList();
            return new EligibleLeader(s.Id, s.DisplayName, s.UnitName, places);
        }).Where(l => l.Roles.Count > 0)];
    }

    /// <summary>The units a look-back may reopen a case to, by division then name.</summary>
    public async Task<IReadOnlyList<UnitChoice>> ReopenUnitsAsync(CancellationToken ct = default) =>
        await db.Units.AsNoTracking().OrderBy(u => u.DivisionCode).ThenBy(u => u.Name).Select(u => new UnitChoice(u.Id, u.Name)).ToListAsync(ct);

    /// <summary>The active reception days in the viewer's view, by weekday then leader.</summary>
    public async Task<IReadOnlyList<ReceptionScheduleRecord>> SchedulesAsync(CancellationToken ct = default) =>
        await db.ReceptionSchedules.AsNoTracking().Where(s => s.Active).OrderBy(s => s.Day).ThenBy(s => s.LeaderName).ToListAsync(ct);

    /// <summary>What the contracting page shows for <paramref name="account"/> on <paramref name="today"/> (Beijing date).</summary>
    public async Task<ContractingOverview> OverviewAsync(string account, LocalDate today, CancellationToken ct = default)
    {
        var month = new YearMonth(today.Year, today.Month);
        return new ContractingOverview(month, await desk.MineAsync(account, ct), await SchedulesAsync(ct), await receptions.CountsAsync(today.Year, ct),
            await desk.CountsAsync(month, ct), await desk.CountsPerUnitAsync(month, ct));
    }

    /// <summary>Registers a resident received on a reception day as a case (channel: visit); null when the day is not in the viewer's view.</summary>
    public Task<(IntakeResult Intake, ReceptionCaseRecord Link)?> ReceiveAsync(Guid scheduleId, LocalDate date, NewCase request, string actor, CancellationToken ct = default) =>
        receptions.ReceiveAsync(scheduleId, date, request, workflow, actor, ct);

    /// <summary>Decides a look-back review once; "not truly resolved" reopens the case (重新交办) in the same save.</summary>
    public Task<LookBackReviewRecord?> DecideReviewAsync(Guid reviewId, int expectedVersion, LookBackDecision decision, string? findings, Guid? reopenTo, string actor,
        CancellationToken ct = default) =>
        desk.DecideReviewAsync(reviewId, expectedVersion, decision, findings, reopenTo, actor, workflow, ct);
}
