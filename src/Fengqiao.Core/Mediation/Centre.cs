using NodaTime;

namespace Fengqiao.Core.Mediation;

/// <summary>How a unit is at the one-stop centre (一站式矛盾纠纷多元化解中心).</summary>
public enum StationingKind
{
    Permanent = 1, // 常驻：每天在固定窗口
    Rotating = 2,  // 轮驻：按轮值表到中心
    OnCall = 3,    // 随驻：有需要时按轮值表到中心
}

/// <summary>A unit at the centre: permanent ones keep their own window every day; the others come on the days of the rota.</summary>
public sealed record CentreStation(Guid Id, string UnitName, StationingKind Kind, string? Window);

/// <summary>One day of the rota: which rotating unit is at the centre and at which window.</summary>
public sealed record RotaEntry(Guid Id, Guid StationId, LocalDate Date, string Window);

/// <summary>
/// The rota's rules (轮值表): a rotating or on-call unit comes at most once a day, to one window that nobody else holds
/// that day (a permanent unit holds its window every day); permanent units are not put on the rota.
/// </summary>
public static class CentreRota
{
    public const int MaxWindow = 20;

    /// <summary>Why this unit may not take this window on this day, or null when it may.</summary>
    public static string? Refusal(CentreStation station, LocalDate date, string? window, IReadOnlyCollection<CentreStation> stations, IReadOnlyCollection<RotaEntry> sameDay)
    {
        ArgumentNullException.ThrowIfNull(station);
        ArgumentNullException.ThrowIfNull(stations);
        ArgumentNullException.ThrowIfNull(sameDay);
        var name = window?.Trim() ?? "";
        if (station.Kind == StationingKind.Permanent)
        {
            return "常驻单位每天在本单位窗口，无需排入轮值表 (a permanent unit is at its own window every day and is not put on the rota)";
        }
        if (name.Length == 0)
        {
            return "请填写窗口 (give the window)";
        }
        if (name.Length > MaxWindow)
        {
            return $"窗口名称不超过 {MaxWindow} 字 (a window's name is at most {MaxWindow} characters)";
        }
        if (sameDay.Any(e => e.StationId == station.Id && e.Date == date))
        {
            return "该单位当天已在轮值表上 (the unit is already on the rota that day)";
        }
        var holder = stations.FirstOrDefault(s => s.Kind == StationingKind.Permanent && string.Equals(s.Window, name, StringComparison.Ordinal))
            ?? sameDay.Where(e => e.Date == date && string.Equals(e.Window, name, StringComparison.Ordinal))
                .Select(e => stations.FirstOrDefault(s => s.Id == e.StationId)).FirstOrDefault(s => s is not null);
        return holder is null ? null : $"{name}当天已由{holder.UnitName}使用 (that window is taken by {holder.UnitName} that day)";
    }

    /// <summary>Who is at the centre on a day and at which window: the permanent units, then that day's rota, by window.</summary>
    public static IReadOnlyList<(CentreStation Station, string? Window)> OnDuty(LocalDate date, IReadOnlyCollection<CentreStation> stations, IEnumerable<RotaEntry> rota)
    {
        ArgumentNullException.ThrowIfNull(stations);
        ArgumentNullException.ThrowIfNull(rota);
        var permanent = stations.Where(s => s.Kind == StationingKind.Permanent).Select(s => (Station: s, s.Window));
        var rotating = rota.Where(e => e.Date == date).Select(e => (Station: stations.FirstOrDefault(s => s.Id == e.StationId), Window: (string?)e.Window))
            .Where(x => x.Station is not null).Select(x => (Station: x.Station!, x.Window));
        return [.. permanent.OrderBy(x => x.Window, StringComparer.Ordinal), .. rotating.OrderBy(x => x.Window, StringComparer.Ordinal)];
    }
}

/// <summary>The ways a resident may choose to have a dispute handled at the centre (自主选择).</summary>
public enum ResolutionPath
{
    PeopleMediation = 1,         // 人民调解（选择调委会、调解室或调解员）
    AdministrativeMediation = 2, // 行政调解（由职能部门）
    IndustryMediation = 3,       // 行业性专业性调解
    PreLitigationMediation = 4,  // 诉前调解（法院）
    ArbitrationGuidance = 5,     // 仲裁引导
    LegalAid = 6,                // 法律援助
    LitigationGuidance = 7,      // 诉讼引导
}

/// <summary>
/// The resident's choice at reception and where it goes. People's and industry mediation become a mediation of the chosen
/// committee (directly, or through the named room or mediator the resident picked); every other path is received by a
/// unit at the centre and recorded with it.
/// </summary>
public static class CentreReception
{
    public const int MaxName = 50;

    /// <summary>True when the path opens a mediation rather than a record with a receiving unit.</summary>
    public static bool OpensMediation(ResolutionPath path) => path is ResolutionPath.PeopleMediation or ResolutionPath.IndustryMediation;

    /// <summary>Every reason the reception may not be recorded as entered; empty when it may.</summary>
    public static IReadOnlyList<string> Problems(ResolutionPath path, string? resident, string? matter, bool committeeChosen, CommitteeKind? committeeKind,
        bool stationChosen)
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(path))
        {
            problems.Add("请选择化解方式 (choose how the dispute is to be handled)");
        }
        if (string.IsNullOrWhiteSpace(resident))
        {
            problems.Add("请填写来访群众姓名 (give the resident's name)");
        }
        else if (resident.Trim().Length > MaxName)
        {
            problems.Add($"姓名不超过 {MaxName} 字 (a name is at most {MaxName} characters)");
        }
        if (string.IsNullOrWhiteSpace(matter))
        {
            problems.Add("请填写纠纷事项 (describe the dispute)");
        }
        else if (matter.Trim().Length > TextLimits.Long)
        {
            problems.Add($"纠纷事项超过 {TextLimits.Long} 字 (the dispute is longer than {TextLimits.Long} characters)");
        }
        if (OpensMediation(path))
        {
            if (!committeeChosen)
            {
                problems.Add("请选择调解委员会、调解室或调解员 (choose the committee, room or mediator)");
            }
            else if (path == ResolutionPath.IndustryMediation && committeeKind != CommitteeKind.Industry)
            {
                problems.Add("行业性专业性调解须选择行业性专业性调解委员会 (industry mediation goes to an industry committee)");
            }
        }
        else if (Enum.IsDefined(path) && !stationChosen)
        {
            problems.Add("请选择接收单位 (choose the receiving unit)");
        }
        return problems;
    }
}
