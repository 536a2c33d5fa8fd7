using Fengqiao.Core.Procuratorate;
using Fengqiao.Core.Tests.Calendar;
using NodaTime;

namespace Fengqiao.Core.Tests.Procuratorate;

public class Compliance12309Tests
{
    private static readonly Instant Received = ChinaTime.At(2026, 3, 2, 10);
    private static readonly Instant YearEnd = ChinaTime.At(2026, 12, 31, 23);

    private static Compliance12309Report Compute(IEnumerable<Petition12309> petitions, Instant? asOf = null) =>
        Compliance12309.Compute(petitions, asOf ?? YearEnd, ChinaTime.Calculator);

    private static Petition12309 Petition(int replyAfterDays, int? resultAfterDays) =>
        new(Guid.NewGuid(), Received, Received + Duration.FromDays(replyAfterDays),
            resultAfterDays is { } r ? Received + Duration.FromDays(r) : null);

    [Fact]
    public void Rates_are_reported_to_one_decimal_like_the_national_figures()
    {
        // 998 of 1,000 procedural replies on time, 973 of 1,000 results within three months.
        var petitions = Enumerable.Range(0, 1000)
            .Select(i => Petition(i < 998 ? 3 : 9, i < 973 ? 60 : 100))
            .ToList();

        var report = Compute(petitions);

        Assert.Equal(99.8m, report.ProceduralReply.Percent);
        Assert.Equal(97.3m, report.Result.Percent);
        Assert.Equal(2, report.ProceduralReply.Late);
        Assert.Equal(27, report.Result.Late);
        Assert.Equal(Compliance12309.NationalProceduralReplyPercent, report.ProceduralReply.Percent);
    }

    [Fact]
    public void The_seven_days_roll_over_the_national_day_holiday()
    {
        // Received Monday 28 September 2026: day 7 is 5 October, a holiday, so the last day is Thursday 8 October.
        var received = ChinaTime.At(2026, 9, 28, 10);
        var petition = new Petition12309(Guid.NewGuid(), received, ChinaTime.At(2026, 10, 8, 17), null);

        var report = Compute([petition], ChinaTime.At(2026, 10, 20));

        Assert.Equal(1, report.ProceduralReply.OnTime);
        Assert.Equal(1, report.Result.Pending);
        Assert.Null(report.Result.Percent);
    }

    [Fact]
    public void A_petition_still_inside_its_period_is_pending_and_does_not_lower_the_rate()
    {
        var unanswered = new Petition12309(Guid.NewGuid(), Received, null, null);

        var early = Compute([unanswered], Received + Duration.FromDays(3));
        var late = Compute([unanswered], Received + Duration.FromDays(10));

        Assert.Equal(1, early.ProceduralReply.Pending);
        Assert.Null(early.ProceduralReply.Percent);
        Assert.Equal(1, late.ProceduralReply.Late);
        Assert.Equal(0m, late.ProceduralReply.Percent);
    }

    [Fact]
    public void A_result_sent_within_seven_days_also_counts_as_the_procedural_reply()
    {
        var report = Compute([new Petition12309(Guid.NewGuid(), Received, null, Received + Duration.FromDays(5))]);
        Assert.Equal(1, report.ProceduralReply.OnTime);
        Assert.Equal(1, report.Result.OnTime);
    }

    [Fact]
    public void A_reply_after_the_reporting_instant_is_not_known_yet()
    {
        var report = Compute([Petition(3, null)], Received + Duration.FromDays(1));
        Assert.Equal(1, report.ProceduralReply.Pending);
    }

    [Fact]
    public void Petitions_received_after_the_reporting_instant_are_left_out()
    {
        var report = Compute([Petition(3, 30)], Received - Duration.FromDays(1));
        Assert.Equal(0, report.ProceduralReply.Counted + report.ProceduralReply.Pending);
    }

    [Fact]
    public void A_reply_dated_before_receipt_is_refused() =>
        Assert.Throws<ProcuratorateRuleException>(() => new Petition12309(Guid.NewGuid(), Received, Received - Duration.FromHours(1), null));
}
