namespace Fengqiao.Core.Cases;

/// <summary>
/// A case action the rules refuse. The message is bilingual, e.g.
/// "不能从『已办结』转为『受理』 (cannot accept a closed case)", and is meant to be shown to staff as it is.
/// </summary>
public sealed class CaseRuleException : InvalidOperationException
{
    public CaseRuleException()
    {
    }

    public CaseRuleException(string message)
        : base(message)
    {
    }

    public CaseRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CaseRuleException(CaseState state, CaseAction action, string message)
        : base(message)
    {
        State = state;
        Action = action;
    }

    /// <summary>The case's state when the action was refused.</summary>
    public CaseState? State { get; }

    public CaseAction? Action { get; }

    /// <summary>The refusal for an action the lifecycle table does not allow in this state.</summary>
    public static CaseRuleException NotAllowed(CaseState state, CaseAction action)
    {
        var stateName = CaseNames.English(state);
        var article = "aeiou".Contains(stateName[0], StringComparison.Ordinal) ? "an" : "a";
        var english = $"cannot {CaseNames.EnglishVerb(action)} {article} {stateName} case";
        var message = CaseLifecycle.TargetOf(action) is null
            ? $"『{CaseNames.Chinese(state)}』状态下不能{CaseNames.Chinese(action)} ({english})"
            : $"不能从『{CaseNames.Chinese(state)}』转为『{CaseNames.Chinese(action)}』 ({english})";
        return new CaseRuleException(state, action, message);
    }
}
