using Fengqiao.Core.Cases;
using Fengqiao.Core.Organisations;
using Microsoft.Extensions.Localization;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Web.Infrastructure;

/// <summary>How values are shown: instants in Beijing time, enums through the resource files.</summary>
public static class Display
{
    public static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
    private static readonly LocalDateTimePattern Pattern = LocalDateTimePattern.CreateWithInvariantCulture("yyyy-MM-dd HH:mm");

    public static string Time(Instant instant) => Pattern.Format(instant.InZone(Shanghai).LocalDateTime);

    /// <summary>A day as people write it: 2026年11月1日, or 1 Nov 2026 in English (patterns from the resource files).</summary>
    public static string Day(this IStringLocalizer l, LocalDate date) =>
        LocalDatePattern.CreateWithInvariantCulture(l["Date.Day"]).Format(date);

    /// <summary>A month as people write it: 2026年11月, or November 2026.</summary>
    public static string Month(this IStringLocalizer l, YearMonth month) =>
        YearMonthPattern.CreateWithInvariantCulture(l["Date.Month"]).Format(month);

    /// <summary>
    /// An inclusive range of days, both ends named: 2026年11月1日至11月30日 (the year once when both days share it),
    /// 1 Nov 2026 to 30 Nov 2026 in English.
    /// </summary>
    public static string DayRange(this IStringLocalizer l, LocalDate first, LocalDate last) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, l["Date.Range"], l.Day(first),
            first.Year == last.Year ? LocalDatePattern.CreateWithInvariantCulture(l["Date.DaySameYear"]).Format(last) : l.Day(last));

    public static string Of(this IStringLocalizer l, Enum value)
    {
        var prefix = value switch
        {
            StaffRole => "Role",
            UnitKind => "UnitKind",
            CaseState => "CaseState",
            CaseChannel => "Channel",
            CaseKind => "CaseKind",
            DivisionLevel => "Level",
            ScopeKind => "ScopeKind",
            CaseAction => "CaseAction",
            CaseRating => "CaseRating",
            CaseStage => "CaseStage",
            _ => value.GetType().Name,
        };
        return l[$"{prefix}.{value}"];
    }
}
