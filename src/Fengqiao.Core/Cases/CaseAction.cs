namespace Fengqiao.Core.Cases;

/// <summary>Everything that can happen to a registered case. <see cref="CaseLifecycle"/> says from which states each is allowed.</summary>
public enum CaseAction
{
    Accept = 1,                   // 受理
    NotAccept = 2,                // 不予受理
    Transfer = 3,                 // 转送
    Assign = 4,                   // 交办
    StartHandling = 5,            // 开始办理
    Reply = 6,                    // 签发答复意见书（须他人起草并报送）
    Rate = 7,                     // 评价
    RecordNoRating = 8,           // 逾期未评价
    Close = 9,                    // 办结
    RequestReview = 10,           // 申请复查
    RequestReReview = 11,         // 申请复核
    RequestExtension = 12,        // 申请延期
    ApproveExtension = 13,        // 批准延期
    RejectExtension = 14,         // 驳回延期
    RecordMediationSession = 15,  // 记录调解
    RecordMediationAgreement = 16, // 达成调解协议
    RecordAgreementFollowUp = 17, // 协议履行回访
    SuspendHandling = 18,         // 中止办理（期限暂停计算）
    ResumeHandling = 19,          // 恢复办理
    SubmitReply = 20,             // 答复意见书报送签发
    ReturnReply = 21,             // 退回答复草稿
    Reopen = 22,                  // 回头看未真正化解，重新交办
}
