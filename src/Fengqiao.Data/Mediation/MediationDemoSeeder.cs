using Fengqiao.Core.Mediation;
using Fengqiao.Core.Organisations;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Mediation;

/// <summary>
/// Demo people's mediation in the demo district: village, town and industry committees guided by their judicial
/// offices, named rooms (老杨调解室 …), mediators including a 新乡贤, and mediations in every state, each taken through
/// the desk (so through Core's rules) with its steps days apart. Deterministic: fixed names and offsets.
/// </summary>
public sealed class MediationDemoSeeder(FengqiaoDbContext db)
{
    public const string DemoDistrict = "370505";

    private sealed class StepClock : IClock
    {
        public Instant Now { get; set; }

        public Instant GetCurrentInstant() => Now;
    }

    private static CommitteeMember[] Members(params (string Name, bool Woman)[] people) =>
        [.. people.Select((p, i) => new CommitteeMember(p.Name, p.Woman, i == 0 ? CommitteeSeat.Director : i == 1 ? CommitteeSeat.Deputy : CommitteeSeat.Member))];

    public async Task<int> SeedAsync(Instant now, CancellationToken ct = default)
    {
        var district = await db.Divisions.AsNoTracking().FirstOrDefaultAsync(d => d.Code == DemoDistrict, ct);
        var towns = await db.Divisions.AsNoTracking().Where(d => d.Code.StartsWith(DemoDistrict) && d.Level == DivisionLevel.Town).OrderBy(d => d.Code).Take(2).ToListAsync(ct);
        if (district is null || towns.Count < 2)
        {
            return 0;
        }
        var villages1 = await db.Divisions.AsNoTracking().Where(d => d.ParentCode == towns[0].Code).OrderBy(d => d.Code).Take(2).ToListAsync(ct);
        var village3 = await db.Divisions.AsNoTracking().Where(d => d.ParentCode == towns[1].Code).OrderBy(d => d.Code).FirstOrDefaultAsync(ct);
        var offices = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.JudicialOffice && u.DivisionCode.StartsWith(DemoDistrict))
            .ToDictionaryAsync(u => u.DivisionCode, u => u.Id, ct);
        if (villages1.Count < 2 || village3 is null || !offices.ContainsKey(towns[0].Code) || !offices.ContainsKey(towns[1].Code) || !offices.ContainsKey(DemoDistrict))
        {
            return 0;
        }
        var clock = new StepClock { Now = now - Duration.FromDays(400) };
        var desk = new MediationDesk(db, clock);

        async Task<Guid> CommitteeAsync(string name, CommitteeKind kind, string division, string? field, Guid office, CommitteeMember[] members) =>
            (await desk.RegisterCommitteeAsync(new NewCommittee(name, kind, division, field, members), office, ct)).Id;

        var village = await CommitteeAsync(villages1[0].Name + "人民调解委员会", CommitteeKind.Village, villages1[0].Code, null, offices[towns[0].Code],
            Members(("杨德厚", false), ("王桂芝", true), ("李长顺", false), ("张秀梅", true), ("刘树林", false)));
        var town = await CommitteeAsync(towns[0].Name + "人民调解委员会", CommitteeKind.Town, towns[0].Code, null, offices[towns[0].Code],
            Members(("陈立新", false), ("赵红霞", true), ("孙建国", false), ("周文斌", false), ("吴丽娟", true), ("郑海涛", false), ("冯志强", false)));
        var otherVillage = await CommitteeAsync(village3.Name + "人民调解委员会", CommitteeKind.Village, village3.Code, null, offices[towns[1].Code],
            Members(("马庆丰", false), ("韩玉兰", true), ("高德胜", false)));
        var medical = await CommitteeAsync(district.Name + "医疗纠纷人民调解委员会", CommitteeKind.Industry, DemoDistrict, "医疗纠纷", offices[DemoDistrict],
            Members(("孙明德", false), ("林静", true), ("何志远", false), ("许文华", true), ("宋立民", false)));
        var traffic = await CommitteeAsync(district.Name + "道路交通事故纠纷人民调解委员会", CommitteeKind.Industry, DemoDistrict, "道路交通事故", offices[DemoDistrict],
            Members(("董建军", false), ("田晓燕", true), ("曹永刚", false)));

        var laoYang = (await desk.AddRoomAsync(village, "老杨调解室", "新乡贤杨德厚坐镇，每周二、五上午在村委会接待，专调邻里、婚姻家庭和宅基地纠纷。", ct))!.Id;
        var heWeiGui = (await desk.AddRoomAsync(town, "和为贵调解室", "设在镇矛盾纠纷多元化解中心一楼，工作日全天接待。", ct))!.Id;
        var harmony = (await desk.AddRoomAsync(medical, "医患和谐调解室", "设在区人民医院门诊楼旁，医患双方可就近申请调解。", ct))!.Id;
        var yang = (await desk.AddMediatorAsync(village, "杨德厚", MediatorEmployment.PartTime, ["邻里纠纷", "婚姻家庭", "宅基地"], true,
            "退休教师，当过二十年村支书，村里人都叫他“老杨”。讲理、公道，调解过的纠纷三百多起。", ct))!.Id;
        await desk.AddMediatorAsync(village, "王桂芝", MediatorEmployment.PartTime, ["婚姻家庭"], false, "村妇联主席，擅长婆媳、夫妻矛盾调解。", ct);
        var chen = (await desk.AddMediatorAsync(town, "陈立新", MediatorEmployment.FullTime, ["土地承包", "合同纠纷", "劳动争议"], false,
            "镇司法所专职人民调解员，法律专业毕业，从事调解工作十二年。", ct))!.Id;
        await desk.AddMediatorAsync(otherVillage, "马庆丰", MediatorEmployment.PartTime, ["邻里纠纷"], true, "村里的老党员、老族长，热心公益。", ct);
        var sun = (await desk.AddMediatorAsync(medical, "孙明德", MediatorEmployment.FullTime, ["医疗纠纷"], false, "退休主任医师，熟悉医疗损害鉴定和赔偿标准。", ct))!.Id;
        var dong = (await desk.AddMediatorAsync(traffic, "董建军", MediatorEmployment.FullTime, ["道路交通事故"], false, "原交警大队事故中队长。", ct))!.Id;

        Instant Day(int daysAgo, int hour = 10) => now - Duration.FromDays(daysAgo) + Duration.FromHours(hour - 10);
        async Task<Guid> OpenAsync(Guid committee, Guid? room, Guid? mediator, MediationInitiation initiation, DisputeKind kind, string matter, string applicant,
            string respondent, int daysAgo)
        {
            clock.Now = Day(daysAgo);
            return (await desk.OpenAsync(new NewMediationRequest(committee, room, mediator, initiation, kind, matter,
                [new MediationParty(applicant, PartySide.Applicant), new MediationParty(respondent, PartySide.Respondent)]), "人民调解员", ct)).Id;
        }
        async Task StepAsync(Guid id, int daysAgo, MediationAction action, MediationStep? step = null, string actor = "人民调解员 杨德厚")
        {
            clock.Now = Day(daysAgo, 15);
            await desk.TakeAsync(id, null, new MediationActor(actor, [StaffRole.JudicialOfficer]), action, step ?? new MediationStep(), ct);
        }
        MediationStep Session(string place, string record, params string[] people) => new(Place: place, Participants: people, Record: record);
        MediationStep Terms(int daysAgo, string a, string b, string facts, string matters, string responsibility, string terms, string manner, int performWithinDays) =>
            new(Terms: new AgreementTerms([a, b], facts, matters, responsibility, terms, manner, Day(daysAgo).InZone(Core.Mediation.Mediation.Zone).Date.PlusDays(performWithinDays)));

        // Applied yesterday in 老杨调解室, waiting for acceptance.
        await OpenAsync(village, laoYang, yang, MediationInitiation.OneParty, DisputeKind.Neighbour, "邻居在两家共用的过道上堆放柴草，影响通行，且有火灾隐患，多次交涉未果。", "王德福", "李春生", 1);

        // Accepted; the other party has not yet said whether they agree.
        var awaiting = await OpenAsync(village, laoYang, yang, MediationInitiation.OneParty, DisputeKind.Family, "婚后与公婆同住，因家务和赡养费分担长期争吵，要求分户居住。", "刘晓红", "张守业", 4);
        await StepAsync(awaiting, 3, MediationAction.Accept);

        // In mediation with one session; the town committee's room.
        var land = await OpenAsync(town, heWeiGui, chen, MediationInitiation.BothParties, DisputeKind.Land, "两户承包地地界不清，一方耕种时越界约半米，双方各执一词。", "周长海", "吴大庆", 12);
        await StepAsync(land, 11, MediationAction.Accept, actor: "人民调解员 陈立新");
        await StepAsync(land, 8, MediationAction.RecordSession, Session("和为贵调解室", "周长海称对方越界耕种；吴大庆称地界桩早年被冲毁，按老习惯耕种。约定共同找村组长和原承包合同核对四至。", "周长海", "吴大庆", "陈立新"), "人民调解员 陈立新");

        // Started by the committee after a grid report; the month has run out without an extension.
        var lapsed = await OpenAsync(town, null, chen, MediationInitiation.Committee, DisputeKind.Labour, "网格员上报：建筑工地拖欠 6 名工人工资共 4.2 万元，工人聚集讨薪。", "工人代表 孙大勇", "某建筑劳务公司", 45);
        await StepAsync(lapsed, 44, MediationAction.RecordConsent, actor: "人民调解员 陈立新");
        await StepAsync(lapsed, 40, MediationAction.RecordSession, Session("镇矛盾纠纷多元化解中心", "公司称总包方未结算工程款；工人要求年前结清。公司承诺一周内提供结算材料。", "孙大勇", "公司项目经理", "陈立新"), "人民调解员 陈立新");

        // Written agreement drafted, waiting for the signatures and the seal.
        var drafted = await OpenAsync(village, laoYang, yang, MediationInitiation.OneParty, DisputeKind.Neighbour, "新建房屋的滴水檐伸入邻居院内，雨水冲刷邻居墙基。", "赵永利", "钱富贵", 9);
        await StepAsync(drafted, 8, MediationAction.Accept);
        await StepAsync(drafted, 7, MediationAction.RecordConsent);
        await StepAsync(drafted, 5, MediationAction.RecordSession, Session("老杨调解室", "双方到现场查看，钱富贵同意改造滴水檐，赵永利同意不再要求赔偿墙基修缮费。", "赵永利", "钱富贵", "杨德厚"));
        await StepAsync(drafted, 4, MediationAction.DraftAgreement, Terms(4, "赵永利", "钱富贵", "钱富贵新建房屋滴水檐伸入赵永利院内约 30 厘米，雨水冲刷赵永利家墙基。",
            "滴水檐是否改造及墙基修缮费用。", "钱富贵建房未留足滴水距离，负主要责任。", "钱富贵于协议生效后十五日内将滴水檐改为内排水；赵永利放弃墙基修缮费用请求。", "钱富贵自行施工，完工后由调解委员会现场验收。", 20));

        // Agreement in effect ten days ago: 20 days left for judicial confirmation.
        var agreed = await OpenAsync(village, laoYang, yang, MediationInitiation.OneParty, DisputeKind.Damages, "邻居家的狗咬伤申请人小腿，医药费和误工费协商不成。", "孙桂英", "郑老三", 20);
        await StepAsync(agreed, 19, MediationAction.Accept);
        await StepAsync(agreed, 18, MediationAction.RecordConsent);
        await StepAsync(agreed, 14, MediationAction.RecordSession, Session("老杨调解室", "双方核对医药费票据 2,860 元；郑老三承认未拴狗。", "孙桂英", "郑老三", "杨德厚"));
        await StepAsync(agreed, 12, MediationAction.DraftAgreement, Terms(12, "孙桂英", "郑老三", "郑老三饲养的犬只未拴养，咬伤孙桂英左小腿。",
            "医药费、误工费的赔偿数额。", "郑老三未尽管理义务，承担全部责任。", "郑老三赔偿孙桂英医药费 2,860 元、误工费 1,200 元，共计 4,060 元。", "分两期支付，现金交付并由调解员见证", 30));
        await StepAsync(agreed, 10, MediationAction.SignAgreement);

        // Industry mediation: agreement confirmed by the court.
        var hospital = await OpenAsync(medical, harmony, sun, MediationInitiation.BothParties, DisputeKind.Medical, "术后感染致二次手术，患者家属要求医院赔偿。", "患者家属 林建华", "区某医院", 60);
        await StepAsync(hospital, 59, MediationAction.Accept, actor: "人民调解员 孙明德");
        await StepAsync(hospital, 52, MediationAction.RecordSession, Session("医患和谐调解室", "医院介绍诊疗经过；家属提出赔偿 15 万元；调解员释明医疗损害责任的构成。", "林建华", "医院医务科 刘主任", "孙明德"), "人民调解员 孙明德");
        await StepAsync(hospital, 45, MediationAction.DraftAgreement, Terms(45, "患者家属 林建华", "区某医院", "患者术后切口感染，经二次手术治愈。",
            "医院是否存在过错及赔偿数额。", "医院术后观察不够及时，承担次要责任。", "医院一次性补偿患者各项损失 6.8 万元，双方就此事再无争议。", "银行转账至患者账户", 15), "人民调解员 孙明德");
        await StepAsync(hospital, 44, MediationAction.SignAgreement, actor: "人民调解员 孙明德");
        await StepAsync(hospital, 40, MediationAction.ApplyForConfirmation, new MediationStep(Court: district.Name + "人民法院"), "人民调解员 孙明德");
        await StepAsync(hospital, 33, MediationAction.RecordConfirmationRuling, new MediationStep(Confirmed: true, Ruling: "（2026）鲁0505民特 号，确认调解协议有效"), "人民调解员 孙明德");

        // Oral agreement, performed.
        var performed = await OpenAsync(village, laoYang, yang, MediationInitiation.OneParty, DisputeKind.Neighbour, "邻居装修时堆放的建筑垃圾堵住了排水沟。", "李红梅", "陈家旺", 30);
        await StepAsync(performed, 29, MediationAction.Accept);
        await StepAsync(performed, 29, MediationAction.RecordConsent);
        await StepAsync(performed, 28, MediationAction.RecordSession, Session("现场", "陈家旺当场道歉，答应三日内清走垃圾。", "李红梅", "陈家旺", "杨德厚"));
        await StepAsync(performed, 28, MediationAction.RecordOralAgreement, new MediationStep(Content: "陈家旺三日内清运建筑垃圾并疏通排水沟。"));
        await StepAsync(performed, 24, MediationAction.RecordFollowUp, new MediationStep(Finding: PerformanceFinding.Performed, Note: "回访查看，垃圾已清运，排水通畅。"));

        // Failed: the parties were told of arbitration and the court.
        var failed = await OpenAsync(town, heWeiGui, chen, MediationInitiation.OneParty, DisputeKind.Contract, "合伙养殖散伙后，对共有鱼塘的分割和欠款数额争议较大。", "冯建设", "韩德明", 35);
        await StepAsync(failed, 34, MediationAction.Accept, actor: "人民调解员 陈立新");
        await StepAsync(failed, 33, MediationAction.RecordConsent, actor: "人民调解员 陈立新");
        await StepAsync(failed, 30, MediationAction.RecordSession, Session("和为贵调解室", "双方对账目分歧超过 8 万元，均不让步。", "冯建设", "韩德明", "陈立新"), "人民调解员 陈立新");
        await StepAsync(failed, 26, MediationAction.RecordFailure, new MediationStep(Reason: "双方对合伙账目分歧过大，经两次调解仍不能达成一致。",
            Routes: "已告知双方可依合伙协议的仲裁条款申请仲裁，或向人民法院提起诉讼，并介绍了法律援助申请途径。"), "人民调解员 陈立新");

        // Not accepted: already before the court.
        var refused = await OpenAsync(traffic, null, dong, MediationInitiation.OneParty, DisputeKind.Traffic, "电动车与小轿车剐蹭，对维修费数额有争议。", "曹小军", "田某", 15);
        await StepAsync(refused, 14, MediationAction.RefuseApplication, new MediationStep(Reason: "被申请人已就该纠纷向人民法院起诉，法院已立案受理（人民调解法第十八条）。"), "人民调解员 董建军");

        // The other party refused to be mediated.
        var declined = await OpenAsync(otherVillage, null, null, MediationInitiation.OneParty, DisputeKind.Neighbour, "邻居新栽的杨树遮挡申请人家的大棚采光。", "高宝山", "韩二柱", 18);
        await StepAsync(declined, 17, MediationAction.Accept, actor: "人民调解员 马庆丰");
        await StepAsync(declined, 16, MediationAction.RecordDeclined, new MediationStep(Reason: "韩二柱明确表示不同意调解，称树栽在自家承包地内。"), "人民调解员 马庆丰");

        // Agreed, not performed after urging: guided to sue.
        var unpaid = await OpenAsync(town, heWeiGui, chen, MediationInitiation.OneParty, DisputeKind.Contract, "借款 3 万元到期未还。", "吴长江", "郑小军", 90);
        await StepAsync(unpaid, 89, MediationAction.Accept, actor: "人民调解员 陈立新");
        await StepAsync(unpaid, 88, MediationAction.RecordConsent, actor: "人民调解员 陈立新");
        await StepAsync(unpaid, 85, MediationAction.RecordSession, Session("和为贵调解室", "郑小军承认借款，称生意周转困难。", "吴长江", "郑小军", "陈立新"), "人民调解员 陈立新");
        await StepAsync(unpaid, 85, MediationAction.DraftAgreement, Terms(85, "吴长江", "郑小军", "郑小军向吴长江借款 3 万元，约定一年归还，已逾期。",
            "还款期限和方式。", "郑小军逾期未还，应承担还款责任。", "郑小军分三个月归还借款 3 万元，每月 1 万元。", "银行转账", 90), "人民调解员 陈立新");
        await StepAsync(unpaid, 84, MediationAction.SignAgreement, actor: "人民调解员 陈立新");
        await StepAsync(unpaid, 40, MediationAction.RecordFollowUp, new MediationStep(Finding: PerformanceFinding.Urged, Note: "仅归还 1 万元，已电话督促。"), "人民调解员 陈立新");
        await StepAsync(unpaid, 5, MediationAction.RecordFollowUp, new MediationStep(Finding: PerformanceFinding.GuidedToSue, Note: "逾期仍未履行，已告知吴长江可持调解协议向人民法院起诉。"), "人民调解员 陈立新");
        return 12;
    }
}
