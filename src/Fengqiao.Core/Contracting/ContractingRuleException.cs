namespace Fengqiao.Core.Contracting;

/// <summary>A contracting, follow-up or look-back action the rules refuse, with a bilingual reason.</summary>
public sealed class ContractingRuleException : InvalidOperationException
{
    public ContractingRuleException()
    {
    }

    public ContractingRuleException(string message)
        : base(message)
    {
    }

    public ContractingRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
