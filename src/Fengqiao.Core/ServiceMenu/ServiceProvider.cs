using System.Collections.Immutable;
using Fengqiao.Core.Organisations;
using NodaTime;

namespace Fengqiao.Core.ServiceMenu;

/// <summary>A stretch of time, start inclusive and end exclusive. A class, so no default value with no length can exist.</summary>
public sealed record TimeSlot
{
    public TimeSlot(Instant start, Instant end)
    {
        if (end <= start)
        {
            throw new ServiceRuleException("时间段的结束应晚于开始 (a slot ends after it starts)");
        }
        Start = start;
        End = end;
    }

    public Instant Start { get; }

    public Instant End { get; }

    public Duration Length => End - Start;

    public bool Contains(TimeSlot other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Start <= other.Start && other.End <= End;
    }

    public bool Overlaps(TimeSlot other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Start < other.End && other.Start < End;
    }
}

/// <summary>
/// A lecturer, lawyer, mediator, counsellor or tax officer who delivers services: what kinds, which topics, where,
/// and when they are free (their calendar of open slots). Booking a time takes it out of the free slots.
/// </summary>
public sealed record ServiceProvider
{
    private ServiceProvider(Guid id, string name, string organisation, ImmutableHashSet<ServiceKind> kinds,
        ImmutableHashSet<string> topics, ImmutableArray<DivisionCode> areas, ImmutableArray<TimeSlot> freeSlots)
    {
        Id = id;
        Name = name;
        Organisation = organisation;
        Kinds = kinds;
        Topics = topics;
        Areas = areas;
        FreeSlots = freeSlots;
    }

    public Guid Id { get; }

    public string Name { get; }

    /// <summary>The unit the provider works for (司法所, 律所, 税务所 …), shown to orderers choosing a lecturer.</summary>
    public string Organisation { get; }

    public ImmutableHashSet<ServiceKind> Kinds { get; }

    public ImmutableHashSet<string> Topics { get; }

    /// <summary>The divisions the provider serves; a town code covers all its villages.</summary>
    public ImmutableArray<DivisionCode> Areas { get; }

    /// <summary>Open slots in start order, never overlapping.</summary>
    public ImmutableArray<TimeSlot> FreeSlots { get; }

    public static ServiceProvider Create(Guid id, string name, string organisation, IEnumerable<ServiceKind> kinds,
        IEnumerable<string> topics, IEnumerable<DivisionCode> areas, IEnumerable<TimeSlot> freeSlots)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentNullException.ThrowIfNull(freeSlots);
        if (id == Guid.Empty || string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(organisation))
        {
            throw new ServiceRuleException("服务提供者需有编号、姓名和所在单位 (a provider needs an id, a name and an organisation)");
        }
        var kindSet = kinds.ToImmutableHashSet();
        if (kindSet.IsEmpty || kindSet.Any(k => !Enum.IsDefined(k)))
        {
            throw new ServiceRuleException("服务提供者至少提供一类服务 (a provider offers at least one kind of service)");
        }
        var areaList = areas.Distinct().Order().ToImmutableArray();
        if (areaList.IsEmpty)
        {
            throw new ServiceRuleException("服务提供者需有服务区域 (a provider serves at least one area)");
        }
        var slots = freeSlots.ToList();
        if (slots.Any(s => s is null))
        {
            throw new ServiceRuleException("空闲时间段不能为空 (a free slot is missing)");
        }
        slots.Sort((a, b) => a.Start.CompareTo(b.Start));
        for (var i = 1; i < slots.Count; i++)
        {
            if (slots[i].Start < slots[i - 1].End)
            {
                throw new ServiceRuleException("空闲时间段相互重叠 (free slots overlap)");
            }
        }
        return new ServiceProvider(id, name.Trim(), organisation.Trim(), kindSet,
            topics.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).ToImmutableHashSet(StringComparer.Ordinal),
            areaList, [.. slots]);
    }

    /// <summary>True when one of the provider's areas is the given division or contains it.</summary>
    public bool Serves(DivisionCode area) => Areas.Any(area.IsWithin);

    public bool IsFree(TimeSlot slot) => FreeSlots.Any(f => f.Contains(slot));

    /// <summary>The earliest free stretch of <paramref name="length"/> inside <paramref name="window"/>, or null.</summary>
    public TimeSlot? EarliestFree(TimeSlot window, Duration length)
    {
        ArgumentNullException.ThrowIfNull(window);
        foreach (var free in FreeSlots)
        {
            var start = Instant.Max(free.Start, window.Start);
            var end = Instant.Min(free.End, window.End);
            if (end - start >= length)
            {
                return new TimeSlot(start, start + length);
            }
        }
        return null;
    }

    /// <summary>
    /// The days from <paramref name="from"/> to <paramref name="to"/> on which the provider has <paramref name="length"/> free
    /// between <paramref name="dayStart"/> and <paramref name="dayEnd"/> (local time in <paramref name="zone"/>): what to offer an
    /// orderer who chose this provider for a day they cannot serve.
    /// </summary>
    public IReadOnlyList<LocalDate> FreeDays(LocalDate from, LocalDate to, LocalTime dayStart, LocalTime dayEnd, DateTimeZone zone, Duration length)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var days = new List<LocalDate>();
        for (var day = from; day <= to; day = day.PlusDays(1))
        {
            var window = new TimeSlot(day.At(dayStart).InZoneLeniently(zone).ToInstant(), day.At(dayEnd).InZoneLeniently(zone).ToInstant());
            if (EarliestFree(window, length) is not null)
            {
                days.Add(day);
            }
        }
        return days;
    }

    /// <summary>Takes a booked time out of the free slots.</summary>
    public ServiceProvider Book(TimeSlot slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        if (!IsFree(slot))
        {
            throw new ServiceRuleException($"{Name} 在该时段没有空闲 ({Name} is not free then)");
        }
        var slots = new List<TimeSlot>();
        foreach (var free in FreeSlots)
        {
            if (!free.Contains(slot))
            {
                slots.Add(free);
                continue;
            }
            if (free.Start < slot.Start)
            {
                slots.Add(new TimeSlot(free.Start, slot.Start));
            }
            if (slot.End < free.End)
            {
                slots.Add(new TimeSlot(slot.End, free.End));
            }
        }
        return new ServiceProvider(Id, Name, Organisation, Kinds, Topics, Areas, [.. slots]);
    }
}
