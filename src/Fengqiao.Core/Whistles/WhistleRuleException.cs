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
}
