using Fengqiao.Data.Cases;
using Fengqiao.Data.Text;
using Fengqiao.Text.Replies;
using NodaTime;

namespace Fengqiao.Web.Text;

/// <summary>
/// The checks the approving leader sees before a reply (答复意见书) goes out: time since registration on the work
/// calendar (holidays and 调休 included), relevance to the matter, and whether it states findings, handling, legal
/// basis and remedy rights.
/// </summary>
public static class ReplyReview
{
    public static ReplyCheck Check(CaseRules rules, IClock clock, CaseRecord record, string? reply)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(record);
        var checker = new ReplyChecker(date => IsWorkingDay(rules, date));
        var registered = record.RegisteredAt.InZone(TextQueries.Beijing).LocalDateTime;
        var now = clock.GetCurrentInstant().InZone(TextQueries.Beijing).LocalDateTime;
        return checker.Check(record.Title, record.Detail ?? "", registered, reply ?? "", now);
    }

    private static bool IsWorkingDay(CaseRules rules, LocalDate date)
    {
        try
        {
            return rules.Calendar.IsWorkingDay(date);
        }
        catch (ArgumentOutOfRangeException)
        {
            // Outside the calendar's years: weekdays.
            return ReplyChecker.WeekdayCalendar(date);
        }
    }
}
