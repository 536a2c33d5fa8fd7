using NodaTime;

namespace Fengqiao.Data.Text;

/// <summary>
/// A clerk overrode the routing model's first suggestion at intake (改派分类): the matter with the category the
/// clerk chose. These rows are training data for the next retraining; they follow their case's visibility.
/// </summary>
public sealed class RoutingFeedback
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public required string Title { get; set; }
    public string? Detail { get; set; }
    /// <summary>The model's top first-level category (一级分类) when the case was registered.</summary>
    public required string SuggestedCategory { get; set; }
    /// <summary>The first-level category the clerk chose instead.</summary>
    public required string ChosenCategory { get; set; }
    public Instant At { get; set; }
    public string By { get; set; } = "";
}
