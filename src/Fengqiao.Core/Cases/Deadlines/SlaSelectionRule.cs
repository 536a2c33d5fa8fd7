namespace Fengqiao.Core.Cases.Deadlines;

/// <summary>
/// One row of the profile-selection table: a case matches when every condition that is set matches. Rules are
/// data so that an administrator can, say, route one category code to a stricter profile.
/// </summary>
/// <param name="ProfileCode">The profile a matching case gets.</param>
/// <param name="Channel">Matches this intake channel only; null matches any.</param>
/// <param name="Kind">Matches this case kind only; null matches any.</param>
/// <param name="CategoryPrefix">Matches category codes starting with this prefix (a prefix picks a whole branch of the taxonomy); null matches any.</param>
public sealed record SlaSelectionRule(string ProfileCode, CaseChannel? Channel = null, CaseKind? Kind = null, string? CategoryPrefix = null)
{
    public bool Matches(CaseChannel channel, CaseKind kind, string? categoryCode) =>
        (Channel is null || Channel == channel)
        && (Kind is null || Kind == kind)
        && (string.IsNullOrEmpty(CategoryPrefix) || (categoryCode is not null && categoryCode.StartsWith(CategoryPrefix, StringComparison.Ordinal)));
}
