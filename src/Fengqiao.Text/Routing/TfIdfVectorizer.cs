using Fengqiao.Text.Common;

namespace Fengqiao.Text.Routing;

/// <summary>
/// Sublinear TF-IDF over character n-grams in two spaces: the title alone and title + detail. The title space
/// lets a short, pointed title count more than its share of a long detail (weight chosen by cross-validation).
/// </summary>
internal sealed class TfIdfVectorizer
{
    private readonly NGramTable _index;
    private readonly int _firstBody;

    public TfIdfVectorizer(RoutingOptions options, ulong[] keys, float[] idf)
    {
        Options = options;
        Keys = keys;
        Idf = idf;
        _index = new NGramTable(keys);

        // Keys are sorted and the space sits in the top bits, so every title feature precedes every body feature.
        _firstBody = Array.FindIndex(keys, k => (k >> 56) != CharNGrams.TitleSpace);
        if (_firstBody < 0)
        {
            _firstBody = keys.Length;
        }
    }

    public RoutingOptions Options { get; }

    public ulong[] Keys { get; }

    public float[] Idf { get; }

    public int Dimension => Keys.Length;

    public static TfIdfVectorizer Fit(IReadOnlyList<LabeledMessage> docs, RoutingOptions options)
    {
        var df = new Dictionary<ulong, int>(NGramKeyComparer.Instance);
        var counts = new Dictionary<ulong, int>(NGramKeyComparer.Instance);
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

    /// <summary>Index of the first body-space feature: features below it belong to the title space.</summary>
    public int FirstBodyFeature => _firstBody;

    /// <summary>
    /// Counts the known n-gram features of a message into the calling thread's counter and returns it. One table
    /// lookup per n-gram, no allocation per n-gram: this is the intake hot path.
    /// </summary>
    public FeatureCounter Count(string title, string detail)
    {
        var counter = t_counter ??= new FeatureCounter();
        string t = TextNormalizer.Normalize(title);
        string d = TextNormalizer.Normalize(detail);
        if (t.Length == 0 && d.Length == 0)
        {
            throw new ArgumentException("message has neither title nor detail text");
        }

        counter.Reset(Options.MaxN * (2 * t.Length + d.Length + 1));
        Accumulate(t, CharNGrams.TitleSpace, counter);
        Accumulate(string.Concat(t, "|", d), CharNGrams.BodySpace, counter);
        return counter;
    }

    public SparseVector Transform(string title, string detail)
    {
        var counter = Count(title, detail);
        int n = counter.Count;
        var indices = new int[n];
        var values = new float[n];
        double titleNorm = 0, bodyNorm = 0;
        for (int i = 0; i < n; i++)
        {
            int j = counter.Feature(i);
            float v = (float)(1 + Math.Log(counter.CountOf(i))) * Idf[j];
            indices[i] = j;
            values[i] = v;
            if (j < _firstBody)
            {
                titleNorm += v * v;
            }
            else
            {
                bodyNorm += v * v;
            }
        }

        Scale(indices, values, titleNorm, bodyNorm);
        return new SparseVector(indices, values);
    }

    private void Accumulate(string text, int space, FeatureCounter counter)
    {
        ulong tag = (ulong)space << 56;
        int maxN = Options.MaxN;
        for (int i = 0; i < text.Length; i++)
        {
            ulong key = 0;
            for (int n = 1; n <= maxN && i + n <= text.Length; n++)
            {
                key |= (ulong)CharNGrams.Fold(text[i + n - 1]) << (16 * (n - 1));
                int j = _index.Find(key | ((ulong)n << 48) | tag);
                if (j >= 0)
                {
                    counter.Add(j);
                }
            }
        }
    }

    /// <summary>Each space is normalised on its own, then the title space is weighted and the whole re-normalised.</summary>
    private void Scale(int[] indices, float[] values, double titleNorm, double bodyNorm)
    {
        float tScale = titleNorm > 0 ? (float)(Options.TitleWeight / Math.Sqrt(titleNorm)) : 0f;
        float bScale = bodyNorm > 0 ? (float)(1 / Math.Sqrt(bodyNorm)) : 0f;
        double total = 0;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] *= indices[i] < _firstBody ? tScale : bScale;
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
    }

    [ThreadStatic]
    private static FeatureCounter? t_counter;
}
