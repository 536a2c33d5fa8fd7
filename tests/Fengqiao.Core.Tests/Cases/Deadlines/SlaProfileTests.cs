using Fengqiao.Core.Calendar;
using Fengqiao.Core.Cases;
using Fengqiao.Core.Cases.Deadlines;

namespace Fengqiao.Core.Tests.Cases.Deadlines;

public class SlaProfileTests
{
    [Fact]
    public void Petition_profile_follows_the_State_Council_regulation()
    {
        var p = SlaProfileCatalog.Petition;
        Assert.Equal(SlaPeriod.CalendarDays(15), p.Rule(SlaStage.AcceptanceNotice).Period);
        Assert.Equal(SlaPeriod.CalendarDays(60), p.Rule(SlaStage.Handling).Period);
        Assert.Equal(30, p.MaxExtensionDays);
        Assert.Equal(SlaPeriod.CalendarDays(30), p.Rule(SlaStage.ReviewRequest).Period);
        Assert.Equal(SlaPeriod.CalendarDays(30), p.Rule(SlaStage.ReviewOpinion).Period);
        Assert.Equal(SlaPeriod.CalendarDays(30), p.Rule(SlaStage.ReReviewRequest).Period);
        Assert.Equal(SlaPeriod.CalendarDays(30), p.Rule(SlaStage.ReReviewOpinion).Period);
        Assert.All(p.Rules.Where(r => r.Period.IsDayBased), r => Assert.True(r.RollsToWorkingDay));
        Assert.Equal(SlaStage.AcceptanceNotice, p.IntakeStage);
        Assert.False(p.HandlingCountsFromRegistration);
    }

    [Fact]
    public void Procuratorate_profile_is_seven_days_then_three_months_from_receipt()
    {
        var p = SlaProfileCatalog.Procuratorate;
        Assert.Equal(SlaPeriod.CalendarDays(7), p.Rule(SlaStage.ProceduralReply).Period);
        Assert.Equal(SlaPeriod.Months(3), p.Rule(SlaStage.Result).Period);
        Assert.True(p.HandlingCountsFromRegistration);
        Assert.Equal(0, p.MaxExtensionDays);
    }

    [Fact]
    public void Hotline_profile_is_two_hours_urgent_and_three_working_days_normal()
    {
        var p = SlaProfileCatalog.Hotline;
        Assert.Equal(SlaPeriod.Hours(2), p.HandlingRule(urgent: true).Period);
        Assert.Equal(SlaPeriod.WorkingDays(3), p.HandlingRule(urgent: false).Period);
        Assert.Null(p.IntakeStage);
    }

    [Fact]
    public void A_stage_period_can_be_reconfigured_without_touching_the_original()
    {
        var five = new StageRule(SlaStage.Response, SlaPeriod.WorkingDays(5), DueSoonThreshold.None, true, "区政府通知");
        var edited = SlaProfileCatalog.Hotline.With(five);
        Assert.Equal(SlaPeriod.WorkingDays(5), edited.HandlingRule(false).Period);
        Assert.Equal(SlaPeriod.WorkingDays(3), SlaProfileCatalog.Hotline.HandlingRule(false).Period);
    }

    [Theory]
    [InlineData(CaseChannel.Procuratorate12309, SlaProfileCatalog.ProcuratorateCode)]
    [InlineData(CaseChannel.Hotline12345, SlaProfileCatalog.HotlineCode)]
    [InlineData(CaseChannel.Visit, SlaProfileCatalog.PetitionCode)]
    [InlineData(CaseChannel.GridInspection, SlaProfileCatalog.PetitionCode)]
    public void Default_selector_picks_the_profile_by_channel(CaseChannel channel, string code) =>
        Assert.Equal(code, SlaProfileCatalog.DefaultSelector.Select(channel, CaseKind.Petition, null).Code);

    [Fact]
    public void Selection_rules_apply_in_order_and_the_first_match_wins()
    {
        var selector = new SlaProfileSelector(
            SlaProfileCatalog.All,
            [
                new SlaSelectionRule(SlaProfileCatalog.HotlineCode, CategoryPrefix: "07"),
                new SlaSelectionRule(SlaProfileCatalog.ProcuratorateCode, Kind: CaseKind.Dispute),
            ],
            SlaProfileCatalog.PetitionCode);
        Assert.Equal(SlaProfileCatalog.HotlineCode, selector.Select(CaseChannel.Visit, CaseKind.Dispute, "0701").Code);
        Assert.Equal(SlaProfileCatalog.ProcuratorateCode, selector.Select(CaseChannel.Visit, CaseKind.Dispute, "0801").Code);
        Assert.Equal(SlaProfileCatalog.PetitionCode, selector.Select(CaseChannel.Visit, CaseKind.Petition, null).Code);
    }

    [Fact]
    public void Selector_refuses_rules_that_name_unknown_profiles()
    {
        Assert.Throws<ArgumentException>(() => new SlaProfileSelector(SlaProfileCatalog.All, [new SlaSelectionRule("nope")], SlaProfileCatalog.PetitionCode));
        Assert.Throws<ArgumentException>(() => new SlaProfileSelector(SlaProfileCatalog.All, [], "nope"));
        Assert.Throws<ArgumentException>(() => new SlaProfileSelector([SlaProfileCatalog.Petition, SlaProfileCatalog.Petition], [], SlaProfileCatalog.PetitionCode));
    }

    [Fact]
    public void Profiles_refuse_duplicate_stages_missing_periods_and_extensions_not_in_days()
    {
        var handling = new StageRule(SlaStage.Handling, SlaPeriod.CalendarDays(60), DueSoonThreshold.None, true, "");
        Assert.Throws<ArgumentException>(() => SlaProfile.Create("x", "X", [handling, handling], null, SlaStage.Handling));
        Assert.Throws<ArgumentException>(() => SlaProfile.Create("x", "X", [handling], SlaStage.AcceptanceNotice, SlaStage.Handling));
        Assert.Throws<ArgumentException>(() => SlaProfile.Create(" ", "X", [handling], null, SlaStage.Handling));
        var badExtension = new StageRule(SlaStage.Extension, SlaPeriod.WorkingDays(10), DueSoonThreshold.None, true, "");
        Assert.Throws<ArgumentException>(() => SlaProfile.Create("x", "X", [handling, badExtension], null, SlaStage.Handling));
        Assert.Throws<InvalidOperationException>(() => SlaProfileCatalog.Hotline.Rule(SlaStage.ReviewOpinion));
    }
}
