namespace Fengqiao.Core.Cases.Deadlines;

/// <summary>Decides which profile applies to a case: the first matching rule wins, otherwise the default profile.</summary>
public sealed class SlaProfileSelector
{
    private readonly Dictionary<string, SlaProfile> _profiles;
    private readonly SlaSelectionRule[] _rules;

    public SlaProfileSelector(IEnumerable<SlaProfile> profiles, IEnumerable<SlaSelectionRule> rules, string defaultProfileCode)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(rules);
        _profiles = new Dictionary<string, SlaProfile>(StringComparer.Ordinal);
        foreach (var profile in profiles)
        {
            if (!_profiles.TryAdd(profile.Code, profile))
            {
                throw new ArgumentException($"时限规则代码 {profile.Code} 重复 (profile code {profile.Code} given twice)", nameof(profiles));
            }
        }
        _rules = [.. rules];
        foreach (var code in _rules.Select(r => r.ProfileCode).Append(defaultProfileCode))
        {
            if (code is null || !_profiles.ContainsKey(code))
            {
                throw new ArgumentException($"未知的时限规则 {code} (no profile with code {code})", nameof(rules));
            }
        }
        Default = _profiles[defaultProfileCode];
    }

    public SlaProfile Default { get; }

    public IReadOnlyList<SlaSelectionRule> Rules => _rules;

    public IReadOnlyCollection<SlaProfile> Profiles => _profiles.Values;

    public SlaProfile Select(CaseChannel channel, CaseKind kind, string? categoryCode)
    {
        foreach (var rule in _rules)
        {
            if (rule.Matches(channel, kind, categoryCode))
            {
                return _profiles[rule.ProfileCode];
            }
        }
        return Default;
    }

    public SlaProfile? Find(string code) => _profiles.GetValueOrDefault(code);
}
