using Fengqiao.Core.Calendar;
using Fengqiao.Core.Cases;
using Fengqiao.Core.Cases.Deadlines;
using Fengqiao.Core.Grid;
using Fengqiao.Core.Tests.Calendar;
using NodaTime;

namespace Fengqiao.Core.Tests.Grid;

public class InspectionVisitTests
{
    private static readonly GridUnit Grid = GridFixture.Grid("G01");
    private static readonly KeyPlace Market = new("p-market", "集贸市场", KeyPlaceKind.Market, "G01");
    private static readonly Guid FindingId = new("00000000-0000-0000-0000-00000000f001");

    private static InspectionVisit Visit(FindingSeverity severity = FindingSeverity.Serious)
    {
        var plan = InspectionPlan.Generate("G01", new YearMonth(2026, 11), [Market], InspectionFrequencyPolicy.Default, WorkCalendar.China);
        return InspectionVisit.Record(Guid.NewGuid(), Grid, Market, plan.Visits[0], "G01-core-1", ChinaTime.At(2026, 11, 3, 10),
            "检查消防通道和燃气使用",
            [new InspectionFinding(FindingId, "消防通道被占用", "市场东侧通道堆放货物，消防车无法通行", severity, "0301")],
            ["photos/2026/11/03/a.jpg"]);
    }

    [Fact]
    public void A_member_of_the_grid_records_a_visit_with_findings_and_photos()
    {
        var visit = Visit();

        Assert.False(visit.FoundNothing);
        Assert.StartsWith("G01-202611-p-market-", visit.PlannedVisitId, StringComparison.Ordinal);
        Assert.Single(visit.Photos);
    }

    [Fact]
    public void Someone_outside_the_grid_team_cannot_record_its_inspection()
    {
        var e = Assert.Throws<GridRuleException>(() =>
            InspectionVisit.Record(Guid.NewGuid(), Grid, Market, null, "stranger", ChinaTime.At(2026, 11, 3), "看了看"));
        Assert.Contains("own team", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_visit_to_a_key_place_of_another_grid_is_refused()
    {
        var other = new KeyPlace("p-o", "别处", KeyPlaceKind.School, "G02");
        Assert.Throws<GridRuleException>(() =>
            InspectionVisit.Record(Guid.NewGuid(), Grid, other, null, "G01-leader", ChinaTime.At(2026, 11, 3), "巡查"));
    }

    [Fact]
    public void A_visit_without_notes_is_refused() =>
        Assert.Throws<GridRuleException>(() =>
            InspectionVisit.Record(Guid.NewGuid(), Grid, Market, null, "G01-leader", ChinaTime.At(2026, 11, 3), " "));

    [Fact]
    public void A_finding_becomes_a_grid_inspection_case_draft_linked_back_to_the_visit()
    {
        var visit = Visit();

        var draft = visit.RaiseCase(FindingId);

        Assert.Equal(CaseChannel.GridInspection, draft.Channel);
        Assert.Equal(GridFixture.Village, draft.Division);
        Assert.Equal(visit.Id, draft.InspectionVisitId);
        Assert.Equal(FindingId, draft.FindingId);
        Assert.Equal("p-market", draft.KeyPlaceId);
        Assert.Contains("集贸市场", draft.Title, StringComparison.Ordinal);
        Assert.Contains("消防通道被占用", draft.Title, StringComparison.Ordinal);
        Assert.False(draft.Urgent);
    }

    [Fact]
    public void The_draft_registers_a_case_on_the_petition_profile_through_the_cases_module()
    {
        var draft = Visit(FindingSeverity.Urgent).RaiseCase(FindingId);
        var command = draft.ToRegisterCase(Guid.NewGuid(), ChinaTime.At(2026, 11, 3, 11));

        var policy = CasePolicy.For(SlaProfileCatalog.DefaultSelector, ChinaTime.Calculator, command.Channel, command.Kind, command.CategoryCode);
        var transition = CaseFile.Register(command, policy);

        Assert.Equal(CaseChannel.GridInspection, transition.Case.Channel);
        Assert.True(command.Urgent);
        Assert.Equal("G01-core-1", command.Actor);
    }

    [Fact]
    public void Raising_a_case_for_a_finding_not_on_the_visit_is_refused() =>
        Assert.Throws<GridRuleException>(() => Visit().RaiseCase(Guid.NewGuid()));
}
