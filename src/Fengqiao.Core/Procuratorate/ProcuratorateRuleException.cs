namespace Fengqiao.Core.Procuratorate;

/// <summary>A procuratorate-service action the rules refuse; the message is bilingual.</summary>
public sealed class ProcuratorateRuleException : InvalidOperationException
{
    public ProcuratorateRuleException()
    {
    }

    public ProcuratorateRuleException(string message)
        : base(message)
    {
    }

    public ProcuratorateRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
