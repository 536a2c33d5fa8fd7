using System.Collections.Immutable;
using Fengqiao.Core.Letters;
using Fengqiao.Core.Whistles;

namespace Fengqiao.Core.Assessment;

/// <summary>Whistle figures for a period: how many were blown, how high they went, how many were closed.</summary>
public sealed record WhistleCounts(int Blown, int Closed, int Escalations, ImmutableSortedDictionary<WhistleLevel, int> ByHighestLevel, int Referrals);

/// <summary>
/// The dashboard's counts per period ("本年督办函 15 件、风险提示函 6 件", "两个月吹哨 195 次"). Letters count by their
/// issue date (drafts are not letters yet); whistles by the date they were blown.
/// </summary>
public static class PeriodCounts
{
    public static ImmutableSortedDictionary<LetterType, int> LettersByType(IEnumerable<Letter> letters, ReportingPeriod period)
    {
        ArgumentNullException.ThrowIfNull(letters);
        ArgumentNullException.ThrowIfNull(period);
        return Enum.GetValues<LetterType>().ToImmutableSortedDictionary(
            t => t,
            t => letters.Count(l => l.Type == t && l.IssuedAt is { } at && period.Contains(at)));
    }

    public static WhistleCounts Whistles(IEnumerable<Whistle> whistles, ReportingPeriod period)
    {
        ArgumentNullException.ThrowIfNull(whistles);
        ArgumentNullException.ThrowIfNull(period);
        var inPeriod = whistles.Where(w => period.Contains(w.BlownAt)).ToList();
        return new WhistleCounts(
            inPeriod.Count,
            inPeriod.Count(w => w.State == WhistleState.Closed),
            inPeriod.Sum(w => w.Events.Count(e => e.Kind == WhistleEvent.Escalated)),
            Enum.GetValues<WhistleLevel>().ToImmutableSortedDictionary(l => l, l => inPeriod.Count(w => w.Level == l)),
            inPeriod.Sum(w => w.Referrals.Count));
    }

    /// <summary>
    /// The mean of a department's whistle ratings given in the period (一哨一考核 → 月度考核), or null when it had none.
    /// Each rating is the plain mean of its three marks.
    /// </summary>
    public static decimal? WhistleRatingAverage(IEnumerable<Whistle> whistles, Guid department, ReportingPeriod period)
    {
        ArgumentNullException.ThrowIfNull(whistles);
        ArgumentNullException.ThrowIfNull(period);
        var marks = whistles
            .SelectMany(w => w.Events
                .Where(e => e.Kind == WhistleEvent.Rated && e.Department == department && period.Contains(e.At))
                .Select(_ => w.Find(department).Rating!.Average))
            .ToList();
        return marks.Count == 0 ? null : marks.Average();
    }
}
