namespace Fengqiao.Core.Cases.Documents;

/// <summary>The written documents of case work under the 信访工作条例 (2022). Stable names: URLs and file names use them.</summary>
public enum CaseDocumentKind
{
    AcceptanceNotice = 1,    // 受理告知书
    NonAcceptanceNotice = 2, // 不予受理告知书
    TransferSlip = 3,        // 转送单
    AssignmentSlip = 4,      // 交办单
    ReplyOpinion = 5,        // 处理意见书（答复意见书）
    ExtensionNotice = 6,     // 延期告知书
    ReviewOpinion = 7,       // 复查意见书
    ReReviewOpinion = 8,     // 复核意见书
}

public static class CaseDocumentKinds
{
    public static string Title(CaseDocumentKind kind) => kind switch
    {
        CaseDocumentKind.AcceptanceNotice => "受理告知书",
        CaseDocumentKind.NonAcceptanceNotice => "不予受理告知书",
        CaseDocumentKind.TransferSlip => "信访事项转送单",
        CaseDocumentKind.AssignmentSlip => "信访事项交办单",
        CaseDocumentKind.ReplyOpinion => "信访事项处理意见书",
        CaseDocumentKind.ExtensionNotice => "延期办理告知书",
        CaseDocumentKind.ReviewOpinion => "信访事项复查意见书",
        CaseDocumentKind.ReReviewOpinion => "信访事项复核意见书",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "未知的文书类型 (unknown document kind)"),
    };

    /// <summary>The short name for file names and lists (受理告知书-KL-2026-000280.docx).</summary>
    public static string ShortName(CaseDocumentKind kind) => kind switch
    {
        CaseDocumentKind.TransferSlip => "转送单",
        CaseDocumentKind.AssignmentSlip => "交办单",
        CaseDocumentKind.ReplyOpinion => "处理意见书",
        CaseDocumentKind.ExtensionNotice => "延期告知书",
        CaseDocumentKind.ReviewOpinion => "复查意见书",
        CaseDocumentKind.ReReviewOpinion => "复核意见书",
        _ => Title(kind),
    };

    /// <summary>The type character of the document number (垦利信受〔2026〕280号); one per kind so numbers never meet.</summary>
    public static char NumberCharacter(CaseDocumentKind kind) => kind switch
    {
        CaseDocumentKind.AcceptanceNotice => '受',
        CaseDocumentKind.NonAcceptanceNotice => '不',
        CaseDocumentKind.TransferSlip => '转',
        CaseDocumentKind.AssignmentSlip => '交',
        CaseDocumentKind.ReplyOpinion => '处',
        CaseDocumentKind.ExtensionNotice => '延',
        CaseDocumentKind.ReviewOpinion => '查',
        CaseDocumentKind.ReReviewOpinion => '核',
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "未知的文书类型 (unknown document kind)"),
    };

    /// <summary>
    /// Whether the document is addressed to the petitioner. 转送单 and 交办单 go from one unit to another (the resident
    /// learns of a transfer from the step list), so the resident's pages do not offer them.
    /// </summary>
    public static bool ForResident(CaseDocumentKind kind) => kind is not (CaseDocumentKind.TransferSlip or CaseDocumentKind.AssignmentSlip);
}
