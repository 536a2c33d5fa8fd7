using Fengqiao.Core.VillageAssessment;

namespace Fengqiao.Core.Tests.VillageAssessment;

public class VillageMonthFactsTests
{
    [Fact]
    public void Facts_fill_exactly_the_computable_indicators_of_the_default_scheme()
    {
        var computed = new VillageMonthFacts().ComputedEntries();
        var computable = DefaultAssessmentScheme.Scheme.Indicators.Where(i => i.Computable).Select(i => i.Code);
        Assert.Equal(computable.Order(StringComparer.Ordinal), computed.Keys.Order(StringComparer.Ordinal));
        Assert.All(computed.Values, e => Assert.Equal(ValueSource.Computed, e.Source));
    }

    [Fact]
    public void Computed_values_and_hand_entered_ones_together_score_a_village()
    {
        var facts = new VillageMonthFacts
        {
            DisputesReceived = 10,
            DisputesResolvedInVillage = 9, // 90 %: 5 points
            DisputesUnresolved = 1,        // −2
            RepeatPetitions = 1,           // −3
            PlannedInspections = 20,
            PlannedInspectionsDone = 20,   // 5
            OutreachEvents = 2,            // 2
        };
        var entries = facts.ComputedEntries().ToDictionary();
        entries["P10"] = IndicatorEntry.Manual(IndicatorValue.Count(0), "本月无表彰", "镇综治办");
        entries["N05"] = IndicatorEntry.Manual(IndicatorValue.Count(0), "应急办月报", "镇应急办");
        entries["N06"] = IndicatorEntry.Manual(IndicatorValue.Count(0), "派出所通报", "镇综治办");

        var score = DefaultAssessmentScheme.Scheme.Score(AssessmentFixture.Village(1), AssessmentFixture.November, entries);

        // P01 5, P02 6, P03–P05 nothing due 15, P06 5, P08 2 = 33; N01 2 + N02 3 = 5.
        Assert.Equal(33, score.PositivePoints);
        Assert.Equal(5, score.NegativePoints);
        Assert.Equal("村内化解 / 受理矛盾纠纷：9/10", score.Lines.Single(l => l.Indicator.Code == "P01").Entry.Evidence);
    }
}
