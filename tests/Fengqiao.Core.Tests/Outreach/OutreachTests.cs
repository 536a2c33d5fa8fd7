using Fengqiao.Core.Organisations;
using Fengqiao.Core.Outreach;
using NodaTime;

namespace Fengqiao.Core.Tests.Outreach;

public class OutreachTests
{
    private static readonly DivisionCode Village = DivisionCode.Parse("370521100201");
    private static readonly DivisionCode OtherTown = DivisionCode.Parse("370521101201");

    private static OutreachEvent Event(LocalDate date, int audience, OutreachKind kind = OutreachKind.LegalPublicity,
        OutreachAudience who = OutreachAudience.General, DivisionCode? area = null, string[]? photos = null) =>
        OutreachEvent.Record(Guid.NewGuid(), kind, who, "民法典进乡村", "村文化广场", area ?? Village, "镇司法所", date, audience,
            photos ?? ["photos/a.jpg"]);

    [Fact]
    public void An_event_records_place_topic_audience_and_photos()
    {
        var e = Event(new LocalDate(2026, 5, 12), 120, OutreachKind.TrafficSafety, OutreachAudience.Students);
        Assert.Equal(120, e.AudienceCount);
        Assert.Equal(OutreachAudience.Students, e.Audience);
        Assert.Single(e.Photos);
    }

    [Fact]
    public void An_audience_of_zero_is_allowed_but_a_negative_one_is_refused()
    {
        Assert.Equal(0, Event(new LocalDate(2026, 5, 12), 0).AudienceCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => Event(new LocalDate(2026, 5, 12), -1));
    }

    [Fact]
    public void An_event_without_a_place_is_refused() =>
        Assert.Throws<ArgumentException>(() => OutreachEvent.Record(Guid.NewGuid(), OutreachKind.AntiFraud, OutreachAudience.Elderly, "反诈",
            " ", Village, "派出所", new LocalDate(2026, 5, 12), 10));

    [Fact]
    public void Counts_for_a_period_include_its_first_and_last_day_and_group_by_kind_and_audience()
    {
        var events = new[]
        {
            Event(new LocalDate(2026, 1, 1), 50),
            Event(new LocalDate(2026, 6, 1), 30, OutreachKind.TrafficSafety, OutreachAudience.Elderly),
            Event(new LocalDate(2026, 6, 2), 200, OutreachKind.TrafficSafety, OutreachAudience.Students, photos: []),
            Event(new LocalDate(2026, 12, 31), 20),
            Event(new LocalDate(2027, 1, 1), 99),
            Event(new LocalDate(2026, 7, 1), 10, area: OtherTown),
        };

        var year = OutreachTally.Count(events, new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31), DivisionCode.Parse("370521100"));

        Assert.Equal(4, year.Events);
        Assert.Equal(300, year.Audience);
        Assert.Equal(2, year.EventsByKind[OutreachKind.TrafficSafety]);
        Assert.Equal(1, year.EventsByAudience[OutreachAudience.Elderly]);
        Assert.Equal(1, year.EventsWithoutPhotos);
        Assert.Equal(5, OutreachTally.Count(events, new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31)).Events);
    }

    [Fact]
    public void A_period_ending_before_it_starts_is_refused() =>
        Assert.Throws<ArgumentException>(() => OutreachTally.Count([], new LocalDate(2026, 2, 1), new LocalDate(2026, 1, 1)));
}
