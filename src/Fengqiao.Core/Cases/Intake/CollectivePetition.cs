namespace Fengqiao.Core.Cases.Intake;

/// <summary>Which part of a submission a collective-petition rule found wrong.</summary>
public enum CollectivePetitionPart
{
    /// <summary>The number of people who came.</summary>
    People,

    /// <summary>The petitioners marked as representatives.</summary>
    Representatives,
}

/// <summary>One broken collective-petition rule, in the domain's "中文 (English)" form.</summary>
public sealed record CollectivePetitionProblem(CollectivePetitionPart Part, string Message);

/// <summary>
/// 集体访: a matter brought by five or more people together. 《信访工作条例》: several people raising a common matter
/// in person choose representatives, at most five. Registration, the letter rules and the village assessment all
/// ask this one type, so a case counts as collective in one place exactly when it does in the others.
/// </summary>
public static class CollectivePetition
{
    /// <summary>Five or more people make a petition collective (五人以上).</summary>
    public const int MinPeople = 5;

    /// <summary>代表人数不超过 5 人.</summary>
    public const int MaxRepresentatives = 5;

    /// <summary>Whether a case of this many people is a collective petition; none given is an individual petition.</summary>
    public static bool Is(int? people) => people >= MinPeople;

    /// <summary>
    /// What is wrong with a submission of <paramref name="people"/> (given only for a collective petition) and
    /// <paramref name="representatives"/> parties marked as representatives; empty when nothing is.
    /// </summary>
    public static IReadOnlyList<CollectivePetitionProblem> Check(int? people, int representatives)
    {
        var problems = new List<CollectivePetitionProblem>();
        if (people is { } count)
        {
            if (count < MinPeople)
            {
                problems.Add(new(CollectivePetitionPart.People, "集体访指 5 人以上 (a collective petition has 5 or more people)"));
            }
            if (representatives is < 1 or > MaxRepresentatives)
            {
                problems.Add(new(CollectivePetitionPart.Representatives, "集体访应推选 1 至 5 名代表 (a collective petition chooses 1 to 5 representatives)"));
            }
        }
        else if (representatives > MaxRepresentatives)
        {
            problems.Add(new(CollectivePetitionPart.Representatives, "代表不超过 5 人 (at most 5 representatives)"));
        }
        return problems;
    }
}
