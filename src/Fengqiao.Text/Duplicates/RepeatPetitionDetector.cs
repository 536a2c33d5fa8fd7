namespace Fengqiao.Text.Duplicates;

/// <summary>
/// What intake shows the clerk: earlier messages of the same person, of the same matter, and of both — the last
/// making the new message a repeat petition (重复信访) rather than a first one (初信初访).
/// </summary>
public sealed record RepeatCheck(
    IReadOnlyList<long> SamePerson,
    IReadOnlyList<DuplicateMatch> SameMatter,
    IReadOnlyList<DuplicateMatch> SamePersonSameMatter)
{
    public bool IsRepeat => SamePersonSameMatter.Count > 0;
}

/// <summary>
/// Combines identity and text similarity. Among one person's own earlier messages a lower similarity suffices
/// (<paramref name="samePersonThreshold"/>): people re-describe their matter in new words, while strangers' texts
/// must be near-copies (the index threshold) to count as the same matter. On 3-shingles a reworded complaint about
/// the same estate and matter scores about 0.16, unrelated messages about 0.0–0.05, hence the default 0.12.
/// </summary>
public sealed class RepeatPetitionDetector(NearDuplicateOptions? options = null, int expectedCapacity = 4096, double samePersonThreshold = 0.12) : IDisposable
{
    private readonly NearDuplicateIndex _index = new(options, expectedCapacity);
    private readonly Dictionary<string, List<(long Id, int Ordinal)>> _byPerson = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public NearDuplicateIndex Index => _index;

    /// <summary>Checks a new message against everything registered so far.</summary>
    public RepeatCheck Check(string text, params string?[] identityKeys)
    {
        ArgumentNullException.ThrowIfNull(identityKeys);
        var sig = _index.Signature(text);
        var sameMatter = sig is null ? [] : _index.Query(sig, 20);
        var samePerson = new List<(long Id, int Ordinal)>();
        lock (_gate)
        {
            foreach (var key in identityKeys.Select(Normalize).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal))
            {
                if (_byPerson.TryGetValue(key, out var list))
                {
                    samePerson.AddRange(list);
                }
            }
        }

        var persons = samePerson.DistinctBy(p => p.Id).OrderBy(p => p.Id).ToArray();
        var both = sig is null
            ? []
            : persons.Select(p => new DuplicateMatch(p.Id, _index.EstimateAt(sig, p.Ordinal)))
                .Where(m => m.Similarity >= samePersonThreshold)
                .OrderByDescending(m => m.Similarity)
                .ToArray();
        return new RepeatCheck(persons.Select(p => p.Id).ToArray(), sameMatter, both);
    }

    /// <summary>Registers a message (after intake has stored it). A message without text is not registered.</summary>
    public void Register(long id, string text, params string?[] identityKeys)
    {
        ArgumentNullException.ThrowIfNull(identityKeys);
        var sig = _index.Signature(text);
        if (sig is null)
        {
            return;
        }

        int ordinal = _index.Add(id, sig);
        lock (_gate)
        {
            foreach (var key in identityKeys.Select(Normalize).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal))
            {
                if (!_byPerson.TryGetValue(key, out var list))
                {
                    _byPerson[key] = list = [];
                }

                list.Add((id, ordinal));
            }
        }
    }

    /// <summary>Check, then register: the intake path.</summary>
    public RepeatCheck CheckAndRegister(long id, string text, params string?[] identityKeys)
    {
        var check = Check(text, identityKeys);
        Register(id, text, identityKeys);
        return check;
    }

    private static string Normalize(string? key)
        => key is null ? string.Empty : new string(key.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray());

    public void Dispose() => _index.Dispose();
}
