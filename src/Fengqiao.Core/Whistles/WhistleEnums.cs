namespace Fengqiao.Core.Whistles;

/// <summary>Why the whistle was blown (哨源).</summary>
public enum WhistleSource
{
    ResidentRequest = 1, // 群众诉求
    MayorHotline = 2,    // 12345 市长热线
    MediaExposure = 3,   // 媒体曝光
    OnlineLetter = 4,    // 网络投信
}

/// <summary>
/// The four tiers of 吹哨报到, lowest first. The numeric order is the escalation order: a whistle only ever moves
/// to the value one above its current one.
/// </summary>
public enum WhistleLevel
{
    Community = 1,          // 社区（村）吹哨
    Street = 2,             // 街道（镇）吹哨
    JointMeetingOffice = 3, // 区信访联席办吹哨
    DistrictLeader = 4,     // 区领导吹哨
}

/// <summary>The three things a summoned department owes, in order (报到 → 处置 → 反馈).</summary>
public enum WhistleStep
{
    Acknowledge = 1, // 接哨报到
    Act = 2,         // 到场处置
    Report = 3,      // 反馈结果
}

/// <summary>Where one summoned department stands.</summary>
public enum SummonsStatus
{
    Summoned = 1,     // 已召集，未报到
    Acknowledged = 2, // 已报到
    Acting = 3,       // 处置中
    Reported = 4,     // 已反馈结果
    Refused = 5,      // 拒绝报到
}

public enum WhistleState
{
    Open = 1,   // 处置中
    Closed = 2, // 已闭环
}

/// <summary>Why a department is flagged for the monthly assessment and a possible referral.</summary>
public enum DepartmentFlagReason
{
    Refused = 1,            // 拒不报到
    LateBeyondThreshold = 2, // 超时严重
}
