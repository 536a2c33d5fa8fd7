namespace Fengqiao.Core.Cases;

/// <summary>The statutory lifecycle's states (信访工作条例). Transitions are decided by the case lifecycle rules.</summary>
public enum CaseState
{
    Registered = 1,   // 登记
    Accepted = 2,     // 受理
    NotAccepted = 3,  // 不予受理
    Transferred = 4,  // 转送
    Assigned = 5,     // 交办
    InProgress = 6,   // 办理中
    Replied = 7,      // 已答复（答复意见书）
    Rated = 8,        // 已评价
    Closed = 9,       // 办结
}
