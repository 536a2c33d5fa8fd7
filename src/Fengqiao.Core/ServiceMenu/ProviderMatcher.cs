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
/// a provider who lists the ordered topic ranks first, then one of the service's home sector (a 民法典 talk goes to the
/// judicial office or a lawyer before a procurator: <see cref="ProviderSectors"/>), then the one whose area is closest
/// (village before town before district), then the earliest slot, then the name and id so equal candidates always
/// list the same way.
/// </summary>
public static class ProviderMatcher
{
    private const int TopicPoints = 100;

    // More than any difference of area (at most 4 levels × 10), less than the topic.
    private const int HomeSectorPoints = 50;

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
        var home = ProviderSectors.IsHome(order.Offering.Kind, ProviderSectors.Of(provider.Organisation));
        reasons.Add(home
            ? $"“{order.Offering.Name}”属{provider.Organisation}的本职工作 (the service is the organisation's own line of work)"
            : $"{provider.Organisation}非“{order.Offering.Name}”的主责单位，优先派给主责单位 (not the service's home sector; ranked after those who are)");
        if (failures.Count > 0)
        {
            return new MatchAssessment(provider, false, slot, 0, [.. failures]);
        }
        var score = (topicMatch ? TopicPoints : 0) + (home ? HomeSectorPoints : 0) + (int)area!.Value.Level * 10;
        return new MatchAssessment(provider, true, slot, score, [.. reasons]);
    }

    /// <summary>
    /// Why the lecturer the orderer chose cannot take the order, with the days they can ("中文 (English)"), or null when they
    /// can: an order for a named lecturer is never left silently unmatched.
    /// </summary>
    public static string? ChosenRefusal(MatchAssessment assessment, IReadOnlyList<LocalDate> freeDays)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(freeDays);
        if (assessment.Eligible)
        {
            return null;
        }
        var name = assessment.Provider.Name;
        var chinese = string.Join("；", assessment.Reasons.Select(r => Half(r, english: false)));
        var english = string.Join("; ", assessment.Reasons.Select(r => Half(r, english: true)));
        var shown = freeDays.Take(5).ToList();
        return shown.Count == 0
            ? $"{name}无法接单：{chinese}；近期没有可预约的日期，请另选讲师或不指定讲师 ({name} cannot take the order: {english}; no free dates soon, choose another lecturer or none)"
            : $"{name}无法接单：{chinese}；可预约的日期：{string.Join("、", shown.Select(d => d.ToString("M'月'd'日'", CultureInfo.InvariantCulture)))} ({name} cannot take the order: {english}; free on {string.Join(", ", shown.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))})";
    }

    // One half of a "中文 (English)" reason.
    private static string Half(string reason, bool english)
    {
        var open = reason.LastIndexOf(" (", StringComparison.Ordinal);
        return open <= 0 || !reason.EndsWith(')') ? reason : english ? reason[(open + 2)..^1] : reason[..open];
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
