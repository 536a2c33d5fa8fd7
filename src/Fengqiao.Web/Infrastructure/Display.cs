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
