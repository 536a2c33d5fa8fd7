using System.Collections.Immutable;
using System.Globalization;
using Fengqiao.Core.Organisations;
using NodaTime;

namespace Fengqiao.Core.VillageAssessment;

/// <summary>A village named in a notice, with the reason a reader needs.</summary>
public sealed record NoticeEntry(int Rank, DivisionCode Village, string VillageName, decimal Total, decimal? Change, IReadOnlyList<string> Reasons);

/// <summary>
/// The content of a published monthly "双十" notice (考评通报): title, summary figures, the full table, the villages
/// commended (红榜) and those warned (黄榜). The document template and the publishing step live elsewhere; this is
/// the content they render, so the web page, the Word file and the API agree.
/// </summary>
public sealed record AssessmentNotice(
    string Title,
    string Issuer,
    YearMonth Month,
    LocalDate PublishedOn,
    int VillageCount,
    decimal Average,
    decimal Highest,
    decimal Lowest,
    ImmutableArray<NoticeEntry> Table,
    ImmutableArray<NoticeEntry> Commended,
    ImmutableArray<NoticeEntry> Warned)
{
    /// <summary>Three villages each way, unless the town says otherwise.</summary>
    public const int DefaultHighlightCount = 3;

    /// <summary>
    /// Composes the notice. Commended are the top rows, warned the bottom rows (never the same village twice);
    /// a warned village's reasons are its deductions, a commended one's its largest positive lines.
    /// </summary>
    public static AssessmentNotice Compose(VillageRanking ranking, string issuer, LocalDate publishedOn,
        IReadOnlyDictionary<DivisionCode, string> villageNames, int highlightCount = DefaultHighlightCount)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentNullException.ThrowIfNull(villageNames);
        if (string.IsNullOrWhiteSpace(issuer))
        {
            throw new AssessmentRuleException("通报需有发布单位 (a notice needs an issuer)");
        }
        if (ranking.Rows.IsEmpty)
        {
            throw new AssessmentRuleException("没有得分，无法通报 (nothing to publish)");
        }
        if (highlightCount < 0)
        {
            throw new AssessmentRuleException("红黑榜数量不能为负 (highlight count cannot be negative)");
        }
        if (publishedOn < ranking.Month.OnDayOfMonth(1).PlusMonths(1).PlusDays(-1))
        {
            throw new AssessmentRuleException("月度通报不能在月末之前发布 (a monthly notice is published after the month ends)");
        }
        var rows = ranking.Rows;
        var table = rows.Select(r => Entry(r, villageNames, [])).ToImmutableArray();
        var top = Math.Min(highlightCount, rows.Length / 2);
        var commended = rows.Take(top)
            .Select(r => Entry(r, villageNames, r.Score.Lines.Where(l => l.Points > 0).OrderByDescending(l => l.Points).Take(3)
                .Select(l => $"{l.Indicator.Name} +{l.Points.ToString("0.##", CultureInfo.InvariantCulture)}")))
            .ToImmutableArray();
        var warned = rows.Skip(rows.Length - top)
            .Select(r => Entry(r, villageNames, r.Score.Deductions.Select(l => $"{l.Indicator.Name} {l.Points.ToString("0.##", CultureInfo.InvariantCulture)}")))
            .Reverse()
            .ToImmutableArray();
        var title = $"关于{ranking.Month.Year}年{ranking.Month.Month}月“双十”考评结果的通报";
        return new AssessmentNotice(title, issuer.Trim(), ranking.Month, publishedOn, rows.Length,
            Math.Round(rows.Average(r => r.Total), 2, MidpointRounding.AwayFromZero), rows.Max(r => r.Total), rows.Min(r => r.Total),
            table, commended, warned);
    }

    private static NoticeEntry Entry(RankingRow row, IReadOnlyDictionary<DivisionCode, string> names, IEnumerable<string> reasons) =>
        new(row.Rank, row.Village, names.GetValueOrDefault(row.Village, row.Village.Value), row.Total, row.Change, [.. reasons]);
}
