using System.Collections.Immutable;
using Fengqiao.Core.Letters;
using NodaTime;

namespace Fengqiao.Core.Whistles;

/// <summary>One line of a referral's timeline, copied from the whistle's event log.</summary>
public sealed record EvidenceEntry(Instant At, string Kind, WhistleLevel Level, string Actor, ImmutableSortedDictionary<string, string> Data);

/// <summary>
/// What goes to the discipline commission with a referral (移交纪委监委材料): the department's flags, the
/// whistle's timeline as it concerns the department, its rating and the supervision letters it received. Built
/// once by <see cref="Whistle.Refer"/> and never changed: a correction is a new pack whose <see cref="Supersedes"/> names this one.
/// </summary>
public sealed record EvidencePack(
    Guid Id,
    Guid WhistleId,
    Guid CaseId,
    Guid DepartmentId,
    string DepartmentName,
    ImmutableArray<DepartmentFlag> Flags,
    ImmutableArray<EvidenceEntry> Timeline,
    DepartmentRating? Rating,
    ImmutableArray<LetterReference> Letters,
    string Reason,
    Instant IssuedAt,
    string IssuedBy,
    Guid? Supersedes);
