using Fengqiao.Text.Replies;
using NodaTime;

namespace Fengqiao.Text.Tests.Replies;

public class ReplyCheckerTests
{
    private const string Title = "A市A2区景蓉华苑小区物业乱收停车费";
    private const string Detail = "景蓉华苑小区物业公司要求业主缴纳高额停车费，否则不让车辆进入小区。";
    private static readonly LocalDateTime Asked = new(2019, 4, 25, 9, 32); // Thursday

    private const string GoodReply =
        "网友您好！您反映的景蓉华苑小区物业收取停车费问题已收悉。经查，该小区物业公司未经备案擅自提高停车收费标准。" +
        "区住建局已责令物业公司立即整改，停止收取超标准停车费，并退还多收费用。根据《西地省物业服务收费管理办法》第十二条，" +
        "停车服务收费应当公示并备案。如对本答复不服，可在收到答复之日起30日内向上一级行政机关申请复查。";

    [Fact]
    public void A_complete_timely_reply_raises_no_warning()
    {
        var check = new ReplyChecker().Check(Title, Detail, Asked, GoodReply, new LocalDateTime(2019, 5, 6, 10, 0));
        Assert.True(check.StatesFacts && check.StatesHandling && check.CitesBasis && check.StatesRemedy);
        Assert.DoesNotContain(check.Flags, f => f.Severity != FlagSeverity.Info);
        Assert.Equal(7, check.WorkingDays); // 26 Apr, 29–30 Apr, 1–3 May, 6 May on a Mon–Fri calendar
        Assert.True(check.Relevance >= 0.5);
    }

    [Fact]
    public void A_template_reply_is_flagged_for_missing_facts_handling_basis_and_remedy()
    {
        var check = new ReplyChecker().Check(Title, Detail, Asked, "您好，您的留言已收悉，感谢您对我们工作的支持！", new LocalDateTime(2019, 4, 26, 9, 0));
        var codes = check.Flags.Select(f => f.Code).ToHashSet();
        Assert.Superset(new HashSet<string> { "no-facts", "no-handling", "no-basis", "no-remedy", "too-short", "off-topic" }, codes);
        Assert.Contains(check.Flags, f => f.Code == "no-remedy" && f.Reason.Contains("复查", StringComparison.Ordinal));
    }

    [Fact]
    public void Late_replies_are_flagged_by_working_days_and_calendar_limit()
    {
        var checker = new ReplyChecker();
        var slow = checker.Check(Title, Detail, Asked, GoodReply, new LocalDateTime(2019, 5, 31, 9, 0));
        Assert.Contains(slow.Flags, f => f.Code == "slow" && f.Severity == FlagSeverity.Warning);
        var overdue = checker.Check(Title, Detail, Asked, GoodReply, new LocalDateTime(2019, 7, 30, 9, 0));
        Assert.Contains(overdue.Flags, f => f.Code == "overdue" && f.Severity == FlagSeverity.Error);
        Assert.True(overdue.HasErrors);
    }

    [Fact]
    public void Working_day_calendar_plugs_in()
    {
        // Labour Day 2019: 1–4 May off, 5 May (Sunday) a make-up workday.
        var holidays = new HashSet<LocalDate> { new(2019, 5, 1), new(2019, 5, 2), new(2019, 5, 3) };
        var makeUp = new HashSet<LocalDate> { new(2019, 5, 5) };
        bool IsWorking(LocalDate d) => makeUp.Contains(d) || (ReplyChecker.WeekdayCalendar(d) && !holidays.Contains(d));
        var check = new ReplyChecker(IsWorking).Check(Title, Detail, Asked, GoodReply, new LocalDateTime(2019, 5, 6, 10, 0));
        Assert.Equal(5, check.WorkingDays); // 26, 29, 30 Apr, 5 May (make-up), 6 May
    }

    [Fact]
    public void Empty_reply_and_reply_before_message_are_errors()
    {
        var checker = new ReplyChecker();
        Assert.Contains(checker.Check(Title, Detail, Asked, "  ", null).Flags, f => f.Code == "empty" && f.Severity == FlagSeverity.Error);
        Assert.Contains(checker.Check(Title, Detail, Asked, GoodReply, Asked.PlusDays(-1)).Flags, f => f.Code == "time-order");
    }
}
