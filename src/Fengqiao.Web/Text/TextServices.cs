using Fengqiao.Data;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Text;
using Fengqiao.Text.Replies;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Web.Text;

/// <summary>A routing suggestion as the intake desk shows it: the taxonomy's first-level code where it has one.</summary>
public sealed record RouteSuggestionDto(string Category, string? CategoryCode, string Department, double Confidence);

public static class TextServiceRegistration
{
    /// <summary>Routing model, intake helpers, and the job that keeps this node's case index current.</summary>
    public static IServiceCollection AddFengqiaoText(this IServiceCollection services)
    {
        services.AddSingleton<RoutingService>();
        services.AddSingleton<TextStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<TextStartup>());
        services.AddScoped<IntakeRouting>();
        return services;
    }
}

/// <summary>What intake and the case page ask of the text models, translated to the store's terms.</summary>
public sealed class IntakeRouting(FengqiaoDbContext db, RoutingService routing, IClock clock)
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

/// <summary>
/// The checks the approving leader sees before a reply (答复意见书) goes out: time since registration on the work
/// calendar (holidays and 调休 included), relevance to the matter, and whether it states findings, handling, legal
/// basis and remedy rights.
/// </summary>
public static class ReplyReview
{
    public static ReplyCheck Check(CaseRules rules, IClock clock, CaseRecord record, string? reply)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(record);
        var checker = new ReplyChecker(date => IsWorkingDay(rules, date));
        var registered = record.RegisteredAt.InZone(TextQueries.Beijing).LocalDateTime;
        var now = clock.GetCurrentInstant().InZone(TextQueries.Beijing).LocalDateTime;
        return checker.Check(record.Title, record.Detail ?? "", registered, reply ?? "", now);
    }

    private static bool IsWorkingDay(CaseRules rules, LocalDate date)
    {
        try
        {
            return rules.Calendar.IsWorkingDay(date);
        }
        catch (ArgumentOutOfRangeException)
        {
            // Outside the calendar's years: weekdays.
            return ReplyChecker.WeekdayCalendar(date);
        }
    }
}
