using Fengqiao.Core.Mediation;
using Fengqiao.Core.Organisations;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Mediation;

/// <summary>
/// The demo district's one-stop centre as the seed article describes Kenli's: 11 units stationed permanently, each at its
/// window, and 13 rotating units, two a working day at windows 12 and 13 over last month, this month and next; and three
/// residents received today, one choosing a named mediation room. Units that exist in the organisation are linked.
/// </summary>
public sealed class CentreDemoSeeder(FengqiaoDbContext db)
{
    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }

    // Name (after the district's), the organisation unit's name suffix when it is one, what it handles.
    private static readonly (string Name, string? Unit, string Services)[] Permanent =
    [
        ("信访局", "信访局", "信访接待、首见负责登记"),
        ("司法局公共法律服务中心", "司法局", "法律咨询、法律援助、人民调解指导"),
        ("人民法院诉讼服务站", null, "诉前调解、立案指导、司法确认"),
        ("劳动人事争议仲裁院", "人力资源和社会保障局", "劳动争议调解、仲裁引导"),
        ("住房和城乡建设局", "住房和城乡建设局", "物业、房屋质量、拖欠工程款"),
        ("自然资源局", "自然资源局", "土地、宅基地、不动产登记纠纷"),
        ("公安分局", null, "治安调解"),
        ("人民检察院12309检察服务中心", "人民检察院", "检察信访、司法救助"),
        ("医疗纠纷人民调解委员会", null, "医疗纠纷调解"),
        ("道路交通事故纠纷人民调解委员会", null, "交通事故损害赔偿调解"),
        ("妇女联合会", null, "婚姻家庭纠纷、妇女儿童权益"),
    ];

    private static readonly (string Name, string? Unit, string Services)[] Rotating =
    [
        ("民政局", "民政局", "婚姻登记、社会救助"),
        ("卫生健康局", "卫生健康局", "医疗服务投诉"),
        ("市场监督管理局", "市场监督管理局", "消费纠纷、食品安全"),
        ("教育和体育局", "教育和体育局", "校园纠纷"),
        ("农业农村局", "农业农村局", "土地承包经营纠纷"),
        ("交通运输局", "交通运输局", "客运、货运纠纷"),
        ("生态环境分局", "生态环境分局", "环境污染纠纷"),
        ("税务局", "税务局", "涉税争议"),
        ("总工会", null, "职工维权"),
        ("退役军人事务局", null, "退役军人权益"),
        ("综合行政执法局", null, "城市管理纠纷"),
        ("残疾人联合会", null, "残疾人权益"),
        ("消费者协会", null, "消费投诉调解"),
    ];

    public async Task SeedAsync(Instant now, CancellationToken ct = default)
    {
        var district = await db.Divisions.AsNoTracking().FirstOrDefaultAsync(d => d.Code == MediationDemoSeeder.DemoDistrict, ct);
        if (district is null)
        {
            return;
        }
        var units = await db.Units.AsNoTracking().Where(u => u.DivisionCode == district.Code).ToListAsync(ct);
        Guid? UnitOf(string? suffix) => suffix is null ? null : units.FirstOrDefault(u => u.Name == district.Name + suffix)?.Id;
        var centre = new MediationCentreRecord
        {
            Name = district.Name + "矛盾纠纷多元化解中心", DivisionCode = district.Code, Address = district.Name + "行政服务中心一楼",
            OperatorUnitId = units.FirstOrDefault(u => u.Kind == UnitKind.ResolutionCentre)?.Id,
        };
        db.MediationCentres.Add(centre);
        var stations = new List<CentreStationRecord>();
        stations.AddRange(Permanent.Select((p, i) => new CentreStationRecord
        {
            CentreId = centre.Id, UnitName = district.Name + p.Name, UnitId = UnitOf(p.Unit), Kind = StationingKind.Permanent,
            Window = $"{i + 1}号窗口", Services = p.Services, Position = i + 1,
        }));
        var rotating = Rotating.Select((r, i) => new CentreStationRecord
        {
            CentreId = centre.Id, UnitName = district.Name + r.Name, UnitId = UnitOf(r.Unit), Kind = StationingKind.Rotating, Services = r.Services, Position = i + 1,
        }).ToList();
        stations.AddRange(rotating);
        db.CentreStations.AddRange(stations);

        // Two rotating units each working day, in turn, at the two rota windows.
        var today = now.InZone(Core.Mediation.Mediation.Zone).Date;
        var month = new YearMonth(today.Year, today.Month).PlusMonths(-1);
        var turn = 0;
        for (var date = month.OnDayOfMonth(1); date < month.PlusMonths(3).OnDayOfMonth(1); date = date.PlusDays(1))
        {
            if (date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)
            {
                continue;
            }
            db.CentreRota.Add(new CentreRotaRecord { CentreId = centre.Id, StationId = rotating[turn % rotating.Count].Id, Date = date.ToDateOnly(), Window = "12号窗口" });
            db.CentreRota.Add(new CentreRotaRecord { CentreId = centre.Id, StationId = rotating[(turn + 1) % rotating.Count].Id, Date = date.ToDateOnly(), Window = "13号窗口" });
            turn += 2;
        }
        await db.SaveChangesAsync(ct);

        // Today's residents: one chooses a named room (a mediation of its committee), two are received by units at the centre.
        var clock = new FixedClock(now);
        var desk = new CentreDesk(db, clock, new MediationDesk(db, clock));
        var room = await db.MediationRooms.AsNoTracking().OrderBy(r => r.Name).FirstOrDefaultAsync(r => r.Name == "老杨调解室", ct);
        if (room is not null)
        {
            await desk.ReceiveAsync(centre.Id, new NewReception(ResolutionPath.PeopleMediation, "周桂兰", "吴长河", "邻居加盖二层遮挡采光，多次协商未果，选择到老杨调解室调解。",
                DisputeKind.Neighbour, null, room.Id, null, null), "中心接待员", ct);
        }
        await desk.ReceiveAsync(centre.Id, new NewReception(ResolutionPath.LegalAid, "钱志刚", null, "工伤后用人单位拒不支付工伤待遇，经济困难，申请法律援助。",
            DisputeKind.Labour, null, null, null, stations[1].Id), "中心接待员", ct);
        await desk.ReceiveAsync(centre.Id, new NewReception(ResolutionPath.PreLitigationMediation, "孙丽华", "某装饰公司", "装修合同质量纠纷，愿意先由法院诉前调解。",
            DisputeKind.Contract, null, null, null, stations[2].Id), "中心接待员", ct);
    }
}
