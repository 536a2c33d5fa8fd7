using Fengqiao.Core.Assessment;
using Fengqiao.Core.Cases;
using Fengqiao.Core.Contracting;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Grid;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Contracting;

/// <summary>Residents received per leader and month (接访人次).</summary>
public sealed record ReceptionCount(string LeaderStaffId, string LeaderName, YearMonth Month, int Sessions, int Residents);

/// <summary>
/// Leaders' reception days (领导接访日). A schedule is Core's <see cref="ReceptionDay"/>; each resident received is
/// registered as an ordinary case through <see cref="CaseWorkflow"/> (channel visit) and linked to the session,
/// and to the grid rota's record of the same leader's reception that day when there is one.
/// </summary>
public sealed class ReceptionDesk(FengqiaoDbContext db, CaseRules rules, IClock clock)
{
    public async Task<ReceptionScheduleRecord> ScheduleAsync(string leaderStaffId, IsoDayOfWeek day, LocalTime from, LocalTime to, string? place, CancellationToken ct = default)
    {
        var leader = await (from u in db.Users join unit in db.Units on u.UnitId equals unit.Id where u.Id == leaderStaffId
                            select new { u.Id, u.DisplayName, UnitId = unit.Id, unit.DivisionCode }).FirstOrDefaultAsync(ct)
            ?? throw new ContractingRuleException("接访领导不存在或不属于任何单位 (the leader does not exist or has no unit)");
        if (!Guid.TryParse(leader.Id, out var leaderGuid))
        {
            throw new ContractingRuleException("接访领导账号无效 (the leader's account id is not valid)");
        }
        var rule = new ReceptionDay(leaderGuid, day, from, to, place ?? "");
        var row = new ReceptionScheduleRecord
        {
            Id = Guid.CreateVersion7(), LeaderStaffId = leader.Id, LeaderName = leader.DisplayName, UnitId = leader.UnitId, DivisionCode = leader.DivisionCode,
            Day = rule.Day, From = rule.From.ToTimeOnly(), To = rule.To.ToTimeOnly(), Place = rule.Place, CreatedAt = clock.GetCurrentInstant(),
        };
        db.ReceptionSchedules.Add(row);
        await db.SaveChangesAsync(ct);
        return row;
    }

    /// <summary>The session dates of a schedule in a month, skipping days off.</summary>
    public IReadOnlyList<LocalDate> Sessions(ReceptionScheduleRecord schedule, YearMonth month) =>
        [.. ToRule(schedule).DatesIn(ReportingPeriod.Month(month), rules.Calendar)];

    /// <summary>
    /// Registers a resident received at a session as a case. The session must be one of the schedule's dates and
    /// not in the future; the case is a visit (走访) whatever the form said.
    /// </summary>
    public async Task<(IntakeResult Intake, ReceptionCaseRecord Link)?> ReceiveAsync(Guid scheduleId, LocalDate date, NewCase request, CaseWorkflow workflow, string actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(workflow);
        var schedule = await db.ReceptionSchedules.AsNoTracking().FirstOrDefaultAsync(s => s.Id == scheduleId, ct);
        if (schedule is null)
        {
            return null;
        }
        var today = clock.GetCurrentInstant().InZone(Core.Calendar.DeadlineCalculator.ChinaTimeZone).Date;
        if (date > today || !Sessions(schedule, new YearMonth(date.Year, date.Month)).Contains(date))
        {
            throw new ContractingRuleException($"{date:yyyy-MM-dd} 不是该领导的接访日 ({date:yyyy-MM-dd} is not one of the leader's reception days)");
        }
        var intake = await workflow.RegisterAsync(request with { Channel = CaseChannel.Visit }, actor, ct);
        var existing = await db.ReceptionCases.FirstOrDefaultAsync(r => r.CaseId == intake.Case.Id, ct);
        if (existing is not null)
        {
            return (intake, existing); // an idempotent replay of the same registration
        }
        var day = date.ToDateOnly();
        var activity = await db.LeaderActivities.AsNoTracking()
            .Where(a => a.Kind == LeaderActivityKind.ReceptionDay && a.Date == day && a.LeaderName == schedule.LeaderName)
            .Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
        var link = new ReceptionCaseRecord
        {
            ScheduleId = schedule.Id, CaseId = intake.Case.Id, Date = day, LeaderStaffId = schedule.LeaderStaffId, UnitId = schedule.UnitId, LeaderActivityId = activity,
        };
        db.ReceptionCases.Add(link);
        await db.SaveChangesAsync(ct);
        return (intake, link);
    }

    /// <summary>Sessions held (a day with at least one resident) and residents received, per leader and month.</summary>
    public async Task<IReadOnlyList<ReceptionCount>> CountsAsync(int year, CancellationToken ct = default)
    {
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var rows = await db.ReceptionCases.AsNoTracking().Where(r => r.Date >= from && r.Date <= to)
            .Select(r => new { r.LeaderStaffId, r.Date }).ToListAsync(ct);
        var names = await db.ReceptionSchedules.AsNoTracking().Select(s => new { s.LeaderStaffId, s.LeaderName }).Distinct().ToListAsync(ct);
        return [.. rows.GroupBy(r => (r.LeaderStaffId, r.Date.Year, r.Date.Month))
            .Select(g => new ReceptionCount(g.Key.LeaderStaffId, names.FirstOrDefault(n => n.LeaderStaffId == g.Key.LeaderStaffId)?.LeaderName ?? "?",
                new YearMonth(g.Key.Year, g.Key.Month), g.Select(r => r.Date).Distinct().Count(), g.Count()))
            .OrderBy(c => c.Month).ThenBy(c => c.LeaderName, StringComparer.Ordinal)];
    }

    private static ReceptionDay ToRule(ReceptionScheduleRecord s) =>
        new(Guid.Parse(s.LeaderStaffId), s.Day, LocalTime.FromTimeOnly(s.From), LocalTime.FromTimeOnly(s.To), s.Place);
}
