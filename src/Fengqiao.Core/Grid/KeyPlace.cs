using System.Collections.Immutable;

namespace Fengqiao.Core.Grid;

/// <summary>The kinds of key places, industries and units a grid inspects (重点部位、场所、行业、单位).</summary>
public enum KeyPlaceKind
{
    School = 1,             // 学校
    Kindergarten = 2,       // 幼儿园
    Market = 3,             // 集贸市场
    Hospital = 4,           // 医院、卫生室
    HazardousChemicals = 5, // 危化品经营储存单位
    ConstructionSite = 6,   // 建筑工地
    RentalHousing = 7,      // 出租房屋
    NursingHome = 8,        // 养老机构
    Restaurant = 9,         // 餐饮场所
    GasStation = 10,        // 加油站
    Enterprise = 11,        // 企业
    ReligiousSite = 12,     // 宗教活动场所
}

/// <summary>How often a key place is inspected.</summary>
public enum InspectionFrequency
{
    Weekly = 1,      // 每周一次
    Fortnightly = 2, // 每两周一次
    Monthly = 3,     // 每月一次
}

/// <summary>A key place in a grid's area.</summary>
public sealed record KeyPlace(string Id, string Name, KeyPlaceKind Kind, string GridCode);

/// <summary>
/// How often each kind of key place is inspected. The defaults follow common township practice: places with
/// children or hazards weekly, crowded or changing places fortnightly, the rest monthly. A town edits them.
/// </summary>
public sealed record InspectionFrequencyPolicy
{
    private InspectionFrequencyPolicy(ImmutableDictionary<KeyPlaceKind, InspectionFrequency> byKind, InspectionFrequency fallback)
    {
        ByKind = byKind;
        Fallback = fallback;
    }

    public ImmutableDictionary<KeyPlaceKind, InspectionFrequency> ByKind { get; }

    /// <summary>For kinds not listed.</summary>
    public InspectionFrequency Fallback { get; }

    public static InspectionFrequencyPolicy Default { get; } = Create(
        new Dictionary<KeyPlaceKind, InspectionFrequency>
        {
            [KeyPlaceKind.School] = InspectionFrequency.Weekly,
            [KeyPlaceKind.Kindergarten] = InspectionFrequency.Weekly,
            [KeyPlaceKind.HazardousChemicals] = InspectionFrequency.Weekly,
            [KeyPlaceKind.GasStation] = InspectionFrequency.Weekly,
            [KeyPlaceKind.Market] = InspectionFrequency.Fortnightly,
            [KeyPlaceKind.ConstructionSite] = InspectionFrequency.Fortnightly,
            [KeyPlaceKind.NursingHome] = InspectionFrequency.Fortnightly,
            [KeyPlaceKind.Hospital] = InspectionFrequency.Fortnightly,
            [KeyPlaceKind.Restaurant] = InspectionFrequency.Monthly,
            [KeyPlaceKind.RentalHousing] = InspectionFrequency.Monthly,
            [KeyPlaceKind.Enterprise] = InspectionFrequency.Monthly,
            [KeyPlaceKind.ReligiousSite] = InspectionFrequency.Monthly,
        },
        InspectionFrequency.Monthly);

    public static InspectionFrequencyPolicy Create(IReadOnlyDictionary<KeyPlaceKind, InspectionFrequency> byKind, InspectionFrequency fallback)
    {
        ArgumentNullException.ThrowIfNull(byKind);
        if (!Enum.IsDefined(fallback) || byKind.Values.Any(f => !Enum.IsDefined(f)))
        {
            throw new GridRuleException("未知的巡查频次 (unknown inspection frequency)");
        }
        return new InspectionFrequencyPolicy(byKind.ToImmutableDictionary(), fallback);
    }

    public InspectionFrequency For(KeyPlaceKind kind) => ByKind.GetValueOrDefault(kind, Fallback);

    public InspectionFrequencyPolicy With(KeyPlaceKind kind, InspectionFrequency frequency) =>
        Create(ByKind.SetItem(kind, frequency), Fallback);
}
