using Fengqiao.Core.JudicialAid;
using Fengqiao.Core.Organisations;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.JudicialAid;

/// <summary>
/// Demo judicial aid at 垦利区人民检察院: one application at every stage, from one waiting for review to one paid,
/// checked and closed, each taken through the desk (so through Core's rules) with its steps days apart.
/// Deterministic: fixed names, amounts and offsets.
/// </summary>
public sealed class JudicialAidDemoSeeder(FengqiaoDbContext db)
{
    public const string DemoDistrict = "370505";

    private sealed class StepClock : IClock
    {
        public Instant Now { get; set; }

        public Instant GetCurrentInstant() => Now;
    }

    private static Dictionary<string, CriterionFinding> Findings(string ground, bool conditionsMet) =>
        EligibilityCriteria.Default.AskedFor(ground).ToDictionary(c => c.Code, c => c.Kind switch
        {
            CriterionKind.Ground => new CriterionFinding(true, "经调阅卷宗、走访村委会核实"),
            CriterionKind.Condition => new CriterionFinding(conditionsMet, conditionsMet ? "经核实符合" : "生活困难主要因经营亏损，与案件无直接因果关系"),
            _ => new CriterionFinding(false, "经核实不存在"),
        });

    public async Task<int> SeedAsync(Instant now, CancellationToken ct = default)
    {
        var unit = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.Procuratorate && u.DivisionCode == DemoDistrict).Select(u => u.Id).FirstOrDefaultAsync(ct);
        var villages = await db.Divisions.AsNoTracking().Where(d => d.Code.StartsWith(DemoDistrict) && d.Level == DivisionLevel.Village)
            .OrderBy(d => d.Code).Select(d => d.Code).Take(40).ToListAsync(ct);
        if (unit == Guid.Empty || villages.Count < 6)
        {
            return 0;
        }
        var clock = new StepClock();
        var desk = new JudicialAidDesk(db, clock);
        const string Actor = "procurator";
        Instant Day(int daysAgo, int hour = 10) => now - Duration.FromDays(daysAgo) + Duration.FromHours(hour - 10);

        async Task<Guid> ApplyAsync(string applicant, string reference, string circumstances, string village, int daysAgo)
        {
            clock.Now = Day(daysAgo);
            return (await desk.ApplyAsync(new NewAidApplication(applicant, reference, circumstances, village), unit, Actor, ct)).Id;
        }

        async Task StepAsync(int daysAgo, Func<Guid, Task> step, Guid id)
        {
            clock.Now = Day(daysAgo, 15);
            await step(id);
        }

        // Paid in two parts to the mother and her child, checked at the village, closed.
        var liu = await ApplyAsync("刘桂兰", "垦检刑诉〔2026〕41号", "丈夫在故意伤害案中死亡，加害人无赔偿能力；本人务农，独自抚养上小学的女儿，家庭无其他收入。", villages[3], 75);
        await StepAsync(68, id => desk.ReviewAsync(id, null, Findings("G3", true), Actor, ct), liu);
        await StepAsync(60, id => desk.DecideAsync(id, null, 60_000m, [new Beneficiary("刘桂兰", "配偶", null, false, null), new Beneficiary("张小雨", "子女", null, true, "刘桂兰")],
            true, "检察长 王立", Actor, ct), liu);
        await StepAsync(55, id => desk.SignAgreementAsync(id, null, new NewSupervisionAgreement("刘桂兰", "村委会主任 张振华", "检察官 郑洁",
            "救助金专款用于张小雨的学费、生活费和刘桂兰的基本生活；村委会每季度走访核实支出票据，检察院每半年回访。", null), Actor, ct), liu);
        await StepAsync(50, id => desk.DisburseAsync(id, null, 40_000m, "刘桂兰", "KLJZ-2026-041-01", Actor, ct), liu);
        await StepAsync(50, id => desk.DisburseAsync(id, null, 20_000m, "张小雨", "KLJZ-2026-041-02", Actor, ct), liu);
        await StepAsync(20, id => desk.FollowUpAsync(id, null, "检察官 郑洁、村委会主任 张振华", "学费和校服费已缴，票据齐全；家中添置了冬季取暖煤。", true, Actor, ct), liu);
        await StepAsync(18, id => desk.CloseAsync(id, null, Actor, ct), liu);

        // Agreement signed and part paid; the first follow-up is due.
        var chen = await ApplyAsync("陈海燕", "垦检刑诉〔2026〕52号", "女儿在故意伤害案中受重伤，需长期康复治疗，加害人在押无力赔偿，家庭负债。", villages[9], 40);
        await StepAsync(35, id => desk.ReviewAsync(id, null, Findings("G1", true), Actor, ct), chen);
        await StepAsync(30, id => desk.DecideAsync(id, null, 50_000m, [new Beneficiary("陈小月", "子女", null, true, "陈海燕")], true, "检察长 王立", Actor, ct), chen);
        await StepAsync(27, id => desk.SignAgreementAsync(id, null, new NewSupervisionAgreement("陈海燕", "村委会主任 李国庆", "检察官 郑洁",
            "救助金专款用于陈小月的康复治疗和营养费用，凭医院票据分两次发放；村委会按月了解治疗情况。", null), Actor, ct), chen);
        await StepAsync(25, id => desk.DisburseAsync(id, null, 30_000m, "陈小月", "KLJZ-2026-052-01", Actor, ct), chen);

        // An adult's aid, not supervised, decided and waiting for payment.
        var zhao = await ApplyAsync("赵德明", "垦检刑诉〔2026〕58号", "在交通肇事案中受伤致九级伤残，肇事者逃逸后无力赔偿，本人失去劳动能力。", villages[15], 21);
        await StepAsync(16, id => desk.ReviewAsync(id, null, Findings("G6", true), Actor, ct), zhao);
        await StepAsync(9, id => desk.DecideAsync(id, null, 25_000m, [new Beneficiary("赵德明", "本人", null, false, null)], false, "检察长 王立", Actor, ct), zhao);

        // Refused with the reasons and closed.
        var sun = await ApplyAsync("孙文斌", "垦检刑诉〔2026〕61号", "所经营的小店被盗，经营亏损，申请救助。", villages[21], 30);
        await StepAsync(24, id => desk.ReviewAsync(id, null, Findings("G4", false), Actor, ct), sun);
        await StepAsync(22, id => desk.CloseAsync(id, null, Actor, ct), sun);

        // Eligible, waiting for the decision; and a new one waiting for review.
        var li = await ApplyAsync("李志强", "垦检刑诉〔2026〕66号", "作为证人出庭作证后遭报复伤害，住院治疗费用无力承担。", villages[27], 12);
        await StepAsync(6, id => desk.ReviewAsync(id, null, Findings("G5", true), Actor, ct), li);
        await ApplyAsync("王秀英", "垦检刑诉〔2026〕70号", "儿子在抢劫案中被害，本人年迈多病，无其他子女赡养。", villages[33], 2);
        return 6;
    }
}
