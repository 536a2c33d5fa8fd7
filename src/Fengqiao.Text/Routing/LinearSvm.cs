namespace Fengqiao.Text.Routing;

/// <summary>
/// One-vs-rest linear SVM with squared hinge loss, trained by dual coordinate descent (Hsieh et al. 2008, the
/// LIBLINEAR method). Linear SVMs on TF-IDF n-grams are the strongest simple text classifiers, train in seconds
/// and score a message in microseconds, which the intake path needs.
/// </summary>
internal static class LinearSvm
{
    /// <summary>Returns feature-major weights <c>w[j * K + c]</c> and biases per class.</summary>
    public static (float[] Weights, float[] Bias) Train(
        IReadOnlyList<SparseVector> xs, int[] ys, int classes, int dim, RoutingOptions options, IProgress<int>? classDone = null)
    {
        var weights = new float[(long)dim * classes];
        var bias = new float[classes];
        var classCounts = new int[classes];
        foreach (var y in ys)
        {
            classCounts[y]++;
        }

        var sq = new float[xs.Count];
        for (int i = 0; i < xs.Count; i++)
        {
            sq[i] = xs[i].SquaredNorm() + 1f; // + 1 for the bias feature
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxDegreeOfParallelism) };
        Parallel.For(0, classes, parallel, c =>
        {
            double posWeight = options.BalanceClasses && classCounts[c] > 0
                ? (double)xs.Count / (classes * classCounts[c])
                : 1.0;
            var (w, b) = TrainBinary(xs, ys, c, dim, options.C * posWeight, options.C, sq, options.Epochs, options.Seed + c);
            for (int j = 0; j < dim; j++)
            {
                weights[(long)j * classes + c] = w[j];
            }

            bias[c] = b;
            classDone?.Report(c);
        });

        return (weights, bias);
    }

    private static (float[] W, float B) TrainBinary(
        IReadOnlyList<SparseVector> xs, int[] ys, int positive, int dim, double cPos, double cNeg, float[] sq, int epochs, int seed)
    {
        int n = xs.Count;
        var w = new float[dim];
        float b = 0;
        var alpha = new float[n];
        var order = Enumerable.Range(0, n).ToArray();
        var rng = new Random(seed);
        float dPos = (float)(0.5 / cPos);
        float dNeg = (float)(0.5 / cNeg);
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            rng.Shuffle(order);
            float maxPg = 0;
            foreach (int i in order)
            {
                float y = ys[i] == positive ? 1f : -1f;
                float d = y > 0 ? dPos : dNeg;
                var x = xs[i];
                float g = (y * (x.Dot(w, 0) + b)) - 1f + (d * alpha[i]);
                float pg = alpha[i] == 0 ? Math.Min(g, 0) : g;
                if (Math.Abs(pg) < 1e-6f)
                {
                    continue;
                }

                maxPg = Math.Max(maxPg, Math.Abs(pg));
                float old = alpha[i];
                float updated = Math.Max(old - (g / (sq[i] + d)), 0);
                alpha[i] = updated;
                float step = (updated - old) * y;
                var idx = x.Indices;
                var val = x.Values;
                for (int k = 0; k < idx.Length; k++)
                {
                    w[idx[k]] += step * val[k];
                }

                b += step;
            }

            // Converged: no coordinate moves any more (LIBLINEAR's default tolerance is 0.1 on the projected gradient).
            if (maxPg < 0.05f)
            {
                break;
            }
        }

        return (w, b);
    }
}
