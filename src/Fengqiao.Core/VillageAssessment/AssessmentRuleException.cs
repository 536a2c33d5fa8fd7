namespace Fengqiao.Core.VillageAssessment;

/// <summary>An assessment input or configuration the rules refuse; the message is bilingual.</summary>
public sealed class AssessmentRuleException : InvalidOperationException
{
    public AssessmentRuleException()
    {
    }

    public AssessmentRuleException(string message)
        : base(message)
    {
    }

    public AssessmentRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
