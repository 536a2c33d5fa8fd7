namespace Fengqiao.Core.Letters;

/// <summary>A letter action or template the rules refuse, with a bilingual reason meant to be shown as it is.</summary>
public sealed class LetterRuleException : InvalidOperationException
{
    public LetterRuleException()
    {
    }

    public LetterRuleException(string message)
        : base(message)
    {
    }

    public LetterRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
