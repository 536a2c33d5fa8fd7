using NodaTime;

namespace Fengqiao.Core.Cases.Intake;

/// <summary>
/// An earlier case intake found for a new matter: of the same person, of the same matter, or both (then a repeat
/// petition, 重复信访; see <see cref="RepeatPetition"/>). Similarity is the larger of character-bigram Jaccard and the
/// near-duplicate index's 3-shingle estimate.
/// </summary>
public sealed record EarlierCase(string TrackingCode, string Title, Instant RegisteredAt, double Similarity, bool SamePerson, bool IsRepeat);
