using Fengqiao.Text.Common;

namespace Fengqiao.Text.Routing;

/// <summary>
/// Sublinear TF-IDF over character n-grams in two spaces: the title alone and title + detail. The title space
/// lets a short, pointed title count more than its share of a long detail (weight chosen by cross-validation).
/// </summary>
internal sealed class TfIdfVectorizer
{
    private readonly Dictionary<ulong, int> _index;

    public TfIdfVectorizer(RoutingOptions options, ulong[] keys, float[] idf)
    {
        Options = options;
        Keys = keys;
        Idf = idf;
        _index = new Dictionary<ulong, int>(keys.Length);
        for (int i = 0; i < keys.Length; i++)
        {
            _index[keys[i]] = i;
        }
    }

    public RoutingOptions Options { get; }

    public ulong[] Keys { get; }

    public float[] Idf { get; }

    public int Dimension => Keys.Length;

    public static TfIdfVectorizer Fit(IReadOnlyList<LabeledMessage> docs, RoutingOptions options)
    {
        var df = new Dictionary<ulong, int>();
        var counts = new Dictionary<ulong, int>();
        foreach (var doc in docs)
        {
            counts.Clear();
            CountDocument(doc.Title, doc.Detail, options, counts);
            foreach (var k in counts.Keys)
            {
                df[k] = df.TryGetValue(k, out int c) ? c + 1 : 1;
            }
        }

        var kept = df.Where(kv => kv.Value >= options.MinDocumentFrequency).OrderBy(kv => kv.Key).ToArray();
        var keys = new ulong[kept.Length];
        var idf = new float[kept.Length];
        double n = docs.Count;
        for (int i = 0; i < kept.Length; i++)
        {
            keys[i] = kept[i].Key;
            idf[i] = (float)(Math.Log((1 + n) / (1 + kept[i].Value)) + 1);
        }

        return new TfIdfVectorizer(options, keys, idf);
    }

    internal static void CountDocument(string title, string detail, RoutingOptions options, Dictionary<ulong, int> counts)
    {
        string t = TextNormalizer.Normalize(title);
        string d = TextNormalizer.Normalize(detail);
        CharNGrams.Count(t, CharNGrams.TitleSpace, options.MaxN, counts);
        CharNGrams.Count(t + "|" + d, CharNGrams.BodySpace, options.MaxN, counts);
    }

    public SparseVector Transform(string title, string detail)
    {
        var counts = new Dictionary<ulong, int>();
        CountDocument(title, detail, Options, counts);
        return Transform(counts);
    }

    public SparseVector Transform(Dictionary<ulong, int> counts)
    {
        var idx = new List<int>(counts.Count);
        var val = new List<float>(counts.Count);
        double titleNorm = 0, bodyNorm = 0;
        foreach (var (key, count) in counts)
        {
            if (!_index.TryGetValue(key, out int j))
            {
                continue;
            }

            float v = (float)(1 + Math.Log(count)) * Idf[j];
            idx.Add(j);
            val.Add(v);
            if (IsTitle(key))
            {
                titleNorm += v * v;
            }
            else
            {
                bodyNorm += v * v;
            }
        }

        // Each space is normalised on its own, then the title space is weighted and the whole re-normalised.
        float tScale = titleNorm > 0 ? (float)(Options.TitleWeight / Math.Sqrt(titleNorm)) : 0f;
        float bScale = bodyNorm > 0 ? (float)(1 / Math.Sqrt(bodyNorm)) : 0f;
        var indices = idx.ToArray();
        var values = val.ToArray();
        double total = 0;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] *= IsTitle(Keys[indices[i]]) ? tScale : bScale;
            total += values[i] * values[i];
        }

        if (total > 0)
        {
            float inv = (float)(1 / Math.Sqrt(total));
            for (int i = 0; i < values.Length; i++)
            {
                values[i] *= inv;
            }
        }

        Array.Sort(indices, values);
        return new SparseVector(indices, values);
    }

    private static bool IsTitle(ulong key) => (key >> 56) == CharNGrams.TitleSpace;
}
