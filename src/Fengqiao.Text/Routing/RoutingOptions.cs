namespace Fengqiao.Text.Routing;

/// <summary>
/// Training settings. Defaults are the best found by 5-fold cross-validation on the shared training files
/// (see docs/text.md); they are not tuned on any held-out competition rows.
/// </summary>
public sealed record RoutingOptions
{
    /// <summary>Longest character n-gram.</summary>
    public int MaxN { get; init; } = 3;

    /// <summary>N-grams seen in fewer documents are dropped: they cannot generalise and only grow the model.</summary>
    public int MinDocumentFrequency { get; init; } = 2;

    /// <summary>Weight of the title-only feature space relative to title + detail.</summary>
    public double TitleWeight { get; init; } = 0.25;

    /// <summary>SVM cost; larger fits the training data more closely.</summary>
    public double C { get; init; } = 2.0;

    /// <summary>Scale positives of rare classes up (N / (K · n_c)) so macro-F1 is not sacrificed to the big classes.</summary>
    public bool BalanceClasses { get; init; } = true;

    /// <summary>Dual coordinate-descent passes over the data.</summary>
    public int Epochs { get; init; } = 15;

    /// <summary>Scale of SVM margins before softmax, so confidences are neither flat nor all near 1.</summary>
    public double ConfidenceScale { get; init; } = 4.0;

    /// <summary>Seed for the coordinate order; training is deterministic for a given seed.</summary>
    public int Seed { get; init; } = 17;

    /// <summary>Classes trained in parallel (one-vs-rest problems are independent).</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
}
