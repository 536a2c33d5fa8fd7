using Fengqiao.Core.Organisations;
using Fengqiao.Core.VillageAssessment;
using NodaTime;

namespace Fengqiao.Core.Tests.VillageAssessment;

internal static class AssessmentFixture
{
    public static readonly YearMonth November = new(2026, 11);
    public static AssessmentScheme Scheme => DefaultAssessmentScheme.Scheme;

    public static DivisionCode Village(int n) => DivisionCode.Parse($"370521100{n:D3}");

    /// <summary>A month in which nothing went wrong and nothing extra was done.</summary>
    public static Dictionary<string, IndicatorEntry> Quiet() => new()
    {
        ["P01"] = IndicatorEntry.Computed(IndicatorValue.Rate(0, 0)),
        ["P02"] = IndicatorEntry.Computed(IndicatorValue.Flag(true)),
        ["P03"] = IndicatorEntry.Computed(IndicatorValue.Rate(0, 0)),
        ["P04"] = IndicatorEntry.Computed(IndicatorValue.Rate(0, 0)),
        ["P05"] = IndicatorEntry.Computed(IndicatorValue.Rate(0, 0)),
        ["P06"] = IndicatorEntry.Computed(IndicatorValue.Rate(10, 10)),
        ["P07"] = IndicatorEntry.Computed(IndicatorValue.Count(0)),
        ["P08"] = IndicatorEntry.Computed(IndicatorValue.Count(0)),
        ["P09"] = IndicatorEntry.Computed(IndicatorValue.Count(0)),
        ["P10"] = IndicatorEntry.Manual(IndicatorValue.Count(0), "本月无表彰", "镇综治办"),
        ["N01"] = IndicatorEntry.Computed(IndicatorValue.Count(0)),
        ["N02"] = IndicatorEntry.Computed(IndicatorValue.Count(0)),
        ["N03"] = IndicatorEntry.Computed(IndicatorValue.Count(0)),
        ["N04"] = IndicatorEntry.Computed(IndicatorValue.Count(0)),
        ["N05"] = IndicatorEntry.Manual(IndicatorValue.Count(0), "应急办月报：无事故", "镇应急办"),
        ["N06"] = IndicatorEntry.Manual(IndicatorValue.Count(0), "派出所通报：无发案", "镇综治办"),
        ["N07"] = IndicatorEntry.Computed(IndicatorValue.Count(0)),
        ["N08"] = IndicatorEntry.Computed(IndicatorValue.Count(0)),
        ["N09"] = IndicatorEntry.Computed(IndicatorValue.Count(0)),
        ["N10"] = IndicatorEntry.Computed(IndicatorValue.Count(0)),
    };

    public static Dictionary<string, IndicatorEntry> With(this Dictionary<string, IndicatorEntry> entries, string code, IndicatorValue value)
    {
        entries[code] = IndicatorEntry.Computed(value);
        return entries;
    }

    public static VillageMonthScore Score(int village, Dictionary<string, IndicatorEntry> entries, YearMonth? month = null) =>
        Scheme.Score(Village(village), month ?? November, entries);
}
