using Fengqiao.Core.Cases;
using Fengqiao.Core.Grid;
using Fengqiao.Core.Outreach;
using Fengqiao.Core.ServiceMenu;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Outreach;
using Fengqiao.Data.ServiceMenu;
using Fengqiao.Data.VillageAssessment;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Grid;

/// <summary>
/// Demo grid governance for 垦利街道 as the seed page describes it: 26 grids in its first 13 communities with
/// 547 members in "1+3+N" teams, key places, this month's inspection plans, a few recorded visits (one with an open
/// finding to raise as a case; the seeder raises none, so the demo's case count stays that of the cases seeder), the leaders' Tuesday reception days and night visits, and "six questions" notes.
/// Deterministic (fixed random seed).
/// </summary>
public sealed class GridDemoSeeder(FengqiaoDbContext db, CaseRules rules, IClock clock, Security.PersonalDataProtector protector)
{
    public const string DemoTown = "370505001";
    public const int DemoGridCount = 26;
    public const int DemoMemberCount = 547;

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "宋", "郑", "梁", "谢"];
    private static readonly string[] GivenNames = ["建华", "秀兰", "立新", "桂芳", "海涛", "玉兰", "志刚", "红梅", "文静", "国庆", "丽萍", "新民", "春燕", "保国", "晓燕", "振华", "凤英", "明辉"];

    private static readonly (string Name, KeyPlaceKind Kind)[] PlaceTemplates =
    [
        ("社区幼儿园", KeyPlaceKind.Kindergarten),
        ("农贸市场", KeyPlaceKind.Market),
        ("加油站", KeyPlaceKind.GasStation),
        ("出租房屋集中区", KeyPlaceKind.RentalHousing),
        ("养老服务中心", KeyPlaceKind.NursingHome),
        ("在建工地", KeyPlaceKind.ConstructionSite),
        ("沿街餐饮店", KeyPlaceKind.Restaurant),
        ("卫生室", KeyPlaceKind.Hospital),
    ];

    public async Task SeedAsync(IReadOnlyDictionary<string, string> demoAccountIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(demoAccountIds);
        var random = new Random(3705);
        var villages = await db.Divisions.AsNoTracking().Where(d => d.ParentCode == DemoTown).OrderBy(d => d.Code).Take(DemoGridCount / 2).ToListAsync(ct);
        if (villages.Count == 0)
        {
            return;
        }
        var gridAccount = demoAccountIds.GetValueOrDefault("grid");
        var volunteersLeft = DemoMemberCount - DemoGridCount * (1 + GridTeam.CoreMemberCount);
        var grids = new List<(GridRecord Grid, List<KeyPlaceRecord> Places, List<GridMemberRecord> Members)>();
        for (var i = 0; i < DemoGridCount; i++)
        {
            var village = villages[i / 2 % villages.Count];
            var number = i % 2 + 1;
            var shortName = village.Name.Replace("居民委员会", "", StringComparison.Ordinal).Replace("村民委员会", "村", StringComparison.Ordinal);
            var grid = new GridRecord { Code = $"{village.Code}{number:D2}", Name = $"{shortName}第{number}网格", VillageCode = village.Code, Households = 280 + random.Next(220) };
            var volunteers = volunteersLeft / (DemoGridCount - i);
            volunteersLeft -= volunteers;
            var members = new List<GridMemberRecord>
            {
                new() { GridId = grid.Id, Name = Name(random), Role = GridRole.Leader, Phone = Phone(random) },
            };
            for (var c = 0; c < GridTeam.CoreMemberCount; c++)
            {
                // The demo grid member (刘洋) is a core member of the first grid of the first community.
                var isDemoAccount = i == 0 && c == 0 && gridAccount is not null;
                members.Add(new GridMemberRecord
                {
                    GridId = grid.Id, Name = isDemoAccount ? "刘洋" : Name(random), Role = GridRole.Core, Phone = Phone(random),
                    AccountId = isDemoAccount ? gridAccount : null,
                });
            }
            for (var v = 0; v < volunteers; v++)
            {
                members.Add(new GridMemberRecord { GridId = grid.Id, Name = Name(random), Role = GridRole.Volunteer });
            }
            var places = PlaceTemplates.OrderBy(_ => random.Next()).Take(3 + random.Next(3))
                .Select((p, k) => new KeyPlaceRecord { GridId = grid.Id, Code = $"P{k + 1:D2}", Name = shortName + p.Name, Kind = p.Kind, Address = $"{shortName}{1 + random.Next(40)}号" })
                .ToList();
            grids.Add((grid, places, members));
        }
        db.Grids.AddRange(grids.Select(g => g.Grid));
        db.GridMembers.AddRange(grids.SelectMany(g => g.Members));
        db.KeyPlaces.AddRange(grids.SelectMany(g => g.Places));
        await db.SaveChangesAsync(ct);

        var zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
        var now = clock.GetCurrentInstant();
        var today = now.InZone(zone).Date;
        var month = new YearMonth(today.Year, today.Month);
        // The demo's own case index: the web host builds the real one from the database when it starts.
        using var matters = new Text.CaseMatterIndex();
        var desk = new GridDesk(db, new CaseWorkflow(db, rules, clock, protector, new KnownReferences(), matters), rules, clock);
        foreach (var (grid, _, _) in grids)
        {
            await desk.GeneratePlanAsync(grid.Code, month, ct);
        }

        // The demo member's past planned visits of this month are done, bar one missed, so the plan shows progress.
        var first = grids[0];
        if (gridAccount is not null)
        {
            var past = await db.PlannedVisits.Where(v => v.GridId == first.Grid.Id && v.Date < today.ToDateOnly()).OrderBy(v => v.Date).ToListAsync(ct);
            for (var k = 0; k < past.Count - 1; k++)
            {
                var placeName = first.Places.Single(p => p.Id == past[k].KeyPlaceId).Name;
                var at = LocalDate.FromDateOnly(past[k].Date).At(new LocalTime(9 + random.Next(7), random.Next(60))).InZoneLeniently(zone).ToInstant();
                var visit = new InspectionVisitRecord
                {
                    GridId = first.Grid.Id, KeyPlaceId = past[k].KeyPlaceId, PlannedVisitId = past[k].Id, Inspector = gridAccount, InspectorName = "刘洋",
                    At = at, Notes = $"检查{placeName}消防通道、灭火器和安全台账，情况正常。",
                };
                db.InspectionVisits.Add(visit);
                if (k == 1)
                {
                    visit.Notes = $"检查{placeName}，发现安全隐患一处。";
                    db.InspectionFindings.Add(new InspectionFindingRecord
                    {
                        VisitId = visit.Id, Title = "消防通道被杂物堵塞", Description = $"{placeName}后门消防通道堆放纸箱和电动车，已口头提醒，需相关部门督促清理。", Severity = FindingSeverity.Serious,
                    });
                }
            }
            await db.SaveChangesAsync(ct);
        }

        await SeedLeaderActivitiesAsync(random, villages.Select(v => v.Code).ToList(), today, ct);
        await SeedSixQuestionsAsync(random, villages.Select(v => v.Code).ToList(), today, ct);
        await SeedOutreachAsync(random, villages.Select(v => v.Code).ToList(), today, ct);
        await SeedAssessmentAsync(villages.Select(v => v.Code).ToList(), month, ct);
        await SeedServiceMenuAsync(villages.Select(v => v.Code).ToList(), today, ct);
    }

    private static readonly (string Name, string Organisation, ServiceKind[] Kinds, string[] Topics)[] Providers =
    [
        ("王立法", "垦利区司法局普法讲师团", [ServiceKind.LegalLecture, ServiceKind.LegalConsultation], ["民法典", "婚姻家庭", "反家庭暴力"]),
        ("李明律", "山东黄河口律师事务所", [ServiceKind.LegalLecture, ServiceKind.LegalConsultation, ServiceKind.CaseFilingGuidance], ["劳动用工", "合同纠纷", "民事立案"]),
        ("张丽华", "垦利区人民检察院", [ServiceKind.LegalLecture], ["未成年人保护", "防范电信诈骗"]),
        ("刘和顺", "垦利街道人民调解委员会", [ServiceKind.Mediation], ["邻里纠纷", "婚姻家庭", "土地承包"]),
        ("陈心怡", "垦利区心理健康服务中心", [ServiceKind.PsychologicalConsultation], ["情绪疏导", "家庭关系", "青少年心理"]),
        ("赵援", "垦利区法律援助中心", [ServiceKind.LegalAidApplication, ServiceKind.LegalConsultation], ["劳动用工", "人身损害"]),
        ("孙税通", "国家税务总局东营市垦利区税务局", [ServiceKind.TaxPolicyTutoring], ["增值税", "小微企业优惠", "研发费用加计扣除"]),
        ("周惠企", "国家税务总局东营市垦利区税务局", [ServiceKind.TaxPolicyTutoring], ["企业所得税", "个人所得税代扣"]),
    ];

    /// <summary>The menu, eight providers with free afternoons and evenings for five weeks, and a few orders placed and matched.</summary>
    private async Task SeedServiceMenuAsync(List<string> villages, LocalDate today, CancellationToken ct)
    {
        var zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
        var menu = new ServiceMenuDesk(db, clock, protector);
        await menu.EnsureCatalogueAsync(ct);
        for (var i = 0; i < Providers.Length; i++)
        {
            var p = Providers[i];
            var row = new ServiceProviderRecord
            {
                Name = p.Name, Organisation = p.Organisation, Kinds = string.Join(',', ServiceMenuDesk.Kinds(p.Kinds)),
                Topics = string.Join('\n', p.Topics), Areas = "370505",
            };
            db.ServiceProviders.Add(row);
            for (var d = 1; d <= 35; d++)
            {
                var day = today.PlusDays(d);
                if (!rules.Calendar.IsWorkingDay(day) || (d + i) % 3 == 0)
                {
                    continue;
                }
                db.ProviderFreeSlots.Add(new ProviderFreeSlotRecord
                {
                    ProviderId = row.Id,
                    Start = day.At(new LocalTime(14, 0)).InZoneLeniently(zone).ToInstant(),
                    End = day.At(new LocalTime(20, 30)).InZoneLeniently(zone).ToInstant(),
                });
            }
        }
        await db.SaveChangesAsync(ct);
        var nextWorkday = today.PlusDays(1);
        while (!rules.Calendar.IsWorkingDay(nextWorkday) || !rules.Calendar.IsWorkingDay(nextWorkday.PlusDays(1)))
        {
            nextWorkday = nextWorkday.PlusDays(1);
        }
        NewServiceOrder[] orders =
        [
            new("legal-lecture", "民法典", OrdererKind.VillageCommittee, "和平社区居民委员会", "13905462201", null, villages[0], nextWorkday.PlusDays(1), null, null),
            new("legal-lecture", "防范电信诈骗", OrdererKind.VillageCommittee, "西冯村民委员会", "13905462202", null, "370505001201", nextWorkday.PlusDays(2), null, null),
            new("tax-tutoring", "小微企业优惠", OrdererKind.Enterprise, "东营黄河口食品有限公司", "13905461101", UnifiedSocialCreditCode.Create("91370521MA3C4D5E6").Value, villages[1], nextWorkday.PlusDays(1), null, null),
            new("mediation", "邻里纠纷", OrdererKind.Resident, "王桂芳", "13905461102", null, villages[2], nextWorkday, null, null),
            new("psychological-consultation", "家庭关系", OrdererKind.Resident, "李春燕", "13905461103", null, villages[3], nextWorkday.PlusDays(3), null, null),
        ];
        for (var i = 0; i < orders.Length; i++)
        {
            var placed = await menu.PlaceAsync(orders[i], ct);
            if (i % 2 == 0 && placed.State == ServiceOrderState.Matched)
            {
                await menu.ConfirmAsync(placed.Id, "垦利街道司法所", ct);
            }
        }
    }

    private static readonly (OutreachKind Kind, OutreachAudience Audience, string Topic)[] OutreachTopics =
    [
        (OutreachKind.LegalPublicity, OutreachAudience.General, "民法典进社区"),
        (OutreachKind.TrafficSafety, OutreachAudience.Elderly, "老年人交通安全宣讲"),
        (OutreachKind.TrafficSafety, OutreachAudience.Students, "中小学生交通安全课"),
        (OutreachKind.AntiFraud, OutreachAudience.Elderly, "防范养老诈骗"),
        (OutreachKind.PetitionLaw, OutreachAudience.Cadres, "《信访工作条例》解读"),
        (OutreachKind.TaxPolicy, OutreachAudience.Workers, "小微企业税费优惠政策"),
    ];

    /// <summary>Outreach events this year ("今年已开展普法宣传 30 场"), a few in each of the last months.</summary>
    private async Task SeedOutreachAsync(Random random, List<string> villages, LocalDate today, CancellationToken ct)
    {
        for (var i = 0; i < 30; i++)
        {
            var topic = OutreachTopics[random.Next(OutreachTopics.Length)];
            var date = today.PlusDays(-random.Next(0, Math.Max(1, today.DayOfYear - 1)));
            db.OutreachEvents.Add(new OutreachEventRecord
            {
                Kind = topic.Kind, Audience = topic.Audience, Topic = topic.Topic, DivisionCode = villages[random.Next(villages.Count)],
                Place = "村（居）委会活动室", Organiser = "垦利街道司法所", Date = date.ToDateOnly(), AudienceCount = 20 + random.Next(120),
            });
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Three scored months and this one for the demo town, one hand-entered incident with its evidence, last month's notice published.</summary>
    private async Task SeedAssessmentAsync(List<string> villages, YearMonth month, CancellationToken ct)
    {
        var assessment = new VillageAssessmentDesk(db, clock);
        await assessment.EnterManualAsync(villages[2], month.PlusMonths(-1), "N05", 1, "区应急管理局事故通报：辖区仓库电气火灾一起，无人员伤亡", "townlead", ct);
        await assessment.EnterManualAsync(villages[0], month.PlusMonths(-1), "P10", 1, "获评市级“枫桥式”社区，市委政法委文件", "townlead", ct);
        for (var m = -3; m <= 0; m++)
        {
            await assessment.ScoreMonthAsync(DemoTown, month.PlusMonths(m), ct);
        }
        await assessment.PublishNoticeAsync(DemoTown, month.PlusMonths(-1), "垦利街道办事处", ct);
    }

    private async Task SeedLeaderActivitiesAsync(Random random, List<string> villages, LocalDate today, CancellationToken ct)
    {
        Leader[] leaders =
        [
            new("townlead", "杨帆", "街道党工委书记"),
            new("town-2", "孙海峰", "街道办事处主任"),
            new("town-3", "高丽娟", "街道党工委副书记"),
            new("town-4", "郑国栋", "街道政法委员"),
        ];
        var codes = villages.Select(Core.Organisations.DivisionCode.Parse).ToList();
        var month = new YearMonth(today.Year, today.Month);
        var from = month.OnDayOfMonth(1).PlusMonths(-1);
        var to = month.OnDayOfMonth(1).PlusMonths(1).PlusDays(-1);
        foreach (var day in ReceptionRota.Generate(leaders, codes, from, to, rules.Calendar))
        {
            var held = day.Date < today;
            var residents = held ? 2 + random.Next(9) : 0;
            var matters = held ? Enumerable.Range(0, Math.Min(residents, 1 + random.Next(3))).Select(_ => ReceptionMatters[random.Next(ReceptionMatters.Length)]).ToList() : [];
            db.LeaderActivities.Add(new LeaderActivityRecord
            {
                Kind = LeaderActivityKind.ReceptionDay, Date = day.Date.ToDateOnly(), LeaderName = day.Leader.Name, LeaderPost = day.Leader.Post,
                VillageCode = day.Village.Value, MovedFromHoliday = day.MovedFromHoliday, Recorded = held, People = residents,
                Matters = matters.Count == 0 ? null : string.Join('\n', matters), ResolvedOnTheSpot = held ? random.Next(matters.Count + 1) : 0,
            });
        }
        foreach (var visit in NightVisitRota.Generate(leaders, codes, month, 2, rules.Calendar))
        {
            var held = visit.Date < today;
            db.LeaderActivities.Add(new LeaderActivityRecord
            {
                Kind = LeaderActivityKind.NightVisit, Date = visit.Date.ToDateOnly(), Start = visit.Start.ToTimeOnly(), LeaderName = visit.Leader.Name,
                LeaderPost = visit.Leader.Post, VillageCode = visit.Village.Value, Recorded = held, People = held ? 8 + random.Next(15) : 0,
                Matters = held ? "楼道照明损坏\n独居老人取暖需关注" : null,
            });
        }
        await db.SaveChangesAsync(ct);
    }

    private static readonly string[] ReceptionMatters =
    [
        "小区停车位规划不合理", "老旧楼房加装电梯意见不一", "宅基地界址争议", "物业费收取标准有异议", "低保申请进度咨询", "噪音扰民",
    ];

    private async Task SeedSixQuestionsAsync(Random random, List<string> villages, LocalDate today, CancellationToken ct)
    {
        for (var i = 0; i < 24; i++)
        {
            var followUp = i % 6 == 2;
            db.SixQuestionsNotes.Add(new SixQuestionsNoteRecord
            {
                VillageCode = villages[i % villages.Count], Household = $"{Surnames[random.Next(Surnames.Length)]}家（{1 + random.Next(30)}号楼{1 + random.Next(6)}单元）",
                Cadre = Name(random), Date = today.PlusDays(-random.Next(1, 30)).ToDateOnly(),
                Safety = "燃气、用电无隐患", Livelihood = random.Next(4) == 0 ? "子女待业，希望提供招聘信息" : "收入稳定",
                Health = random.Next(3) == 0 ? "老人患慢性病，需定期随访" : "家庭成员身体健康",
                Disputes = followUp ? "与楼上住户因漏水有矛盾" : "无", Difficulties = followUp ? "希望社区协调维修" : "无",
                Suggestions = random.Next(2) == 0 ? "希望增加小区照明" : "无", FollowUpNeeded = followUp,
            });
        }
        await db.SaveChangesAsync(ct);
    }

    private static string Name(Random random) => Surnames[random.Next(Surnames.Length)] + GivenNames[random.Next(GivenNames.Length)];

    private static string Phone(Random random) => $"1{3 + random.Next(6)}{random.Next(100_000_000, 999_999_999)}";
}
