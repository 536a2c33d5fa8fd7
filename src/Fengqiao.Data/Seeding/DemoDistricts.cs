namespace Fengqiao.Data.Seeding;

/// <summary>The nine districts and counties of the seed article, with the short forms their documents and case numbers use.</summary>
public static class DemoDistricts
{
    public sealed record District(string Code, string CasePrefix, string DocumentShort);

    public static IReadOnlyList<District> All { get; } =
    [
        new("370505", "KL", "垦"),   // 垦利区 — the district whose figures the seed quotes; demo accounts live here
        new("650203", "KR", "克"),   // 克拉玛依区
        new("310118", "QP", "青"),   // 青浦区
        new("230102", "DL", "道"),   // 道里区
        new("330127", "CA", "淳"),   // 淳安县
        new("130403", "CT", "丛"),   // 丛台区
        new("361125", "HF", "横"),   // 横峰县
        new("610628", "FX", "富"),   // 富县
        new("530103", "PL", "盘"),   // 盘龙区
    ];

    public static string ShippedDivisionsFolder => Path.Combine(AppContext.BaseDirectory, "Reference", "divisions");
}
