using System.Collections.Immutable;
using Fengqiao.Core.Organisations;
using NodaTime;

namespace Fengqiao.Core.Grid;

/// <summary>
/// The six questions village cadres ask on a household visit (村干部入户"六问"). The wording varies between
/// towns; these six are the common core, and each is a field of its own so answers can be counted.
/// </summary>
public enum SixQuestion
{
    Safety = 1,     // 问平安：家中安全隐患
    Livelihood = 2, // 问生计：就业、收入
    Health = 3,     // 问健康：老人、病人、残疾人
    Disputes = 4,   // 问矛盾：邻里、家庭纠纷
    Difficulties = 5, // 问困难：需要帮办的事
    Suggestions = 6,  // 问意见：对村务和干部的意见建议
}

/// <summary>
/// The structured note of a "six questions" household visit. Every question must be answered ("无" is an answer);
/// an unanswered question is exactly what the notes exist to prevent.
/// </summary>
public sealed record SixQuestionsVisit
{
    private SixQuestionsVisit(Guid id, DivisionCode village, string household, string cadre, LocalDate date,
        ImmutableSortedDictionary<SixQuestion, string> answers, bool followUpNeeded)
    {
        Id = id;
        Village = village;
        Household = household;
        Cadre = cadre;
        Date = date;
        Answers = answers;
        FollowUpNeeded = followUpNeeded;
    }

    public Guid Id { get; }

    public DivisionCode Village { get; }

    public string Household { get; }

    public string Cadre { get; }

    public LocalDate Date { get; }

    public ImmutableSortedDictionary<SixQuestion, string> Answers { get; }

    /// <summary>Set when a difficulty or dispute needs someone to come back; the clerk may raise a case from it.</summary>
    public bool FollowUpNeeded { get; }

    public static SixQuestionsVisit Record(Guid id, DivisionCode village, string household, string cadre, LocalDate date,
        IReadOnlyDictionary<SixQuestion, string> answers, bool followUpNeeded)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (village.Level != DivisionLevel.Village)
        {
            throw new GridRuleException("六问走访应记在村（社区）名下 (a six-questions visit belongs to a village)");
        }
        if (string.IsNullOrWhiteSpace(household) || string.IsNullOrWhiteSpace(cadre))
        {
            throw new GridRuleException("走访户和村干部不能为空 (household and cadre are required)");
        }
        var missing = Enum.GetValues<SixQuestion>().Where(q => !answers.TryGetValue(q, out var a) || string.IsNullOrWhiteSpace(a)).ToList();
        if (missing.Count > 0)
        {
            throw new GridRuleException($"六问未答全，缺少：{string.Join("、", missing)} (every one of the six questions needs an answer; missing {string.Join(", ", missing)})");
        }
        return new SixQuestionsVisit(id, village, household.Trim(), cadre.Trim(), date,
            answers.ToImmutableSortedDictionary(kv => kv.Key, kv => kv.Value.Trim()), followUpNeeded);
    }
}
