namespace Fengqiao.Text.Routing;

/// <summary>A training or test example: title and detail (either may be empty, not both) and its first-level category.</summary>
public sealed record LabeledMessage(string Title, string Detail, string Label)
{
    /// <summary>Title-only rows (train_titles.csv) carry less evidence; cross-validation keeps them on the training side.</summary>
    public bool IsTitleOnly => Detail.Length == 0;
}
