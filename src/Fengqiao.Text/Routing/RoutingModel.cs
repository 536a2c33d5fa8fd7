using System.Text;
using Fengqiao.Text.Common;

namespace Fengqiao.Text.Routing;

/// <summary>
/// The trained router: TF-IDF character n-grams and a one-vs-rest linear SVM. Immutable and thread-safe once built;
/// the web app loads it from a file at start and swaps in a retrained one when closed cases have accumulated.
/// </summary>
public sealed class RoutingModel
{
    private const string Magic = "FQROUTE1";
    private readonly TfIdfVectorizer _vectorizer;
    // Inference rows, one per feature: [idf, w_0 … w_{K-1}], so scoring an n-gram touches one cache line.
    private readonly float[] _rows;
    private readonly int _stride;
    private readonly float[] _bias;
    private readonly string[] _classes;

    private RoutingModel(TfIdfVectorizer vectorizer, string[] classes, float[] weights, float[] bias)
    {
        _vectorizer = vectorizer;
        _classes = classes;
        _bias = bias;
        int k = classes.Length;
        _stride = k + 1;
        _rows = new float[(long)vectorizer.Dimension * _stride];
        for (int j = 0; j < vectorizer.Dimension; j++)
        {
            long off = (long)j * _stride;
            _rows[off] = vectorizer.Idf[j];
            Array.Copy(weights, (long)j * k, _rows, off + 1, k);
        }
    }

    /// <summary>1 + ln(count) for small counts, computed once: the logarithm was a visible share of inference.</summary>
    private static readonly float[] SublinearTf = Enumerable.Range(0, 256).Select(c => c == 0 ? 0f : (float)(1 + Math.Log(c))).ToArray();

    public IReadOnlyList<string> Classes => _classes;

    public RoutingOptions Options => _vectorizer.Options;

    /// <summary>Number of n-gram features kept.</summary>
    public int FeatureCount => _vectorizer.Dimension;

    /// <summary>Trains from (title, detail, label) examples; at least two classes are needed.</summary>
    public static RoutingModel Train(IEnumerable<LabeledMessage> examples, RoutingOptions? options = null, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        options ??= new RoutingOptions();
        var docs = examples.Where(e => TextNormalizer.Normalize(e.Title).Length + TextNormalizer.Normalize(e.Detail).Length > 0).ToList();
        var classes = docs.Select(d => d.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (classes.Length < 2)
        {
            throw new ArgumentException("training needs examples of at least two categories", nameof(examples));
        }

        var vectorizer = TfIdfVectorizer.Fit(docs, options);
        progress?.Report(0.2);
        var xs = new SparseVector[docs.Count];
        var ys = new int[docs.Count];
        var classIndex = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        for (int i = 0; i < docs.Count; i++)
        {
            xs[i] = vectorizer.Transform(docs[i].Title, docs[i].Detail);
            ys[i] = classIndex[docs[i].Label];
        }

        progress?.Report(0.4);
        int done = 0;
        var classProgress = progress is null ? null : new SyncProgress(_ => progress.Report(0.4 + (0.6 * Interlocked.Increment(ref done) / classes.Length)));
        var (w, b) = LinearSvm.Train(xs, ys, classes.Length, vectorizer.Dimension, options, classProgress);
        return new RoutingModel(vectorizer, classes, w, b);
    }

    /// <summary>Retrains on the original examples plus clerks' decisions (overrides and confirmations alike).</summary>
    public static RoutingModel Retrain(IEnumerable<LabeledMessage> baseExamples, IEnumerable<RouteFeedback> feedback, RoutingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseExamples);
        ArgumentNullException.ThrowIfNull(feedback);
        return Train(baseExamples.Concat(feedback.Select(f => f.ToTrainingExample())), options);
    }

    /// <summary>Class probabilities in the order of <see cref="Classes"/>.</summary>
    public double[] Probabilities(string title, string detail) => Softmax(Margins(title, detail));

    /// <summary>The k most likely categories, best first.</summary>
    public IReadOnlyList<CategorySuggestion> Suggest(string title, string detail, int k = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var p = Probabilities(title, detail);
        return Enumerable.Range(0, p.Length)
            .OrderByDescending(i => p[i])
            .Take(k)
            .Select(i => new CategorySuggestion(_classes[i], p[i]))
            .ToArray();
    }

    /// <summary>The single best category.</summary>
    public string Predict(string title, string detail)
    {
        var m = Margins(title, detail);
        int best = 0;
        for (int c = 1; c < m.Length; c++)
        {
            if (m[c] > m[best])
            {
                best = c;
            }
        }

        return _classes[best];
    }

    /// <summary>
    /// SVM margins computed in one pass over the message's features. The TF-IDF vector is never built: each space's
    /// normalisation is linear, so partial margins and norms per space are combined at the end — the same numbers
    /// as normalising first.
    /// </summary>
    private float[] Margins(string title, string detail)
    {
        var counter = _vectorizer.Count(title, detail);
        int k = _classes.Length;
        int firstBody = _vectorizer.FirstBodyFeature;
        Span<float> titleM = stackalloc float[k];
        Span<float> bodyM = stackalloc float[k];
        titleM.Clear();
        bodyM.Clear();
        double titleNorm = 0, bodyNorm = 0;
        var rows = _rows;
        for (int i = 0; i < counter.Count; i++)
        {
            int j = counter.Feature(i);
            int count = counter.CountOf(i);
            long off = (long)j * _stride;
            float v = (count < SublinearTf.Length ? SublinearTf[count] : (float)(1 + Math.Log(count))) * rows[off];
            var w = rows.AsSpan((int)(off + 1), k);
            if (j < firstBody)
            {
                titleNorm += v * v;
                for (int c = 0; c < k; c++)
                {
                    titleM[c] += v * w[c];
                }
            }
            else
            {
                bodyNorm += v * v;
                for (int c = 0; c < k; c++)
                {
                    bodyM[c] += v * w[c];
                }
            }
        }

        double tScale = titleNorm > 0 ? _vectorizer.Options.TitleWeight / Math.Sqrt(titleNorm) : 0;
        double bScale = bodyNorm > 0 ? 1 / Math.Sqrt(bodyNorm) : 0;
        double total = (tScale * tScale * titleNorm) + (bScale * bScale * bodyNorm);
        double inv = total > 0 ? 1 / Math.Sqrt(total) : 0;
        var margins = new float[k];
        for (int c = 0; c < k; c++)
        {
            margins[c] = _bias[c] + (float)(inv * ((tScale * titleM[c]) + (bScale * bodyM[c])));
        }

        return margins;
    }

    private double[] Softmax(float[] margins)
    {
        double scale = _vectorizer.Options.ConfidenceScale;
        double max = margins.Max();
        var p = new double[margins.Length];
        double sum = 0;
        for (int c = 0; c < p.Length; c++)
        {
            p[c] = Math.Exp(scale * (margins[c] - max));
            sum += p[c];
        }

        for (int c = 0; c < p.Length; c++)
        {
            p[c] /= sum;
        }

        return p;
    }

    public void Save(Stream stream)
    {
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        var o = _vectorizer.Options;
        w.Write(Magic);
        w.Write(o.MaxN);
        w.Write(o.MinDocumentFrequency);
        w.Write(o.TitleWeight);
        w.Write(o.C);
        w.Write(o.BalanceClasses);
        w.Write(o.Epochs);
        w.Write(o.ConfidenceScale);
        w.Write(o.Seed);
        w.Write(_classes.Length);
        foreach (var c in _classes)
        {
            w.Write(c);
        }

        w.Write(_vectorizer.Dimension);
        foreach (var key in _vectorizer.Keys)
        {
            w.Write(key);
        }

        foreach (var idf in _vectorizer.Idf)
        {
            w.Write(idf);
        }

        foreach (var b in _bias)
        {
            w.Write(b);
        }

        for (int j = 0; j < _vectorizer.Dimension; j++)
        {
            for (int c = 0; c < _classes.Length; c++)
            {
                w.Write(_rows[((long)j * _stride) + 1 + c]);
            }
        }
    }

    public static RoutingModel Load(Stream stream)
    {
        try
        {
            return Read(stream);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("not a Fengqiao routing model file, or a truncated one", ex);
        }
    }

    private static RoutingModel Read(Stream stream)
    {
        using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        if (r.ReadString() != Magic)
        {
            throw new InvalidDataException("not a Fengqiao routing model file");
        }

        var o = new RoutingOptions
        {
            MaxN = r.ReadInt32(),
            MinDocumentFrequency = r.ReadInt32(),
            TitleWeight = r.ReadDouble(),
            C = r.ReadDouble(),
            BalanceClasses = r.ReadBoolean(),
            Epochs = r.ReadInt32(),
            ConfidenceScale = r.ReadDouble(),
            Seed = r.ReadInt32(),
        };
        var classes = new string[r.ReadInt32()];
        for (int i = 0; i < classes.Length; i++)
        {
            classes[i] = r.ReadString();
        }

        int dim = r.ReadInt32();
        var keys = new ulong[dim];
        for (int i = 0; i < dim; i++)
        {
            keys[i] = r.ReadUInt64();
        }

        var idf = new float[dim];
        for (int i = 0; i < dim; i++)
        {
            idf[i] = r.ReadSingle();
        }

        var bias = new float[classes.Length];
        for (int i = 0; i < bias.Length; i++)
        {
            bias[i] = r.ReadSingle();
        }

        var weights = new float[(long)dim * classes.Length];
        for (long i = 0; i < weights.Length; i++)
        {
            weights[i] = r.ReadSingle();
        }

        return new RoutingModel(new TfIdfVectorizer(o, keys, idf), classes, weights, bias);
    }

    public void SaveFile(string path)
    {
        using var fs = File.Create(path);
        Save(fs);
    }

    public static RoutingModel LoadFile(string path)
    {
        using var fs = File.OpenRead(path);
        return Load(new BufferedStream(fs, 1 << 16));
    }

    /// <summary>Progress that reports on the calling thread (Progress&lt;T&gt; would post to a sync context).</summary>
    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}

/// <summary>What intake calls: a model plus the department table.</summary>
public sealed class MessageRouter(RoutingModel model, DepartmentTable departments)
{
    public RoutingModel Model { get; } = model;

    public DepartmentTable Departments { get; } = departments;

    public IReadOnlyList<RouteSuggestion> Suggest(string title, string detail, int k = 3)
        => Model.Suggest(title, detail, k)
            .Select(s => new RouteSuggestion(s.Category, Departments.DepartmentFor(s.Category), s.Confidence))
            .ToArray();
}
