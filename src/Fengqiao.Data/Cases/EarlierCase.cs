using NodaTime;

namespace Fengqiao.Data.Cases;

/// <summary>
/// An earlier case intake found for a new matter: of the same person, of the same matter, or both (then a repeat
/// petition, 重复信访). Similarity is the larger of character-bigram Jaccard and the index's 3-shingle estimate.
/// </summary>
public sealed record EarlierCase(string TrackingCode, string Title, Instant RegisteredAt, double Similarity, bool SamePerson, bool IsRepeat);
