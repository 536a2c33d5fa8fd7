namespace Fengqiao.Core.Grid;

/// <summary>A grid-governance action the rules refuse; the message is bilingual and meant to be shown as it is.</summary>
public sealed class GridRuleException : InvalidOperationException
{
    public GridRuleException()
    {
    }

    public GridRuleException(string message)
        : base(message)
    {
    }

    public GridRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
