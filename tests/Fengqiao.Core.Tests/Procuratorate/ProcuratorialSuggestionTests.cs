using Fengqiao.Core.Calendar;
using Fengqiao.Core.Procuratorate;
using NodaTime;

namespace Fengqiao.Core.Tests.Procuratorate;

public class ProcuratorialSuggestionTests
{
    private static ProcuratorialSuggestion Issue(LocalDate servedOn, int months = ProcuratorialSuggestion.DefaultReplyMonths) =>
        ProcuratorialSuggestion.Issue(Guid.NewGuid(), "某检建〔2026〕3号", "某镇人民政府", "农村饮水安全",
            "建议对辖区集中供水点开展水质检测", servedOn, WorkCalendar.China, months);

    [Fact]
    public void The_reply_is_due_two_months_after_service_by_default()
    {
        var suggestion = Issue(new LocalDate(2026, 3, 16));
        Assert.Equal(new LocalDate(2026, 5, 18), suggestion.ReplyDue); // 16 May is a Saturday
    }

    [Fact]
    public void A_last_day_in_a_holiday_rolls_to_the_next_working_day()
    {
        // Served 2 August 2026: two months later is 2 October, inside National Day; the unit has until Thursday 8 October.
        Assert.Equal(new LocalDate(2026, 10, 8), Issue(new LocalDate(2026, 8, 2)).ReplyDue);
    }

    [Fact]
    public void Status_runs_from_awaiting_to_overdue_and_records_on_time_or_late_replies()
    {
        var suggestion = Issue(new LocalDate(2026, 3, 16));

        Assert.Equal(SuggestionStatus.AwaitingReply, suggestion.StatusOn(new LocalDate(2026, 5, 18)));
        Assert.Equal(SuggestionStatus.Overdue, suggestion.StatusOn(new LocalDate(2026, 5, 19)));
        Assert.Equal(SuggestionStatus.RepliedOnTime, suggestion.RecordReply(new LocalDate(2026, 5, 10), "已完成检测并整改", true).StatusOn(new LocalDate(2026, 6, 1)));
        var late = suggestion.RecordReply(new LocalDate(2026, 5, 25), "已整改", true);
        Assert.Equal(SuggestionStatus.RepliedLate, late.StatusOn(new LocalDate(2026, 6, 1)));
        Assert.True(late.Adopted);
    }

    [Fact]
    public void A_second_reply_or_one_before_service_is_refused()
    {
        var suggestion = Issue(new LocalDate(2026, 3, 16));
        Assert.Throws<ProcuratorateRuleException>(() => suggestion.RecordReply(new LocalDate(2026, 3, 1), "早于送达", false));
        var replied = suggestion.RecordReply(new LocalDate(2026, 4, 1), "已整改", true);
        Assert.Throws<ProcuratorateRuleException>(() => replied.RecordReply(new LocalDate(2026, 4, 2), "再次回复", true));
    }

    [Fact]
    public void A_custom_period_is_allowed_within_a_year()
    {
        Assert.Equal(new LocalDate(2026, 4, 16), Issue(new LocalDate(2026, 3, 16), 1).ReplyDue);
        Assert.Throws<ProcuratorateRuleException>(() => Issue(new LocalDate(2026, 3, 16), 0));
    }
}
