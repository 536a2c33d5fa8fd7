using Fengqiao.Core.Cases;
using Fengqiao.Core.Letters;
using Fengqiao.Core.VillageAssessment;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Grid;
using Fengqiao.Data.Letters;
using Fengqiao.Data.VillageAssessment;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Fengqiao.Data.Tests.VillageAssessment;

/// <summary>P02/N03 (越级上访) and N09 (督办函、风险提示函) computed from the records now that visits and letters are stored, with their evidence.</summary>
public sealed class EscalationAndLetterIndicatorTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    private const string Town = GridDemoSeeder.DemoTown;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static YearMonth ThisMonth()
    {
        var today = TestTime.Now.InZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).Date;
        return new YearMonth(today.Year, today.Month);
    }

    private static T Line<T>(VillageMonthScore score, string code) where T : IndicatorValue => (T)score.Lines.Single(l => l.Indicator.Code == code).Entry.Value;

    [Fact]
    public async Task A_petition_brought_to_the_district_bureau_and_a_supervision_letter_about_it_count_against_the_village()
    {
        const string village = "370505001208";
        var month = ThisMonth();
        await using var db = fixture.Database.Context();
        var desk = new VillageAssessmentDesk(db, TestTime.Clock);
        var before = (await desk.ScoreMonthAsync(Town, month, Ct)).Single(s => s.Score.Village.Value == village).Score;

        var bureau = await db.Units.SingleAsync(u => u.Name == "垦利区信访局", Ct);
        var town = await db.Units.FirstAsync(u => u.DivisionCode == Town, Ct);
        var workflow = new CaseWorkflow(db, CaseRules.Default, TestTime.Clock, fixture.Services.GetRequiredService<Fengqiao.Data.Security.PersonalDataProtector>(),
            new KnownReferences(), fixture.Services.GetRequiredService<Fengqiao.Data.Text.CaseMatterIndex>());
        // The same petition taken at the town is not escalation; at the district bureau it is.
        await workflow.RegisterAsync(new NewCase(CaseKind.Petition, CaseChannel.Visit, "村道硬化工程质量问题", "路面开裂",
            village, null, null, false, [new NewParty("郑立新", null, "13905460021", false)], null, town.Id, "clerk", null, null), "clerk", Ct);
        var escalated = await workflow.RegisterAsync(new NewCase(CaseKind.Petition, CaseChannel.Visit, "宅基地审批久拖不决", "多次到镇里反映无果",
            village, null, null, false, [new NewParty("何振华", null, "13905460022", false)], null, bureau.Id, "clerk", null, null), "clerk", Ct);
        var letters = new LetterDesk(db, CaseRules.Default, TestTime.Clock);
        var housing = await db.Units.SingleAsync(u => u.Name == "垦利区住房和城乡建设局", Ct);
        var drafted = await letters.DraftAsync(escalated.Case.TrackingCode, new DraftRequest(LetterType.Supervision, housing.Id), bureau.Id, "drafter", Ct);
        await letters.ApproveAsync(drafted!.Value.Record.Id, 1, "leader", Ct);
        await letters.IssueAsync(drafted.Value.Record.Id, 2, "clerk", Ct);

        var after = (await desk.ScoreMonthAsync(Town, month, Ct)).Single(s => s.Score.Village.Value == village).Score;

        Assert.Equal(Line<CountValue>(before, "N03").Value + 1, Line<CountValue>(after, "N03").Value);
        Assert.False(Line<FlagValue>(after, "P02").Value);
        Assert.Equal(0m, after.Lines.Single(l => l.Indicator.Code == "P02").Points);
        Assert.Equal(Line<CountValue>(before, "N09").Value + 1, Line<CountValue>(after, "N09").Value);
        Assert.Contains("督办函、风险提示函：", after.Lines.Single(l => l.Indicator.Code == "N09").Entry.Evidence, StringComparison.Ordinal);
        Assert.Contains("越级上访：", after.Lines.Single(l => l.Indicator.Code == "N03").Entry.Evidence, StringComparison.Ordinal);
    }
}
