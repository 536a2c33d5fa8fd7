namespace Fengqiao.Core.JudicialAid;

/// <summary>A judicial-aid step the rules refuse; the message is bilingual and meant to be shown as it is.</summary>
public sealed class JudicialAidRuleException : InvalidOperationException
{
    public JudicialAidRuleException()
    {
    }

    public JudicialAidRuleException(string message)
        : base(message)
    {
    }

    public JudicialAidRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public JudicialAidRuleException(JudicialAidState state, string message)
        : base(message) => State = state;

    public JudicialAidState? State { get; }
}
