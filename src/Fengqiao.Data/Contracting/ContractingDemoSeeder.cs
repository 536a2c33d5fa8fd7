using Fengqiao.Core.Cases;
using Fengqiao.Core.Contracting;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Text;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Contracting;

/// <summary>
/// Demo leader contracting, reception days, follow-up visits and look-back reviews (fixed random seed): the town
/// and district leaders' weekly reception days with the residents received registered as cases, contracts (single and
/// dual, one released), visits to closed cases with mixed results, and reviews, one of which reopens its case.
/// Everything goes through the desks and the case workflow, so the demo is what the rules would have produced.
/// </summary>
public sealed class ContractingDemoSeeder(FengqiaoDbContext db, CaseRules rules, IClock clock, Security.PersonalDataProtector protector)
{
    private sealed class SteppedClock(Instant now) : IClock
    {
        public Instant Now { get; set; } = now;

        public Instant GetCurrentInstant() => Now;
    }

    private static readonly string[] ReceptionMatters =
    [
        "反映小区电梯长期停运无人维修", "反映承包地被占用补偿未到位", "反映工地拖欠农民工工资", "反映养殖场异味扰民",
        "咨询城乡居民医保缴费政策", "反映村道路灯损坏影响夜间出行", "反映邻居违规搭建影响通行", "反映物业费收费标准不公开",
    ];

    private static readonly string[] Names = ["王秀英", "李建华", "张桂兰", "刘志强", "陈玉梅", "杨国庆", "赵春花", "孙海涛", "周丽娟", "吴德明"];

    /// <summary>Seeds the module's demo data; returns the number of cases it registered (the residents received).</summary>
    public async Task<int> SeedAsync(IReadOnlyDictionary<string, string> accountIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(accountIds);
        if (!accountIds.TryGetValue("townlead", out var town) || !accountIds.TryGetValue("distlead", out var district) || !accountIds.TryGetValue("grid", out var village))
        {
            return 0;
        }
        var random = new Random(20261129);
        var now = clock.GetCurrentInstant();
        var stepped = new SteppedClock(now);
        var received = await SeedReceptionsAsync(random, stepped, now, [(town, IsoDayOfWeek.Tuesday, new LocalTime(9, 0), new LocalTime(11, 30), "镇信访接待室"),
            (district, IsoDayOfWeek.Thursday, new LocalTime(14, 30), new LocalTime(17, 0), "区群众来访接待中心")], ct);
        await SeedContractsAsync(random, stepped, now, town, district, village, ct);
        await SeedAftercareAsync(random, stepped, now, ct);
        return received;
    }

    private async Task<int> SeedReceptionsAsync(Random random, SteppedClock stepped, Instant now, (string Leader, IsoDayOfWeek Day, LocalTime From, LocalTime To, string Place)[] schedules, CancellationToken ct)
    {
        var zone = Core.Calendar.DeadlineCalculator.ChinaTimeZone;
        var today = now.InZone(zone).Date;
        using var matters = new CaseMatterIndex();
        var count = 0;
        foreach (var s in schedules)
        {
            stepped.Now = now - Duration.FromDays(100);
            var desk = new ReceptionDesk(db, rules, stepped);
            var schedule = await desk.ScheduleAsync(s.Leader, s.Day, s.From, s.To, s.Place, ct);
            var leaderUnit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == schedule.UnitId, ct);
            var villages = await db.Divisions.AsNoTracking().Where(d => d.Code.StartsWith(leaderUnit.DivisionCode) && d.Code.Length == 12)
                .OrderBy(d => d.Code).Select(d => d.Code).Take(20).ToListAsync(ct);
            if (villages.Count == 0)
            {
                continue;
            }
            for (var month = today.PlusMonths(-2); month <= today; month = month.PlusMonths(1))
            {
                foreach (var date in desk.Sessions(schedule, new YearMonth(month.Year, month.Month)).Where(d => d < today))
                {
                    var residents = random.Next(0, 3);
                    for (var i = 0; i < residents; i++)
                    {
                        stepped.Now = date.At(s.From.PlusMinutes(20 * i + random.Next(15))).InZoneLeniently(zone).ToInstant();
                        var name = Names[random.Next(Names.Length)];
                        var matter = ReceptionMatters[random.Next(ReceptionMatters.Length)];
                        var request = new NewCase(CaseKind.Petition, CaseChannel.Visit, matter, $"{name}在{s.Place}向领导当面{matter}。", villages[random.Next(villages.Count)], null, null, false,
                            [new NewParty(name, null, "139" + random.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture), false)], null, leaderUnit.Id, s.Place, null,
                            $"demo-reception-{schedule.Id:N}-{date:yyyyMMdd}-{i}");
                        var workflow = new CaseWorkflow(db, rules, stepped, protector, new KnownReferences(), matters);
                        await desk.ReceiveAsync(schedule.Id, date, request, workflow, "demo-clerk", ct);
                        db.ChangeTracker.Clear();
                        count++;
                    }
                }
            }
        }
        return count;
    }

    private async Task SeedContractsAsync(Random random, SteppedClock stepped, Instant now, string town, string district, string village, CancellationToken ct)
    {
        var townUnit = await db.Users.Where(u => u.Id == town).Join(db.Units, u => u.UnitId, x => x.Id, (u, x) => x.DivisionCode).FirstAsync(ct);
        var open = await db.Cases.AsNoTracking()
            .Where(c => c.DivisionCode.StartsWith(townUnit) && c.State != CaseState.Closed && c.State != CaseState.NotAccepted)
            .OrderBy(c => c.TrackingCode).Select(c => new { c.TrackingCode, c.RegisteredAt }).Take(40).ToListAsync(ct);
        var desk = new ContractingDesk(db, stepped);
        var picks = open.OrderBy(_ => random.Next()).Take(7).ToList();
        for (var i = 0; i < picks.Count; i++)
        {
            stepped.Now = Instant.Min(now, picks[i].RegisteredAt + Duration.FromDays(2 + random.Next(5)));
            LeaderChoice[] leaders = (i % 3) switch
            {
                0 => [new(town, LeaderRole.AreaLeader), new(village, LeaderRole.VillageLeader)],
                1 => [new(district, LeaderRole.DistrictLeader)],
                _ => [new(district, LeaderRole.DistrictLeader), new(village, LeaderRole.VillageLeader)],
            };
            var kind = leaders.Length == 2 ? ContractKind.Dual : ContractKind.Single;
            var view = await desk.AssignAsync(picks[i].TrackingCode, kind, leaders, "联席办 孙丽", ct);
            db.ChangeTracker.Clear();
            if (i == 1 && view is not null)
            {
                stepped.Now = Instant.Min(now, stepped.Now + Duration.FromDays(10));
                await desk.ReleaseAsync(view.Contract.Id, view.Contract.Version, "区领导两次约谈当事人，协调补偿到位，当事人签字息诉罢访。", "区委副书记 赵强", ct);
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task SeedAftercareAsync(Random random, SteppedClock stepped, Instant now, CancellationToken ct)
    {
        var closed = await db.Cases.AsNoTracking()
            .Where(c => c.DivisionCode.StartsWith("370505") && c.State == CaseState.Closed && c.ClosedAt != null && !c.ResolvedOnTheSpot)
            .OrderBy(c => c.TrackingCode).Select(c => new { c.TrackingCode, ClosedAt = c.ClosedAt!.Value, c.HandlingUnitId, c.RegisteringUnitId }).Take(60).ToListAsync(ct);
        var desk = new ContractingDesk(db, stepped);
        using var matters = new CaseMatterIndex();
        var picks = closed.OrderBy(_ => random.Next()).Take(14).ToList();
        var reviewed = 0;
        foreach (var c in picks)
        {
            stepped.Now = Instant.Min(now, c.ClosedAt + Duration.FromDays(3 + random.Next(10)));
            var roll = random.Next(10);
            var (outcome, satisfied, notes) = roll switch
            {
                < 6 => (FollowUpOutcome.Resolved, (bool?)true, "群众表示问题已解决，对办理结果满意。"),
                < 8 => (FollowUpOutcome.PartlyResolved, (bool?)false, "群众反映问题仅部分解决，仍有遗留事项。"),
                8 => (FollowUpOutcome.NotResolved, (bool?)false, "群众反映问题未解决，对答复不满意。"),
                _ => (FollowUpOutcome.Unreachable, (bool?)null, "电话三次无人接听。"),
            };
            var visit = await desk.RecordVisitAsync(c.TrackingCode, roll % 2 == 0 ? FollowUpMethod.Phone : FollowUpMethod.OnSite, outcome, satisfied, notes, "回访专员 韩梅", ct);
            db.ChangeTracker.Clear();
            if (visit is null || !visit.CallsForLookBack || reviewed >= 3)
            {
                continue;
            }
            stepped.Now = Instant.Min(now, stepped.Now + Duration.FromDays(1));
            var review = await desk.StartReviewAsync(c.TrackingCode, visit.Id, "回访发现群众不满意，开展回头看。", "联席办 孙丽", ct);
            db.ChangeTracker.Clear();
            if (review is null || reviewed == 2)
            {
                reviewed++;
                continue; // one review stays open
            }
            stepped.Now = Instant.Min(now, stepped.Now + Duration.FromDays(2));
            var workflow = new CaseWorkflow(db, rules, stepped, protector, new KnownReferences(), matters);
            var reopen = reviewed == 0;
            await desk.DecideReviewAsync(review.Id, review.Version, reopen ? LookBackDecision.NotTrulyResolved : LookBackDecision.TrulyResolved,
                reopen ? "实地核查发现问题仍未整改到位，属程序性办结，重新交办。" : "实地核查，问题已整改到位，群众诉求已合理解决。",
                reopen ? c.HandlingUnitId ?? c.RegisteringUnitId : null, "联席办 孙丽", workflow, ct);
            db.ChangeTracker.Clear();
            reviewed++;
        }
    }
}
