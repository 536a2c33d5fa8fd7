using Fengqiao.Data.Cases;
using Fengqiao.Text.Routing;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Text;

/// <summary>A routing suggestion as the intake desk shows it: the taxonomy's first-level code where it has one.</summary>
public sealed record RouteSuggestionDto(string Category, string? CategoryCode, string Department, double Confidence);

/// <summary>The trained routing model as intake asks it; the web host loads (and retrains) the one behind it.</summary>
public interface IRoutingModel
{
    IReadOnlyList<RouteSuggestion> Suggest(string? title, string? detail, int k = 3);
}

/// <summary>What intake and the case page ask of the routing model, translated to the store's terms.</summary>
public sealed class IntakeRouting(FengqiaoDbContext db, IRoutingModel routing, IClock clock)
{
    /// <summary>Top categories for a matter, each with the taxonomy code of that first-level category.</summary>
    public async Task<IReadOnlyList<RouteSuggestionDto>> SuggestAsync(string? title, string? detail, int k = 3, CancellationToken cancellationToken = default)
    {
        var suggestions = routing.Suggest(title, detail, k);
        if (suggestions.Count == 0)
        {
            return [];
        }
        var codes = await db.Categories.AsNoTracking().Where(c => c.Level == 1).ToDictionaryAsync(c => c.Name, c => c.Code, cancellationToken);
        return [.. suggestions.Select(s => new RouteSuggestionDto(s.Category, codes.GetValueOrDefault(s.Category), s.Department, Math.Round(s.Confidence, 4)))];
    }

    /// <summary>
    /// Keeps the clerk's decision as training data when the registered category's first level differs from the
    /// model's first suggestion (an override). Returns the stored row, or null when there was nothing to learn.
    /// </summary>
    public async Task<RoutingFeedback?> RecordDecisionAsync(CaseRecord registered, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registered);
        if (registered.CategoryCode is not { } code || routing.Suggest(registered.Title, registered.Detail, 1) is not [var top])
        {
            return null;
        }
        var firstLevel = await TextQueries.FirstLevelNamesAsync(db, cancellationToken);
        if (!firstLevel.TryGetValue(code, out var chosen) || chosen == top.Category)
        {
            return null;
        }
        var feedback = new RoutingFeedback
        {
            CaseId = registered.Id,
            Title = registered.Title,
            Detail = registered.Detail,
            SuggestedCategory = top.Category,
            ChosenCategory = chosen,
            At = clock.GetCurrentInstant(),
            By = actor,
        };
        db.RoutingFeedback.Add(feedback);
        await db.SaveChangesAsync(cancellationToken);
        return feedback;
    }
}
