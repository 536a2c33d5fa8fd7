using NodaTime;

namespace Fengqiao.Core.Cases.Intake;

/// <summary>The matter a new submission states, as intake compares it with earlier cases.</summary>
public sealed record NewMatter(string Title, string? Detail, string? CategoryCode)
{
    /// <summary>Title and detail together: what the bigram comparison reads.</summary>
    public string Text => Title + " " + Detail;
}

/// <summary>A petitioner known only by phone: the phone's key and the name given with it.</summary>
public readonly record struct PhoneAndName(string Phone, string Name);

/// <summary>
/// The people of a new submission as intake recognises them again: the residents their ID numbers name, and, for
/// those who gave no ID number, phone and name. The keys are opaque here (the data layer compares blind indexes).
/// </summary>
public sealed record Petitioners(IReadOnlyCollection<Guid> Residents, IReadOnlyCollection<PhoneAndName> ByPhone)
{
    /// <summary>
    /// Whether an earlier case's party is one of these people: the same resident (ID number), or the same phone and
    /// name even when only one side gave an ID number.
    /// </summary>
    public bool Include(Guid? resident, string? phone, string name) =>
        (resident is { } r && Residents.Contains(r)) || (phone is not null && ByPhone.Contains(new PhoneAndName(phone, name)));
}

/// <summary>
/// 重复信访: the same person raising the same matter again. An earlier case of the same person (<see cref="Petitioners"/>)
/// is a repeat when the matters are alike — similarity at least <see cref="MatterSimilarity.RepeatThreshold"/> — and of
/// the same category when both have one. Other people's cases of the same matter are shown as hints, never repeats.
/// There is no time window: any earlier case of the person counts, however old.
/// </summary>
public static class RepeatPetition
{
    /// <summary>Categories differ only when both cases have one and they are not the same.</summary>
    public static bool SameCategory(string? category, string? earlierCategory) =>
        category is null || earlierCategory is null || category == earlierCategory;

    /// <summary>
    /// The same person's earlier case compared with the new matter. <paramref name="estimatedSimilarity"/> is the
    /// near-duplicate index's estimate (0 when it has none); the larger of it and the bigram similarity decides.
    /// </summary>
    public static EarlierCase OfSamePerson(NewMatter matter, string trackingCode, string title, string? detail, string? categoryCode, Instant registeredAt, double estimatedSimilarity)
    {
        ArgumentNullException.ThrowIfNull(matter);
        var similarity = Math.Max(MatterSimilarity.Of(matter.Text, title + " " + detail), estimatedSimilarity);
        return new EarlierCase(trackingCode, title, registeredAt, Math.Round(similarity, 3), SamePerson: true,
            IsRepeat: SameCategory(matter.CategoryCode, categoryCode) && similarity >= MatterSimilarity.RepeatThreshold);
    }

    /// <summary>Another person's case the near-duplicate index found for the matter: a hint for the clerk, not a repeat.</summary>
    public static EarlierCase OfSameMatter(string trackingCode, string title, Instant registeredAt, double estimatedSimilarity) =>
        new(trackingCode, title, registeredAt, Math.Round(Math.Min(1, estimatedSimilarity), 3), SamePerson: false, IsRepeat: false);

    /// <summary>
    /// What intake shows, best first: repeats, then by similarity, then the latest. A case of the same person with
    /// nothing in common with the new matter is left out (the person's other matters are not this one's business).
    /// </summary>
    public static IReadOnlyList<EarlierCase> Ranked(IEnumerable<EarlierCase> found) =>
        [.. found
            .Where(c => c.IsRepeat || !c.SamePerson || c.Similarity > 0)
            .OrderByDescending(c => c.IsRepeat).ThenByDescending(c => c.Similarity).ThenByDescending(c => c.RegisteredAt)];

    /// <summary>The tracking codes that make a new case a repeat petition.</summary>
    public static IReadOnlyList<string> RepeatOf(IEnumerable<EarlierCase> found) =>
        [.. found.Where(c => c.IsRepeat).Select(c => c.TrackingCode)];
}
