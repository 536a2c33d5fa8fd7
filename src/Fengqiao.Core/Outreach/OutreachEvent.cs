using System.Collections.Immutable;
using Fengqiao.Core.Organisations;
using NodaTime;

namespace Fengqiao.Core.Outreach;

/// <summary>What an outreach event was about.</summary>
public enum OutreachKind
{
    LegalPublicity = 1,   // 普法宣传
    TrafficSafety = 2,    // 交通安全宣讲
    AntiFraud = 3,        // 反电诈宣传
    PetitionLaw = 4,      // 信访法治宣传
    TaxPolicy = 5,        // 税收政策宣讲
}

/// <summary>Who the event was for; traffic-safety talks go to the old and the young (一老一小).</summary>
public enum OutreachAudience
{
    General = 1,  // 群众
    Elderly = 2,  // 老年人
    Students = 3, // 中小学生、幼儿
    Workers = 4,  // 企业职工
    Cadres = 5,   // 村（社区）干部
}

/// <summary>
/// One outreach event (宣传活动) as reported afterwards: where, what, for whom, how many came, and the photos that
/// prove it happened. The count may be zero (a stall nobody visited is still an event held), never negative.
/// </summary>
public sealed record OutreachEvent
{
    private OutreachEvent(Guid id, OutreachKind kind, OutreachAudience audience, string topic, string place, DivisionCode area,
        string organiser, LocalDate date, int audienceCount, ImmutableArray<string> photos)
    {
        Id = id;
        Kind = kind;
        Audience = audience;
        Topic = topic;
        Place = place;
        Area = area;
        Organiser = organiser;
        Date = date;
        AudienceCount = audienceCount;
        Photos = photos;
    }

    public Guid Id { get; }

    public OutreachKind Kind { get; }

    public OutreachAudience Audience { get; }

    public string Topic { get; }

    public string Place { get; }

    public DivisionCode Area { get; }

    public string Organiser { get; }

    public LocalDate Date { get; }

    public int AudienceCount { get; }

    /// <summary>Storage references of the photos.</summary>
    public ImmutableArray<string> Photos { get; }

    public static OutreachEvent Record(Guid id, OutreachKind kind, OutreachAudience audience, string topic, string place, DivisionCode area,
        string organiser, LocalDate date, int audienceCount, IEnumerable<string>? photos = null)
    {
        if (id == Guid.Empty)
        {
            throw new ArgumentException("活动编号不能为空 (an event needs an id)", nameof(id));
        }
        if (!Enum.IsDefined(kind) || !Enum.IsDefined(audience))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), "未知的活动类别或对象 (unknown kind or audience)");
        }
        if (string.IsNullOrWhiteSpace(topic) || string.IsNullOrWhiteSpace(place) || string.IsNullOrWhiteSpace(organiser))
        {
            throw new ArgumentException("活动需有主题、地点和组织单位 (an event needs a topic, a place and an organiser)", nameof(topic));
        }
        if (audienceCount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(audienceCount), audienceCount, "受众人数不能为负 (the audience count cannot be negative)");
        }
        var list = (photos ?? []).ToImmutableArray();
        if (list.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("照片引用不能为空 (empty photo reference)", nameof(photos));
        }
        return new OutreachEvent(id, kind, audience, topic.Trim(), place.Trim(), area, organiser.Trim(), date, audienceCount, list);
    }
}

/// <summary>Counts for a period ("今年以来开展宣传活动 30 场，受众 2,400 人次").</summary>
public sealed record OutreachTally(
    LocalDate From,
    LocalDate To,
    int Events,
    long Audience,
    ImmutableSortedDictionary<OutreachKind, int> EventsByKind,
    ImmutableSortedDictionary<OutreachAudience, int> EventsByAudience,
    int EventsWithoutPhotos)
{
    /// <summary>Events dated from <paramref name="from"/> to <paramref name="to"/> inclusive, optionally inside one area.</summary>
    public static OutreachTally Count(IEnumerable<OutreachEvent> events, LocalDate from, LocalDate to, DivisionCode? area = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (to < from)
        {
            throw new ArgumentException("结束日期早于开始日期 (the period ends before it starts)", nameof(to));
        }
        var inPeriod = events
            .Where(e => e.Date >= from && e.Date <= to && (area is null || e.Area.IsWithin(area.Value)))
            .DistinctBy(e => e.Id)
            .ToList();
        return new OutreachTally(from, to, inPeriod.Count, inPeriod.Sum(e => (long)e.AudienceCount),
            inPeriod.GroupBy(e => e.Kind).ToImmutableSortedDictionary(g => g.Key, g => g.Count()),
            inPeriod.GroupBy(e => e.Audience).ToImmutableSortedDictionary(g => g.Key, g => g.Count()),
            inPeriod.Count(e => e.Photos.IsEmpty));
    }
}
