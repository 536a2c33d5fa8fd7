namespace Fengqiao.Core.ServiceMenu;

/// <summary>A service-menu action the rules refuse; the message is bilingual and meant to be shown as it is.</summary>
public sealed class ServiceRuleException : InvalidOperationException
{
    public ServiceRuleException()
    {
    }

    public ServiceRuleException(string message)
        : base(message)
    {
    }

    public ServiceRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ServiceRuleException(ServiceOrderState state, string message)
        : base(message) => State = state;

    /// <summary>The order's state when the action was refused, when there was an order.</summary>
    public ServiceOrderState? State { get; }
}
