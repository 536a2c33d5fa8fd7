using NodaTime;

namespace Fengqiao.Text.HotTopics;

/// <summary>Settings for hot-topic mining.</summary>
public sealed record HotTopicOptions
{
    /// <summary>Cosine similarity (title-weighted TF-IDF plus place names) at which two messages share an issue.</summary>
    public double SimilarityThreshold { get; init; } = 0.35;

    /// <summary>Age at which a message's contribution to heat halves.</summary>
    public double HalfLifeDays { get; init; } = 60;

    /// <summary>Clusters smaller than this are not reported as topics.</summary>
    public int MinMessages { get; init; } = 2;
}

/// <summary>
/// One hot issue. Heat = Σ recency·(1 + ln(1 + likes)) over messages + 2 × distinct people (recency-weighted
/// the same way), so ten people each writing once outweigh one person writing ten times, support counts but
/// with diminishing returns, and old issues cool down.
/// </summary>
public sealed record HotTopic(
    string Name,
    string Place,
    IReadOnlyList<string> Terms,
    double Heat,
    int Messages,
    int People,
    int Likes,
    int Against,
    LocalDateTime? First,
    LocalDateTime? Last,
    IReadOnlyList<string> MessageIds);
