namespace Fengqiao.Text.Duplicates;

/// <summary>
/// Earlier messages of the same person, by any identity key (ID number, phone, user account). Kept apart from the
/// text index: a repeat petition is the same person about the same matter, and either signal alone is shown to
/// the clerk with its reason.
/// </summary>
public sealed class IdentityIndex
{
    private readonly Dictionary<string, List<long>> _byKey = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Registers a message under each non-empty identity key.</summary>
    public void Add(long id, params string?[] identityKeys)
    {
        ArgumentNullException.ThrowIfNull(identityKeys);
        lock (_gate)
        {
            foreach (var raw in identityKeys)
            {
                var key = Normalize(raw);
                if (key.Length == 0)
                {
                    continue;
                }

                if (!_byKey.TryGetValue(key, out var list))
                {
                    _byKey[key] = list = [];
                }

                list.Add(id);
            }
        }
    }

    /// <summary>Earlier message ids that share any of the keys, oldest first, without repeats.</summary>
    public IReadOnlyList<long> Find(params string?[] identityKeys)
    {
        ArgumentNullException.ThrowIfNull(identityKeys);
        var result = new List<long>();
        var seen = new HashSet<long>();
        lock (_gate)
        {
            foreach (var raw in identityKeys)
            {
                if (_byKey.TryGetValue(Normalize(raw), out var list))
                {
                    result.AddRange(list.Where(seen.Add));
                }
            }
        }

        result.Sort();
        return result;
    }

    /// <summary>Keys with more than one message: people who wrote repeatedly.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<long>> RepeatedKeys()
    {
        lock (_gate)
        {
            return _byKey.Where(kv => kv.Value.Count > 1).ToDictionary(kv => kv.Key, kv => (IReadOnlyList<long>)kv.Value.ToArray(), StringComparer.Ordinal);
        }
    }

    /// <summary>Case and separators do not distinguish people: "138-0000 0000" and "13800000000" are one phone.</summary>
    private static string Normalize(string? key)
        => key is null ? string.Empty : new string(key.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray());
}
