using System.Globalization;

namespace Fengqiao.Core.VillageAssessment;

/// <summary>
/// The month's figures for one village that Fengqiao already holds: cases, ratings, inspections, visits, outreach
/// and service orders. The data layer fills them with counting queries; <see cref="ComputedEntries"/> turns them
/// into the default scheme's computable indicator values, each with the figures it came from as its basis.
/// </summary>
public sealed record VillageMonthFacts
{
    public int DisputesReceived { get; init; }

    public int DisputesResolvedInVillage { get; init; }

    public int DisputesUnresolved { get; init; }

    /// <summary>越级上访: petitions a villager brought in person to a body at district level or above rather than the town.</summary>
    public int EscalatedPetitions { get; init; }

    public int RepeatPetitions { get; init; }

    public int GroupPetitions { get; init; }

    public int AgreementsFollowedUp { get; init; }

    public int AgreementsHonoured { get; init; }

    public int PetitionsDue { get; init; }

    public int PetitionsClosedOnTime { get; init; }

    public int PetitionsOverdue { get; init; }

    public int Ratings { get; init; }

    public int RatingsSatisfied { get; init; }

    public int RatingsDissatisfied { get; init; }

    public int PlannedInspections { get; init; }

    public int PlannedInspectionsDone { get; init; }

    public int SixQuestionVisits { get; init; }

    public int OutreachEvents { get; init; }

    public int ServiceOrdersHeld { get; init; }

    /// <summary>督办函 and 风险提示函 issued in the month about a matter of the village.</summary>
    public int SupervisionLetters { get; init; }

    public int MediaExposures { get; init; }

    /// <summary>
    /// Values for the default scheme's computable indicators (P01–P09, N01–N04, N07–N10). The rest (P10, N05,
    /// N06) come from other bodies' documents and are entered by hand with evidence.
    /// </summary>
    public IReadOnlyDictionary<string, IndicatorEntry> ComputedEntries() => new Dictionary<string, IndicatorEntry>(StringComparer.Ordinal)
    {
        ["P01"] = Rate(DisputesResolvedInVillage, DisputesReceived, "村内化解 / 受理矛盾纠纷"),
        ["P02"] = IndicatorEntry.Computed(IndicatorValue.Flag(EscalatedPetitions == 0), Basis("越级上访", EscalatedPetitions)),
        ["P03"] = Rate(AgreementsHonoured, AgreementsFollowedUp, "已履行 / 回访调解协议"),
        ["P04"] = Rate(PetitionsClosedOnTime, PetitionsDue, "按期办结 / 应办结"),
        ["P05"] = Rate(RatingsSatisfied, Ratings, "满意 / 参评"),
        ["P06"] = Rate(PlannedInspectionsDone, PlannedInspections, "已完成 / 计划巡查"),
        ["P07"] = Count(SixQuestionVisits, "六问走访户数"),
        ["P08"] = Count(OutreachEvents, "宣传活动场次"),
        ["P09"] = Count(ServiceOrdersHeld, "完成点单服务"),
        ["N01"] = Count(DisputesUnresolved, "未化解矛盾纠纷"),
        ["N02"] = Count(RepeatPetitions, "重复信访"),
        ["N03"] = Count(EscalatedPetitions, "越级上访"),
        ["N04"] = Count(GroupPetitions, "集体访"),
        ["N07"] = Count(PetitionsOverdue, "超期件"),
        ["N08"] = Count(RatingsDissatisfied, "不满意评价"),
        ["N09"] = Count(SupervisionLetters, "督办函、风险提示函"),
        ["N10"] = Count(MediaExposures, "媒体曝光"),
    };

    private static IndicatorEntry Count(int value, string what) => IndicatorEntry.Computed(IndicatorValue.Count(value), Basis(what, value));

    private static IndicatorEntry Rate(int numerator, int denominator, string what) =>
        IndicatorEntry.Computed(IndicatorValue.Rate(numerator, denominator),
            string.Create(CultureInfo.InvariantCulture, $"{what}：{numerator}/{denominator}"));

    private static string Basis(string what, int value) => string.Create(CultureInfo.InvariantCulture, $"{what}：{value}");
}
