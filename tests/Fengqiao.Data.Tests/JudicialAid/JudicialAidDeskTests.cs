using Fengqiao.Core;
using Fengqiao.Core.JudicialAid;
using Fengqiao.Core.Organisations;
using Fengqiao.Data.JudicialAid;
using Fengqiao.Data.Tests.Whistles;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Tests.JudicialAid;

/// <summary>The judicial-aid desk on the seeded demo: the whole lifecycle stored as a log and rebuilt from it, and the refusals that leave nothing behind.</summary>
public sealed class JudicialAidDeskTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    private const string Village = "370505001202";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, CriterionFinding> Findings(bool eligible) =>
        EligibilityCriteria.Default.Criteria.ToDictionary(c => c.Code, c => new CriterionFinding(c.Kind switch
        {
            CriterionKind.Ground => c.Code == "G3",
            CriterionKind.Condition => eligible,
            _ => false,
        }, "经查阅卷宗和走访核实"));

    private async Task<Guid> ProcuratorateAsync(FengqiaoDbContext db) =>
        await db.Units.Where(u => u.Kind == UnitKind.Procuratorate && u.DivisionCode == "370505").Select(u => u.Id).SingleAsync(Ct);

    [Fact]
    public async Task An_application_goes_to_supervised_disbursement_and_closes_and_the_log_rebuilds_the_same_case()
    {
        await using var db = fixture.Database.Context();
        var desk = new JudicialAidDesk(db, TestTime.Clock);
        var unit = await ProcuratorateAsync(db);

        var applied = await desk.ApplyAsync(new NewAidApplication("刘桂兰", "垦检刑诉〔2026〕141号", "丈夫遇害，独自抚养两名未成年子女，无力维持生活", Village), unit, "procurator", Ct);
        var reviewed = await desk.ReviewAsync(applied.Id, applied.Version, Findings(true), "procurator", Ct);
        var decided = await desk.DecideAsync(applied.Id, reviewed!.Record.Version, 60_000m,
            [new Beneficiary("刘桂兰", "配偶", null, false, null), new Beneficiary("张小雨", "子女", null, true, "刘桂兰")], true, "检察长 王立", "procurator", Ct);
        var signed = await desk.SignAgreementAsync(applied.Id, decided!.Record.Version,
            new NewSupervisionAgreement("刘桂兰", "村委会主任 张振华", "检察官 郑洁", "专款用于子女学费和基本生活，村委会每季度核实", null), "procurator", Ct);
        await desk.DisburseAsync(applied.Id, signed!.Record.Version, 40_000m, "刘桂兰", "PZ-2026-0041-1", "procurator", Ct);
        var second = await desk.DisburseAsync(applied.Id, null, 20_000m, "张小雨", "PZ-2026-0041-2", "procurator", Ct);
        var checkedUp = await desk.FollowUpAsync(applied.Id, second!.Record.Version, "检察官 郑洁", "学费已缴，票据齐全", true, "procurator", Ct);
        var closed = await desk.CloseAsync(applied.Id, checkedUp!.Record.Version, "procurator", Ct);

        Assert.Equal(JudicialAidState.Closed, closed!.Case.State);
        Assert.Equal(60_000m, closed.Record.Disbursed);
        Assert.Equal(60_000m, closed.Record.DecidedAmount);
        Assert.True(closed.Record.SupervisionAgreed);
        Assert.Equal(1, closed.Record.FollowUpChecks);
        // The committee and the procuratorate are named from the records, not typed at the desk.
        Assert.Equal("垦利区人民检察院", closed.Case.Agreement!.Procuratorate.Organisation);
        Assert.Equal(await db.Divisions.Where(d => d.Code == Village).Select(d => d.Name).SingleAsync(Ct), closed.Case.Agreement.VillageCommittee.Organisation);
        Assert.Equal(["aid.applied", "aid.reviewed", "aid.decided", "aid.agreement-signed", "aid.disbursed", "aid.disbursed", "aid.followed-up", "aid.closed"],
            closed.Events.Select(e => e.Kind));
        Assert.Equal(Enumerable.Range(1, 8), closed.Events.Select(e => e.Sequence));
        var replayed = JudicialAidDesk.Replay(closed.Events);
        Assert.Equal(closed.Case.Disbursements, replayed.Disbursements);
        Assert.Equal(closed.Case.History.Select(h => (h.Kind, h.After)), replayed.History.Select(h => (h.Kind, h.After)));
    }

    [Fact]
    public async Task Circumstances_as_long_as_the_limit_allows_in_Chinese_fit_the_event_log_and_read_back()
    {
        await using var db = fixture.Database.Context();
        var desk = new JudicialAidDesk(db, TestTime.Clock);
        var circumstances = string.Concat(Enumerable.Repeat("丈夫因工伤去世，独自抚养三个孩子，靠打零工维持生活。", 200))[..TextLimits.AidCircumstances];

        var applied = await desk.ApplyAsync(new NewAidApplication("孙玉梅", "垦检刑诉〔2026〕188号", circumstances, Village), await ProcuratorateAsync(db), "procurator", Ct);

        // The event's column holds it (PostgreSQL refuses longer text; SQLite would store it silently).
        var column = db.Model.FindEntityType(typeof(JudicialAidEventRecord))!.FindProperty(nameof(JudicialAidEventRecord.Data))!.GetMaxLength();
        var logged = await db.JudicialAidEvents.AsNoTracking().Where(e => e.ApplicationId == applied.Id).SingleAsync(Ct);
        Assert.InRange(logged.Data?.Length ?? 0, circumstances.Length, column!.Value);
        var view = await desk.FindAsync(applied.Id, Ct);
        Assert.Equal(circumstances, view!.Case.Circumstances);
    }

    [Fact]
    public async Task Supervised_money_waits_for_the_agreement_and_never_exceeds_the_decision_and_a_refused_step_stores_nothing()
    {
        await using var db = fixture.Database.Context();
        var desk = new JudicialAidDesk(db, TestTime.Clock);
        var applied = await desk.ApplyAsync(new NewAidApplication("陈海燕", "垦检刑诉〔2026〕152号", "女儿受伤致残，医疗费负担沉重", Village), await ProcuratorateAsync(db), "procurator", Ct);
        await desk.ReviewAsync(applied.Id, null, Findings(true), "procurator", Ct);
        await desk.DecideAsync(applied.Id, null, 30_000m, [new Beneficiary("陈小月", "子女", null, true, "陈海燕")], true, "检察长 王立", "procurator", Ct);

        var early = await Assert.ThrowsAsync<JudicialAidRuleException>(() => desk.DisburseAsync(applied.Id, null, 10_000m, "陈小月", "PZ-1", "procurator", Ct));
        Assert.Contains("三方资金监管协议", early.Message, StringComparison.Ordinal);
        var wrongGuardian = await Assert.ThrowsAsync<JudicialAidRuleException>(() => desk.SignAgreementAsync(applied.Id, null,
            new NewSupervisionAgreement("王某", "主任 张振华", "检察官 郑洁", "专款专用", null), "procurator", Ct));
        Assert.Contains("监护人", wrongGuardian.Message, StringComparison.Ordinal);
        await desk.SignAgreementAsync(applied.Id, null, new NewSupervisionAgreement("陈海燕", "主任 张振华", "检察官 郑洁", "专款用于康复治疗", null), "procurator", Ct);
        await desk.DisburseAsync(applied.Id, null, 25_000m, "陈小月", "PZ-2", "procurator", Ct);
        var over = await Assert.ThrowsAsync<JudicialAidRuleException>(() => desk.DisburseAsync(applied.Id, null, 5_000.01m, "陈小月", "PZ-3", "procurator", Ct));
        Assert.Contains("5000.00", over.Message, StringComparison.Ordinal);

        db.ChangeTracker.Clear();
        var view = await desk.FindAsync(applied.Id, Ct);
        Assert.Equal(25_000m, view!.Record.Disbursed);
        Assert.Equal(5, view.Events.Count);
    }

    [Fact]
    public async Task The_cap_and_the_eligibility_verdict_are_enforced_and_an_ineligible_case_can_only_close()
    {
        await using var db = fixture.Database.Context();
        var desk = new JudicialAidDesk(db, TestTime.Clock);
        var unit = await ProcuratorateAsync(db);
        var a = await desk.ApplyAsync(new NewAidApplication("赵德明", "垦检刑诉〔2026〕160号", "财产被骗，生活困难", Village), unit, "procurator", Ct);
        await desk.ReviewAsync(a.Id, null, Findings(true), "procurator", Ct);
        var cap = await Assert.ThrowsAsync<JudicialAidRuleException>(() => desk.DecideAsync(a.Id, null, JudicialAidDesk.DefaultPolicy.Cap + 1m,
            [new Beneficiary("赵德明", "本人", null, false, null)], false, "检察长 王立", "procurator", Ct));
        Assert.Contains("上限", cap.Message, StringComparison.Ordinal);

        var b = await desk.ApplyAsync(new NewAidApplication("孙文斌", "垦检刑诉〔2026〕161号", "经营亏损", Village), unit, "procurator", Ct);
        var refused = await desk.ReviewAsync(b.Id, null, Findings(false), "procurator", Ct);
        Assert.Equal(JudicialAidState.Ineligible, refused!.Record.State);
        await Assert.ThrowsAsync<JudicialAidRuleException>(() => desk.DecideAsync(b.Id, null, 1_000m, [new Beneficiary("孙文斌", "本人", null, false, null)], false, "检察长 王立", "procurator", Ct));
        Assert.Equal(JudicialAidState.Closed, (await desk.CloseAsync(b.Id, null, "procurator", Ct))!.Record.State);
    }

    [Fact]
    public async Task A_stale_version_conflicts_and_a_bad_application_is_refused_by_field_without_a_row()
    {
        await using var db = fixture.Database.Context();
        var desk = new JudicialAidDesk(db, TestTime.Clock);
        var unit = await ProcuratorateAsync(db);
        var a = await desk.ApplyAsync(new NewAidApplication("周玉梅", "垦检刑诉〔2026〕170号", "子女遇害", Village), unit, "procurator", Ct);
        var seen = a.Version;
        await desk.ReviewAsync(a.Id, seen, Findings(true), "procurator", Ct);
        await Assert.ThrowsAsync<JudicialAidConflictException>(() => desk.DecideAsync(a.Id, seen, 1_000m, [new Beneficiary("周玉梅", "母亲", null, false, null)], false, "检察长", "procurator", Ct));

        var before = await db.JudicialAidApplications.CountAsync(Ct);
        var bad = await Assert.ThrowsAsync<JudicialAidValidationException>(() => desk.ApplyAsync(new NewAidApplication(" ", null, "困难", "370505001"), unit, "procurator", Ct));
        Assert.Equal(["Applicant", "CaseReference", "VillageCode"], bad.Errors.Keys.Order(StringComparer.Ordinal));
        var notProcuratorate = await db.Units.Where(u => u.Kind == UnitKind.PetitionBureau).Select(u => u.Id).FirstAsync(Ct);
        await Assert.ThrowsAsync<JudicialAidRuleException>(() => desk.ApplyAsync(new NewAidApplication("某", "案", "困难", Village), notProcuratorate, "clerk", Ct));
        Assert.Equal(before, await db.JudicialAidApplications.CountAsync(Ct));
    }

    [Fact]
    public async Task Another_procuratorate_sees_none_of_kenlis_applications_and_the_log_follows_its_application()
    {
        await using var db = fixture.Database.Context();
        var a = await new JudicialAidDesk(db, TestTime.Clock).ApplyAsync(new NewAidApplication("吴国华", "垦检刑诉〔2026〕180号", "重伤", Village), await ProcuratorateAsync(db), "procurator", Ct);
        var qingpu = await db.Units.Where(u => u.Kind == UnitKind.Procuratorate && u.DivisionCode == "310118").Select(u => u.Id).SingleAsync(Ct);

        await using var other = fixture.Database.Context(new FixedScope(new AccessScope(ScopeKind.Unit, qingpu, null, "qp")));
        Assert.False(await other.JudicialAidApplications.AnyAsync(x => x.Id == a.Id, Ct));
        Assert.False(await other.JudicialAidEvents.AnyAsync(x => x.ApplicationId == a.Id, Ct));
        Assert.Null(await new JudicialAidDesk(other, TestTime.Clock).FindAsync(a.Id, Ct));
    }

    [Fact]
    public async Task The_demo_has_an_application_at_every_stage_and_every_log_replays()
    {
        await using var db = fixture.Database.Context();
        var demo = await db.JudicialAidApplications.Where(a => new[] { "垦检刑诉〔2026〕41号", "垦检刑诉〔2026〕52号", "垦检刑诉〔2026〕58号", "垦检刑诉〔2026〕61号", "垦检刑诉〔2026〕66号", "垦检刑诉〔2026〕70号" }.Contains(a.CaseReference))
            .ToListAsync(Ct);
        var desk = new JudicialAidDesk(db, TestTime.Clock);

        Assert.Equal([JudicialAidState.Applied, JudicialAidState.Eligible, JudicialAidState.Decided, JudicialAidState.Closed],
            demo.Select(a => a.State).Distinct().Order());
        var closed = demo.Single(a => a.Applicant == "刘桂兰" && a.State == JudicialAidState.Closed);
        Assert.Equal(60_000m, closed.Disbursed);
        Assert.Equal(6, demo.Count);
        var refused = await desk.FindAsync(demo.Single(a => a.Applicant == "孙文斌").Id, Ct);
        Assert.False(refused!.Case.Review!.Eligible);
        Assert.Equal(JudicialAidState.Closed, refused.Case.State);
        foreach (var a in demo)
        {
            var view = await desk.FindAsync(a.Id, Ct);
            Assert.Equal(a.State, view!.Case.State);
            Assert.Equal(a.Disbursed, view.Case.Disbursed);
        }
    }
}
