namespace Fengqiao.Core.Whistles;

/// <summary>A whistle action the rules refuse, with a bilingual reason meant to be shown to staff as it is.</summary>
public sealed class WhistleRuleException : InvalidOperationException
{
    public WhistleRuleException()
    {
    }

    public WhistleRuleException(string message)
        : base(message)
    {
    }

    public WhistleRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The input field at fault when what was entered is wrong (e.g. "Marks"), null when the whistle's state refuses.</summary>
    public string? Field { get; init; }
}
