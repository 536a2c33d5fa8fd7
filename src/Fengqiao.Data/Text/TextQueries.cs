using Fengqiao.Core.Cases;
using Fengqiao.Data.Categories;
using Fengqiao.Text.Common;
using Fengqiao.Text.HotTopics;
using Fengqiao.Text.Routing;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Text;

/// <summary>A hot topic mined from cases, with the cases in it (their tracking codes and titles).</summary>
public sealed record CaseHotTopic(int Rank, HotTopic Topic, IReadOnlyList<(string TrackingCode, string Title)> Cases);

/// <summary>What the text models read from the database: training data for routing, and recent cases for hot topics.</summary>
public static class TextQueries
{
    public static readonly DateTimeZone Beijing = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    /// <summary>First-level category name (一级分类) of each category code, walking up the taxonomy.</summary>
    public static async Task<Dictionary<string, string>> FirstLevelNamesAsync(FengqiaoDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var all = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Code, cancellationToken);
        string Root(Category c) => c.ParentCode is { } p && all.TryGetValue(p, out var parent) ? Root(parent) : c.Name;
        return all.Values.ToDictionary(c => c.Code, Root, StringComparer.Ordinal);
    }

    /// <summary>
    /// The deployment's own training data: every closed case with a category (its first-level name is the label)
    /// and every override clerks made at intake. Reads the whole store: the model serves every desk.
    /// </summary>
    public static async Task<IReadOnlyList<LabeledMessage>> OwnTrainingDataAsync(FengqiaoDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var firstLevel = await FirstLevelNamesAsync(db, cancellationToken);
        var closed = await db.Cases.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.State == CaseState.Closed && c.CategoryCode != null)
            .Select(c => new { c.Title, c.Detail, c.CategoryCode })
            .ToListAsync(cancellationToken);
        var feedback = await db.RoutingFeedback.IgnoreQueryFilters().AsNoTracking()
            .Select(f => new { f.Title, f.Detail, f.SuggestedCategory, f.ChosenCategory })
            .ToListAsync(cancellationToken);
        return
        [
            .. closed.Where(c => firstLevel.ContainsKey(c.CategoryCode!)).Select(c => new LabeledMessage(c.Title, c.Detail ?? "", firstLevel[c.CategoryCode!])),
            .. feedback.Select(f => new RouteFeedback(f.Title, f.Detail ?? "", f.SuggestedCategory, f.ChosenCategory).ToTrainingExample()),
        ];
    }

    /// <summary>
    /// Clusters the cases registered in the last <paramref name="days"/> days that the viewer may see into hot
    /// topics (<see cref="HotTopicMiner"/>): heat counts cases, distinct people and recency.
    /// </summary>
    public static async Task<IReadOnlyList<CaseHotTopic>> HotTopicsAsync(FengqiaoDbContext db, Instant now, int days = 90, HotTopicOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var since = now - Duration.FromDays(days);
        var rows = await db.Cases.AsNoTracking()
            .Where(c => c.RegisteredAt >= since)
            .Select(c => new
            {
                c.TrackingCode, c.Title, c.Detail, c.RegisteredAt, c.ResidentId, c.Id,
                Phone = db.CaseParties.Where(p => p.CaseId == c.Id).OrderBy(p => p.Id).Select(p => p.PhoneIndex).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var messages = rows.Select(r => new CitizenMessage(
            r.TrackingCode,
            // The person: the resident when known, else the first party's phone, else the case itself (counted once).
            r.ResidentId?.ToString() ?? r.Phone ?? r.Id.ToString(),
            r.Title,
            r.RegisteredAt.InZone(Beijing).LocalDateTime,
            r.Detail ?? "")).ToList();
        var titles = rows.ToDictionary(r => r.TrackingCode, r => r.Title, StringComparer.Ordinal);
        var topics = HotTopicMiner.Mine(messages, now.InZone(Beijing).LocalDateTime, options);
        // A topic without a recurring place is named by its matter alone (the miner writes "：matter").
        return [.. topics.Select(t => t.Name.StartsWith('：') ? t with { Name = t.Name.TrimStart('：') } : t).Select((t, i) => new CaseHotTopic(i + 1, t, [.. t.MessageIds.Select(id => (id, titles.GetValueOrDefault(id, "")))]))];
    }
}
