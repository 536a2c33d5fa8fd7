using System.Collections.Immutable;
using Fengqiao.Core.Organisations;
using NodaTime;

namespace Fengqiao.Core.VillageAssessment;

/// <summary>Which way a village moved since last month.</summary>
public enum Trend
{
    New = 0,  // 上月无分
    Up = 1,   // 上升
    Same = 2, // 持平
    Down = 3, // 下降
}

/// <summary>One row of a monthly ranking.</summary>
public sealed record RankingRow(
    int Rank,
    VillageMonthScore Score,
    decimal? PreviousTotal,
    int? PreviousRank,
    Trend Trend)
{
    public DivisionCode Village => Score.Village;

    public decimal Total => Score.Total;

    /// <summary>Score change since last month; null for a village new to the ranking.</summary>
    public decimal? Change => PreviousTotal is { } previous ? Total - previous : null;
}

/// <summary>
/// A month's ranking of villages. Order is by total (high first), then positive points (more first), then
/// negative points (fewer first), then division code, so the same scores always print in the same order. Ranks
/// use competition numbering on the total alone (1, 2, 2, 4): villages with equal totals share a rank, because a
/// notice cannot honestly put one above the other.
/// </summary>
public sealed record VillageRanking(YearMonth Month, ImmutableArray<RankingRow> Rows)
{
    public static IComparer<VillageMonthScore> Order { get; } = Comparer<VillageMonthScore>.Create((a, b) =>
    {
        var c = b.Total.CompareTo(a.Total);
        if (c == 0)
        {
            c = b.PositivePoints.CompareTo(a.PositivePoints);
        }
        if (c == 0)
        {
            c = a.NegativePoints.CompareTo(b.NegativePoints);
        }
        return c != 0 ? c : a.Village.CompareTo(b.Village);
    });

    public static VillageRanking Rank(YearMonth month, IEnumerable<VillageMonthScore> scores, IEnumerable<VillageMonthScore>? previousMonth = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var list = scores.ToList();
        if (list.Any(s => s.Month != month))
        {
            throw new AssessmentRuleException($"排名只能包含 {month} 的得分 (a ranking holds one month's scores)");
        }
        var duplicate = list.GroupBy(s => s.Village).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new AssessmentRuleException($"{duplicate.Key} 本月有两个得分 (village {duplicate.Key} scored twice)");
        }
        var previous = previousMonth is null ? null : Rank(month.PlusMonths(-1), previousMonth);
        var previousByVillage = previous?.Rows.ToDictionary(r => r.Village);
        list.Sort(Order);
        var rows = ImmutableArray.CreateBuilder<RankingRow>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            var rank = i > 0 && list[i].Total == list[i - 1].Total ? rows[i - 1].Rank : i + 1;
            RankingRow? before = null;
            previousByVillage?.TryGetValue(list[i].Village, out before);
            var trend = before is null ? Trend.New
                : list[i].Total > before.Total ? Trend.Up
                : list[i].Total < before.Total ? Trend.Down
                : Trend.Same;
            rows.Add(new RankingRow(rank, list[i], before?.Total, before?.Rank, trend));
        }
        return new VillageRanking(month, rows.MoveToImmutable());
    }
}
