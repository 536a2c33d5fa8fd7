namespace Fengqiao.Core.Mediation;

/// <summary>A mediation step or organisation the rules refuse; the message is bilingual and meant to be shown as it is.</summary>
public sealed class MediationRuleException : InvalidOperationException
{
    public MediationRuleException()
    {
    }

    public MediationRuleException(string message)
        : base(message)
    {
    }

    public MediationRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
