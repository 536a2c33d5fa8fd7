using Fengqiao.Text.Common;

namespace Fengqiao.Text.Routing;

/// <summary>Outcome of k-fold cross-validation: the pooled report and the macro-F1 of each fold.</summary>
public sealed record CrossValidationResult(ClassificationReport Pooled, IReadOnlyList<double> FoldMacroF1)
{
    public double MeanMacroF1 => FoldMacroF1.Average();
}

/// <summary>
/// Honest k-fold cross-validation. Folds are stratified by label; messages with identical text fall in the same
/// fold so a duplicate cannot be "recalled" from training. Title-only rows always train and are never tested,
/// and a title-only row whose title equals a test message's title is withheld from that fold's training
/// (train_titles.csv repeats many message titles).
/// </summary>
public static class CrossValidation
{
    public static CrossValidationResult Run(
        IReadOnlyList<LabeledMessage> examples,
        int folds = 5,
        RoutingOptions? options = null,
        int seed = 1,
        int? onlyFolds = null,
        IProgress<int>? foldDone = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var full = examples.Where(e => !e.IsTitleOnly).ToList();
        var titleOnly = examples.Where(e => e.IsTitleOnly).ToList();
        var fold = AssignFolds(full, folds, seed);
        var truth = new List<string>();
        var predicted = new List<string>();
        var perFold = new List<double>();
        int run = Math.Min(folds, onlyFolds ?? folds);
        for (int f = 0; f < run; f++)
        {
            var test = full.Where((_, i) => fold[i] == f).ToList();
            var testTitles = test.Select(t => TextNormalizer.Normalize(t.Title)).Where(t => t.Length > 0).ToHashSet(StringComparer.Ordinal);
            var train = full.Where((_, i) => fold[i] != f)
                .Concat(titleOnly.Where(t => !testTitles.Contains(TextNormalizer.Normalize(t.Title))))
                .ToList();
            var model = RoutingModel.Train(train, options);
            var foldTruth = test.Select(t => t.Label).ToList();
            var foldPred = test.Select(t => model.Predict(t.Title, t.Detail)).ToList();
            perFold.Add(ClassificationReport.From(foldTruth, foldPred).MacroF1);
            truth.AddRange(foldTruth);
            predicted.AddRange(foldPred);
            foldDone?.Report(f);
        }

        return new CrossValidationResult(ClassificationReport.From(truth, predicted), perFold);
    }

    private static int[] AssignFolds(List<LabeledMessage> full, int folds, int seed)
    {
        var rng = new Random(seed);
        var groups = full.Select((m, i) => (Key: TextNormalizer.Normalize(m.Title + "|" + m.Detail), m.Label, i))
            .GroupBy(x => x.Key, StringComparer.Ordinal)
            .Select(g => (g.First().Label, Members: g.Select(x => x.i).ToArray()))
            .ToList();
        var fold = new int[full.Count];
        foreach (var byLabel in groups.GroupBy(g => g.Label, StringComparer.Ordinal))
        {
            var list = byLabel.ToArray();
            rng.Shuffle(list);
            for (int j = 0; j < list.Length; j++)
            {
                foreach (int i in list[j].Members)
                {
                    fold[i] = j % folds;
                }
            }
        }

        return fold;
    }
}
