using Fengqiao.Text.Common;

namespace Fengqiao.Text.Duplicates;

/// <summary>A message as the duplicate finder sees it.</summary>
public sealed record TextItem(long Id, string Text);

/// <summary>A group of messages about one matter: exact when every text is identical after normalisation.</summary>
public sealed record DuplicateCluster(IReadOnlyList<long> Ids, bool Exact, double MinSimilarity);

/// <summary>
/// Exact and near-duplicate clusters across a store. Exact copies are grouped by their normalised text; near
/// duplicates by querying the LSH index in arrival order, verifying with exact Jaccard, and joining pairs
/// (union–find), so a chain of small edits forms one cluster.
/// </summary>
public static class DuplicateClustering
{
    public static IReadOnlyList<DuplicateCluster> Find(IReadOnlyList<TextItem> items, NearDuplicateOptions? options = null, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        options ??= new NearDuplicateOptions();
        using var index = new NearDuplicateIndex(options, items.Count);
        var parent = Enumerable.Range(0, items.Count).ToArray();
        var minSim = new double[items.Count];
        Array.Fill(minSim, 1.0);
        var ordinalOf = new Dictionary<long, int>();
        var shingles = new ulong[items.Count][];
        for (int i = 0; i < items.Count; i++)
        {
            shingles[i] = Shingles.Of(items[i].Text, options.ShingleSize);
            if (shingles[i].Length == 0)
            {
                continue;
            }

            var matches = index.Query(items[i].Text, int.MaxValue);
            foreach (var m in matches)
            {
                int j = ordinalOf[m.Id];
                double exact = Shingles.Jaccard(shingles[i], shingles[j]);
                if (exact >= options.Threshold)
                {
                    int ri = Find(parent, i), rj = Find(parent, j);
                    double s = Math.Min(exact, Math.Min(minSim[ri], minSim[rj]));
                    parent[ri] = rj;
                    minSim[rj] = s;
                }
            }

            index.Add(items[i].Id, items[i].Text);
            if (!ordinalOf.TryAdd(items[i].Id, i))
            {
                throw new ArgumentException($"message id {items[i].Id} occurs twice", nameof(items));
            }

            if (progress is not null && i % 500 == 0)
            {
                progress.Report(i);
            }
        }

        var clusters = new List<DuplicateCluster>();
        foreach (var group in Enumerable.Range(0, items.Count).GroupBy(i => Find(parent, i)).Where(g => g.Count() > 1))
        {
            var members = group.ToArray();
            bool exact = members.Select(i => TextNormalizer.Normalize(items[i].Text)).Distinct(StringComparer.Ordinal).Count() == 1;
            clusters.Add(new DuplicateCluster(members.Select(i => items[i].Id).ToArray(), exact, exact ? 1.0 : minSim[group.Key]));
        }

        return clusters.OrderByDescending(c => c.Ids.Count).ThenBy(c => c.Ids[0]).ToArray();
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }
}
