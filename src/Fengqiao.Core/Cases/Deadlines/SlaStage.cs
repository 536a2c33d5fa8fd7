namespace Fengqiao.Core.Cases.Deadlines;

/// <summary>The time-limited steps a profile can set a period for.</summary>
public enum SlaStage
{
    AcceptanceNotice = 1, // 受理告知
    Handling = 2,         // 办理
    Extension = 3,        // 延期（最长）
    ReviewRequest = 4,    // 复查申请
    ReviewOpinion = 5,    // 复查意见
    ReReviewRequest = 6,  // 复核申请
    ReReviewOpinion = 7,  // 复核意见
    ProceduralReply = 8,  // 程序性回复
    Result = 9,           // 办理过程或结果答复
    UrgentResponse = 10,  // 紧急件响应
    Response = 11,        // 一般件办理
    RatingWindow = 12,    // 满意度评价期
}
