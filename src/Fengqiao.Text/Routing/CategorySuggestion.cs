namespace Fengqiao.Text.Routing;

/// <summary>A suggested first-level category with a confidence in [0, 1] (softmax over the SVM margins).</summary>
public sealed record CategorySuggestion(string Category, double Confidence);

/// <summary>A suggested category together with the department the table routes it to.</summary>
public sealed record RouteSuggestion(string Category, string Department, double Confidence);

/// <summary>
/// A clerk's decision on a routed message. When the clerk overrides the suggestion the chosen category becomes a
/// training example; retraining on these lets the model learn the district's own practice.
/// </summary>
public sealed record RouteFeedback(string Title, string Detail, string SuggestedCategory, string ChosenCategory)
{
    public bool IsOverride => !string.Equals(SuggestedCategory, ChosenCategory, StringComparison.Ordinal);

    public LabeledMessage ToTrainingExample() => new(Title, Detail, ChosenCategory);
}
