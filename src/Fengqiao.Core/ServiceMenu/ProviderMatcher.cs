using System.Collections.Immutable;
using System.Globalization;
using Fengqiao.Core.Calendar;
using Fengqiao.Core.Organisations;
using NodaTime;

namespace Fengqiao.Core.ServiceMenu;

/// <summary>Whether a provider fits an order, the earliest slot that would do, and why — in words staff can read out.</summary>
public sealed record MatchAssessment(ServiceProvider Provider, bool Eligible, TimeSlot? Slot, int Score, ImmutableArray<string> Reasons);

/// <summary>
/// Matches orders to providers (智能派单). A provider must offer the kind of service, serve the order's area and
/// have free time of the service's length inside the preferred window; those are hard rules. Among the fitting,
/// a provider who lists the ordered topic ranks first, then the one whose area is closest (village before town
/// before district), then the earliest slot, then the name and id so equal candidates always list the same way.
/// </summary>
public static class ProviderMatcher
{
    private const int TopicPoints = 100;

    // Staff read times in Beijing time, not as UTC instants.
    private static string Local(Instant instant) =>
        instant.InZone(DeadlineCalculator.ChinaTimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static MatchAssessment Assess(ServiceOrder order, ServiceProvider provider)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(provider);
        var failures = new List<string>();
        var reasons = new List<string>();
        if (!provider.Kinds.Contains(order.Offering.Kind))
        {
            failures.Add($"不提供“{order.Offering.Name}” (does not offer {order.Offering.Kind})");
        }
        if (order.DeclinedBy.Contains(provider.Id))
        {
            failures.Add("已拒过此单 (declined this order before)");
        }
        var area = provider.Areas.Where(order.Orderer.Area.IsWithin).OrderByDescending(a => a.Value.Length).Cast<DivisionCode?>().FirstOrDefault();
        if (area is null)
        {
            failures.Add($"服务区域不含 {order.Orderer.Area} (does not serve the area)");
        }
        else
        {
            reasons.Add($"服务区域 {area} 覆盖 {order.Orderer.Area} (serves the area)");
        }
        var slot = provider.EarliestFree(order.PreferredWindow, order.Offering.Duration);
        if (slot is null)
        {
            failures.Add("期望时间内没有空闲 (no free time in the preferred window)");
        }
        else
        {
            reasons.Add($"最早可于 {Local(slot.Start)} 开始 (free from {Local(slot.Start)})");
        }
        var topicMatch = order.Topic is not null && provider.Topics.Contains(order.Topic);
        if (topicMatch)
        {
            reasons.Insert(0, $"擅长“{order.Topic}” (covers the topic)");
        }
        else if (order.Topic is not null)
        {
            reasons.Add($"未列“{order.Topic}”主题 (does not list the topic)");
        }
        if (failures.Count > 0)
        {
            return new MatchAssessment(provider, false, slot, 0, [.. failures]);
        }
        var score = (topicMatch ? TopicPoints : 0) + (int)area!.Value.Level * 10;
        return new MatchAssessment(provider, true, slot, score, [.. reasons]);
    }

    /// <summary>The fitting providers, best first. A chosen lecturer is the only candidate there can be.</summary>
    public static ImmutableArray<MatchAssessment> Rank(ServiceOrder order, IEnumerable<ServiceProvider> providers)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(providers);
        return
        [
            .. providers
                .Where(p => order.ChosenProvider is null || p.Id == order.ChosenProvider)
                .Select(p => Assess(order, p))
                .Where(a => a.Eligible)
                .OrderByDescending(a => a.Score)
                .ThenBy(a => a.Slot!.Start)
                .ThenBy(a => a.Provider.Name, StringComparer.Ordinal)
                .ThenBy(a => a.Provider.Id),
        ];
    }
}
