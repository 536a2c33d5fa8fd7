namespace Fengqiao.Core.Cases;

/// <summary>Which round of handling a case is in. Review and re-review reopen the same case rather than creating new ones.</summary>
public enum CaseStage
{
    Original = 1, // 初次办理
    Review = 2,   // 复查
    ReReview = 3, // 复核（终局）
}
