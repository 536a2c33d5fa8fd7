using System.Text;
using NodaTime;

namespace Fengqiao.Core.Calendar;

/// <summary>
/// A date written in Chinese numerals as official notices to petitioners print it (成文日期, e.g. 二〇二六年十二月七日):
/// the year digit by digit with 〇, month and day as counted numbers (十、十一、二十、三十一).
/// </summary>
public static class ChineseDate
{
    private const string Digits = "〇一二三四五六七八九";

    public static string Format(LocalDate date)
    {
        var text = new StringBuilder(12);
        foreach (var c in date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            text.Append(Digits[c - '0']);
        }
        return text.Append('年').Append(Counted(date.Month)).Append('月').Append(Counted(date.Day)).Append('日').ToString();
    }

    /// <summary>1–99 as counted: 七, 十, 十二, 二十, 三十一.</summary>
    public static string Counted(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, 99);
        var (tens, units) = (n / 10, n % 10);
        var head = tens switch { 0 => "", 1 => "十", _ => $"{Digits[tens]}十" };
        return units == 0 ? head : head + Digits[units];
    }
}
