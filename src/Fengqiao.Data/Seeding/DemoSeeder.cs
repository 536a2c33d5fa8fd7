using Fengqiao.Core.Cases;
using Fengqiao.Core.Organisations;
using Fengqiao.Core.People;
using Fengqiao.Data.Accounts;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Seeding;
using Fengqiao.Data.Import;
using Fengqiao.Data.Organisations;
using Fengqiao.Data.People;
using Fengqiao.Data.Security;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Seeding;

public sealed record DemoSeedResult(int Divisions, int Units, int Accounts, int Residents, int Cases);

/// <summary>
/// Fills an empty database with the demo: the seed's nine districts with all their towns and villages, the
/// units that work there, the documented staff logins, residents with valid ID numbers, and cases spread
/// over the last three months. Deterministic (fixed random seed) so screenshots and tests are stable.
/// </summary>
public sealed class DemoSeeder(FengqiaoDbContext db, DivisionImporter importer, StaffAccounts accounts, CaseRules rules, IClock clock, Security.PersonalDataProtector protector)
{
    // The district's departments (职能部门 and attached bodies): key, name suffix, kind.
    private static readonly (string Key, string Suffix, UnitKind Kind)[] DistrictUnits =
    [
        ("government", "人民政府", UnitKind.Government),
        ("bureau", "信访局", UnitKind.PetitionBureau),
        ("joint", "信访工作联席会议办公室", UnitKind.JointMeetingOffice),
        ("discipline", "纪委监委", UnitKind.DisciplineCommission),
        ("centre", "矛盾纠纷多元化解中心", UnitKind.ResolutionCentre),
        ("housing", "住房和城乡建设局", UnitKind.Department),
        ("hrss", "人力资源和社会保障局", UnitKind.Department),
        ("market", "市场监督管理局", UnitKind.Department),
        ("land", "自然资源局", UnitKind.Department),
        ("education", "教育和体育局", UnitKind.Department),
        ("health", "卫生健康局", UnitKind.Department),
        ("transport", "交通运输局", UnitKind.Department),
        ("environment", "生态环境分局", UnitKind.Department),
        ("agriculture", "农业农村局", UnitKind.Department),
        ("civil", "民政局", UnitKind.Department),
        ("police", "公安分局情指行中心", UnitKind.PoliceCommand),
        ("procuratorate", "人民检察院", UnitKind.Procuratorate),
        ("justice", "司法局", UnitKind.JudicialOffice),
        ("tax", "税务局", UnitKind.TaxOffice),
    ];

    // Realistic matters: title, department key, kind.
    private static readonly (string Title, string Department, CaseKind Kind)[] Matters =
    [
        ("小区物业服务不到位，电梯长期故障", "housing", CaseKind.Petition),
        ("建筑工地拖欠农民工工资", "hrss", CaseKind.Petition),
        ("夜间施工噪音扰民", "environment", CaseKind.Petition),
        ("征地补偿款未按时发放", "land", CaseKind.Petition),
        ("邻里宅基地界址纠纷", "land", CaseKind.Dispute),
        ("养殖场异味影响周边居民", "environment", CaseKind.Petition),
        ("超市销售过期食品", "market", CaseKind.Petition),
        ("学校周边交通拥堵存在安全隐患", "transport", CaseKind.Petition),
        ("社保关系转移办理缓慢", "hrss", CaseKind.Petition),
        ("土地承包经营权流转纠纷", "agriculture", CaseKind.Dispute),
        ("婚姻家庭矛盾调解申请", "civil", CaseKind.Dispute),
        ("医疗费用报销争议", "health", CaseKind.Petition),
        ("房屋漏水楼上楼下纠纷", "housing", CaseKind.Dispute),
        ("校外培训机构退费难", "education", CaseKind.Petition),
        ("低保资格认定有异议", "civil", CaseKind.Petition),
        ("商铺租赁合同纠纷", "market", CaseKind.Dispute),
        ("老旧小区改造进度慢", "housing", CaseKind.Petition),
        ("劳动合同解除经济补偿争议", "hrss", CaseKind.Dispute),
    ];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"];
    private static readonly string[] GivenNames = ["建国", "秀英", "志强", "桂兰", "海燕", "国华", "丽娟", "文斌", "玉梅", "俊杰", "淑珍", "永红", "晓东", "春梅", "德明", "雪梅"];

    /// <summary>
    /// One demo case taken through the real lifecycle rules from its registration time towards now: some resolved
    /// on the spot, some not accepted, most assigned and handled, many replied, rated and closed, some left to run
    /// late — so queues, deadlines and (later) KPIs have something true to show.
    /// </summary>
    private async Task SeedCaseAsync(Random random, DemoDistricts.District district, (string Title, string Department, CaseKind Kind) matter, CaseChannel channel,
        Resident resident, Guid registeringUnit, Guid handlingUnit, Instant registeredAt, Instant now, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var category = CategoryOfDepartment.TryGetValue(matter.Department, out var categoryName) ? _categoryByName.GetValueOrDefault(categoryName) : null;
        var policy = rules.PolicyFor(channel, matter.Kind, category);
        var registration = new RegisterCase(id, matter.Kind, channel, category, Urgent: false, registeredAt, "demo-clerk");
        var onTheSpot = random.Next(10) < 3;
        var transition = onTheSpot
            ? CaseFile.RegisterResolvedOnTheSpot(registration, policy, "现场答复并解决：" + matter.Title)
            : CaseFile.Register(registration, policy);
        var record = new CaseRecord
        {
            Id = id,
            TrackingCode = await CaseCodes.NextTrackingCodeAsync(db, district.CasePrefix, registeredAt.InUtc().Year, cancellationToken),
            QueryCode = CaseCodes.NewQueryCode(),
            Kind = matter.Kind,
            Channel = channel,
            Title = matter.Title,
            Detail = $"{resident.Name}反映：{matter.Title}，请求有关部门依法处理。",
            CategoryCode = category,
            DivisionCode = resident.DivisionCode,
            RegisteringUnitId = registeringUnit,
            ResidentId = resident.Id,
            ResidentAccountId = resident.AccountId,
            RegisteredAt = registeredAt,
            RegisteredBy = "demo-clerk",
            FirstContact = "demo-clerk",
            ProfileCode = policy.Profile.Code,
        };
        db.Cases.Add(record);
        db.CaseParties.Add(new CaseParty { CaseId = id, ResidentId = resident.Id, Name = resident.Name }.WithPersonalDataOf(resident));
        await CaseEventLog.AppendAsync(db, id, transition.Event, cancellationToken);
        var file = transition.Case;
        CaseRowProjection.Apply(record, file, transition.Event);

        var at = registeredAt;
        IEnumerable<Func<Instant, CaseCommand>> Steps()
        {
            if (random.Next(12) == 0)
            {
                yield return t => new NotAcceptCase(t, "demo-clerk", "不属于信访受理范围，已告知通过诉讼途径解决");
                yield break;
            }
            yield return t => new AcceptCase(t, "demo-clerk");
            yield return t => new AssignCase(t, "demo-clerk", handlingUnit);
            yield return t => new StartHandling(t, "demo-handler");
            if (matter.Kind == CaseKind.Dispute)
            {
                yield return t => new RecordMediationSession(t, "demo-mediator", "人民调解员", "双方到场，陈述意见，初步达成一致");
            }
            yield return t => new SubmitReply(t, "demo-handler", $"经调查核实，{matter.Title}问题属实，已责成相关单位整改，依据有关规定作出处理；如不服，可在收到本意见之日起30日内申请复查。");
            yield return t => new ReplyToCase(t, "demo-director", "", handlingUnit);
            var rating = random.Next(10) switch { < 7 => CaseRating.Satisfied, < 9 => CaseRating.BasicallySatisfied, _ => CaseRating.Unsatisfied };
            yield return t => new RateCase(t, "demo-resident", rating);
            yield return t => new CloseCase(t, "demo-clerk");
        }
        if (!onTheSpot)
        {
            foreach (var step in Steps())
            {
                at += Duration.FromHours(4 + random.Next(24 * 6));
                if (at > now)
                {
                    break;
                }
                var next = file.Apply(step(at));
                await CaseEventLog.AppendAsync(db, id, next.Event, cancellationToken);
                file = next.Case;
                CaseRowProjection.Apply(record, file, next.Event);
            }
        }
    }

    // The first-level category each demo department's matters fall under.
    private static readonly Dictionary<string, string> CategoryOfDepartment = new(StringComparer.Ordinal)
    {
        ["housing"] = "城乡建设", ["hrss"] = "劳动和社会保障", ["environment"] = "环境保护", ["land"] = "国土资源",
        ["agriculture"] = "农村农业", ["civil"] = "民政", ["market"] = "商贸旅游", ["education"] = "教育文体",
        ["health"] = "卫生计生", ["transport"] = "交通运输",
    };

    private Dictionary<string, string> _categoryByName = [];

    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default) => !await db.Units.AnyAsync(cancellationToken);

    public Task<DemoSeedResult> SeedAsync(string password = DemoAccounts.DefaultPassword, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default) =>
        SeedAsync(DemoScale.Compact, password, progress, cancellationToken);

    /// <summary>
    /// The demo at the given scale. Both hold every record of the compact demo (the tests copy it); the year adds a
    /// simulated year of cases on top (<see cref="DemoYearSimulation"/>), for `run` and `seed demo`.
    /// </summary>
    public async Task<DemoSeedResult> SeedAsync(DemoScale scale, string password = DemoAccounts.DefaultPassword, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (!await IsEmptyAsync(cancellationToken))
        {
            throw new InvalidOperationException("数据库中已有单位数据，演示数据只写入空库 (the database already has units; the demo seeds only an empty database)");
        }
        var random = new Random(2026);
        progress?.Report(new ImportProgress("divisions", 0, 5));
        var imported = await importer.ImportAsync(DemoDistricts.ShippedDivisionsFolder, progress, cancellationToken);

        await Categories.CategoryImporter.ImportAsync(db, Categories.CategoryImporter.ShippedFile, cancellationToken);
        _categoryByName = await db.Categories.Where(c => c.Level == 1).ToDictionaryAsync(c => c.Name, c => c.Code, cancellationToken);
        progress?.Report(new ImportProgress("units", 1, 5));
        var divisions = await db.Divisions.AsNoTracking().ToListAsync(cancellationToken);
        var byParent = divisions.Where(d => d.ParentCode is not null).GroupBy(d => d.ParentCode!).ToDictionary(g => g.Key, g => g.OrderBy(d => d.Code, StringComparer.Ordinal).ToList());
        var units = new Dictionary<string, Unit>();
        var townUnits = new Dictionary<string, List<Unit>>();
        foreach (var district in DemoDistricts.All)
        {
            var name = divisions.Single(d => d.Code == district.Code).Name;
            Unit? government = null;
            foreach (var (key, suffix, kind) in DistrictUnits)
            {
                var unit = new Unit
                {
                    Name = name + suffix,
                    Kind = kind,
                    DivisionCode = district.Code,
                    ParentUnitId = government?.Id,
                    DocumentPrefix = key switch
                    {
                        "bureau" => district.DocumentShort + "信",
                        "joint" => district.DocumentShort + "信联",
                        "discipline" => district.DocumentShort + "纪",
                        "procuratorate" => district.DocumentShort + "检",
                        _ => null,
                    },
                };
                government ??= unit;
                units[$"{district.Code}:{key}"] = unit;
            }
            var list = townUnits[district.Code] = [];
            var towns = byParent.GetValueOrDefault(district.Code) ?? [];
            for (var t = 0; t < towns.Count; t++)
            {
                var town = towns[t];
                var townGovernment = new Unit
                {
                    Name = town.Name + (town.Name.EndsWith("街道", StringComparison.Ordinal) ? "办事处" : "人民政府"),
                    Kind = UnitKind.Government,
                    DivisionCode = town.Code,
                    ParentUnitId = government!.Id,
                };
                list.Add(townGovernment);
                units[$"{town.Code}:government"] = townGovernment;
                units[$"{town.Code}:judicial"] = new Unit { Name = town.Name + "司法所", Kind = UnitKind.JudicialOffice, DivisionCode = town.Code, ParentUnitId = units[$"{district.Code}:justice"].Id };
                units[$"{town.Code}:police"] = new Unit { Name = town.Name + "派出所", Kind = UnitKind.PoliceStation, DivisionCode = town.Code, ParentUnitId = units[$"{district.Code}:police"].Id };
                if (t < 2)
                {
                    foreach (var village in (byParent.GetValueOrDefault(town.Code) ?? []).Take(3))
                    {
                        units[$"{village.Code}:committee"] = new Unit { Name = village.Name, Kind = UnitKind.VillageCommittee, DivisionCode = village.Code, ParentUnitId = townGovernment.Id };
                    }
                }
                if (t == 0)
                {
                    units[$"{district.Code}:town"] = townGovernment;
                    units[$"{district.Code}:judicial"] = units[$"{town.Code}:judicial"];
                    var firstVillage = byParent.GetValueOrDefault(town.Code)?.FirstOrDefault();
                    if (firstVillage is not null)
                    {
                        units[$"{district.Code}:village"] = units[$"{firstVillage.Code}:committee"];
                    }
                }
            }
        }
        db.Units.AddRange(units.Values.Distinct());
        await db.SaveChangesAsync(cancellationToken);

        progress?.Report(new ImportProgress("accounts", 2, 5));
        await accounts.EnsureRolesAsync();
        var accountIds = new Dictionary<string, string>();
        foreach (var account in DemoAccounts.All)
        {
            var unitId = account.UnitKey is null ? (Guid?)null : units[account.UnitKey].Id;
            var result = await accounts.CreateAsync(new NewAccount(account.UserName, account.DisplayName, password, unitId, [account.Role]), cancellationToken);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"demo account {account.UserName}: " + string.Join("; ", result.Errors.SelectMany(e => e.Value)));
            }
            accountIds[account.UserName] = result.UserId!;
        }

        progress?.Report(new ImportProgress("residents", 3, 5));
        await protector.EnsureReadyAsync(cancellationToken);
        var today = clock.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).Date;
        var villagesByDistrict = divisions.Where(d => d.Level == DivisionLevel.Village).GroupBy(d => d.Code[..6]).ToDictionary(g => g.Key, g => g.ToList());
        var residents = new List<Resident>();
        foreach (var district in DemoDistricts.All)
        {
            var villages = villagesByDistrict[district.Code];
            for (var i = 0; i < 24; i++)
            {
                var birth = new LocalDate(1950 + random.Next(55), 1 + random.Next(12), 1 + random.Next(28));
                var name = Surnames[random.Next(Surnames.Length)] + GivenNames[random.Next(GivenNames.Length)];
                var idNumber = ResidentIdNumber.Create(district.Code, birth, random.Next(1, 999)).Value;
                var phone = $"1{3 + random.Next(6)}{random.Next(100_000_000, 999_999_999)}";
                residents.Add(new Resident { Name = name, DivisionCode = villages[random.Next(villages.Count)].Code }.Protect(protector, idNumber, phone));
            }
        }
        var residentAccountHolder = residents[0];
        residentAccountHolder.Name = "马建国";
        residentAccountHolder.AccountId = accountIds["resident"];
        db.Residents.AddRange(residents);
        await db.SaveChangesAsync(cancellationToken);

        progress?.Report(new ImportProgress("cases", 4, 5));
        var now = clock.GetCurrentInstant();
        var caseCount = 0;
        var channels = Enum.GetValues<CaseChannel>();
        foreach (var district in DemoDistricts.All)
        {
            var districtResidents = residents.Where(r => r.DivisionCode.StartsWith(district.Code, StringComparison.Ordinal)).ToList();
            var times = Enumerable.Range(0, 40).Select(_ => now - Duration.FromMinutes(random.Next(90 * 24 * 60))).Order().ToList();
            for (var i = 0; i < times.Count; i++)
            {
                var matter = Matters[random.Next(Matters.Length)];
                var resident = i % 20 == 7 && district.Code == "370505" ? residentAccountHolder : districtResidents[random.Next(districtResidents.Count)];
                var towns = townUnits[district.Code];
                var registeringUnit = random.Next(3) == 0 ? towns[random.Next(towns.Count)].Id : units[$"{district.Code}:bureau"].Id;
                var handlingUnit = units[$"{district.Code}:{matter.Department}"].Id;
                await SeedCaseAsync(random, district, matter, channels[random.Next(channels.Length)], resident, registeringUnit, handlingUnit, times[i], now, cancellationToken);
                caseCount++;
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        caseCount += await new Text.TextDemoSeeder(db, rules, clock, protector).SeedAsync(cancellationToken);
        caseCount += await Portal.Open311DemoSeeder.SeedAsync(db, rules, clock, protector, cancellationToken);
        await Whistles.WhistleDemoSeeder.SeedAsync(db, rules, now, cancellationToken);
        await new Grid.GridDemoSeeder(db, rules, clock, protector).SeedAsync(accountIds, cancellationToken);
        await new ServiceMenu.ServiceProviderDemoSeeder(db, clock, protector).SeedAsync(accountIds, cancellationToken);
        await new JudicialAid.JudicialAidDemoSeeder(db).SeedAsync(now, cancellationToken);
        await new Mediation.MediationDemoSeeder(db).SeedAsync(now, cancellationToken);
        await new Mediation.CentreDemoSeeder(db).SeedAsync(now, cancellationToken);
        await new Suggestions.SuggestionDemoSeeder(db).SeedAsync(now, cancellationToken);
        await new Mediation.PetitionMediationDemoSeeder(db, clock).SeedAsync(cancellationToken);
        await new Procuratorate.ProcuratorateDemoSeeder(db, rules.Calendar).SeedAsync(now, cancellationToken);
        caseCount += await new Contracting.ContractingDemoSeeder(db, rules, clock, protector).SeedAsync(accountIds, cancellationToken);
        if (scale == DemoScale.Year)
        {
            var context = new DemoYearSimulation.Context(units, townUnits, Matters,
                CategoryOfDepartment.ToDictionary(c => c.Key, c => _categoryByName.GetValueOrDefault(c.Value)), Surnames, GivenNames, villagesByDistrict);
            caseCount += await new DemoYearSimulation(db, rules, protector).SeedAsync(context, now, cancellationToken);
        }
        progress?.Report(new ImportProgress("done", 5, 5));
        return new DemoSeedResult(imported.Total, units.Values.Distinct().Count(), DemoAccounts.All.Count, residents.Count, caseCount);
    }
}
