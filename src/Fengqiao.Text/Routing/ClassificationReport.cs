namespace Fengqiao.Text.Routing;

/// <summary>Precision, recall and F1 of one class.</summary>
public sealed record ClassScore(string Category, double Precision, double Recall, double F1, int Support);

/// <summary>Accuracy, macro-F1, per-class scores and the confusion matrix (rows: true class, columns: predicted).</summary>
public sealed record ClassificationReport(
    IReadOnlyList<string> Classes,
    int[][] Confusion,
    double Accuracy,
    double MacroF1,
    IReadOnlyList<ClassScore> PerClass)
{
    public static ClassificationReport From(IReadOnlyList<string> truth, IReadOnlyList<string> predicted)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        if (truth.Count != predicted.Count)
        {
            throw new ArgumentException("truth and predictions differ in length");
        }

        var classes = truth.Concat(predicted).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var index = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var m = classes.Select(_ => new int[classes.Length]).ToArray();
        for (int i = 0; i < truth.Count; i++)
        {
            m[index[truth[i]]][index[predicted[i]]]++;
        }

        var per = new List<ClassScore>();
        int correct = 0;
        for (int c = 0; c < classes.Length; c++)
        {
            int tp = m[c][c];
            correct += tp;
            int support = m[c].Sum();
            int predictedCount = m.Sum(row => row[c]);
            double p = predictedCount == 0 ? 0 : (double)tp / predictedCount;
            double r = support == 0 ? 0 : (double)tp / support;
            double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
            per.Add(new ClassScore(classes[c], p, r, f, support));
        }

        // Macro-F1 averages over the classes that occur in the truth (a class only ever predicted does not count).
        var present = per.Where(s => s.Support > 0).ToArray();
        double macro = present.Length == 0 ? 0 : present.Average(s => s.F1);
        double acc = truth.Count == 0 ? 0 : (double)correct / truth.Count;
        return new ClassificationReport(classes, m, acc, macro, per);
    }
}
