using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Core.Calendar;

/// <summary>ISO dates (yyyy-MM-dd) as the holiday file and the messages write them, independent of the UI culture.</summary>
internal static class IsoDate
{
    public static string Format(LocalDate date) => LocalDatePattern.Iso.Format(date);

    public static LocalDate Parse(string text)
    {
        var result = LocalDatePattern.Iso.Parse(text);
        return result.Success ? result.Value : throw new FormatException($"日期格式应为 yyyy-MM-dd：{text} (date must be yyyy-MM-dd)");
    }
}
