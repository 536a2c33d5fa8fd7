namespace Fengqiao.Core.Letters;

/// <summary>The three supervision instruments.</summary>
public enum LetterType
{
    Supervision = 1,              // 督办函
    RiskAlert = 2,                // 风险提示函
    AccountabilitySuggestion = 3, // 问责建议函
}

/// <summary>Names and the character each type puts in a document number (垦信督 / 垦信险 / 垦信责).</summary>
public static class LetterTypes
{
    public static char Character(LetterType type) => type switch
    {
        LetterType.Supervision => '督',
        LetterType.RiskAlert => '险',
        LetterType.AccountabilitySuggestion => '责',
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "未知的函件类型 (unknown letter type)"),
    };

    public static LetterType? FromCharacter(char c) => c switch
    {
        '督' => LetterType.Supervision,
        '险' => LetterType.RiskAlert,
        '责' => LetterType.AccountabilitySuggestion,
        _ => null,
    };

    public static string Chinese(LetterType type) => type switch
    {
        LetterType.Supervision => "督办函",
        LetterType.RiskAlert => "风险提示函",
        LetterType.AccountabilitySuggestion => "问责建议函",
        _ => type.ToString(),
    };

    /// <summary>
    /// The Word file's name as a clerk files it: the type and the document number once issued (督办函-垦信督〔2026〕3号.docx),
    /// a draft by its case and recipient (督办函（征求意见稿）-KL-2026-000123-区住建局.docx). Characters a file system refuses become "_".
    /// </summary>
    public static string FileName(LetterType type, DocumentNumber? number, string caseCode, string recipientName)
    {
        var name = number is { } n ? $"{Chinese(type)}-{n}" : $"{Chinese(type)}（征求意见稿）-{caseCode}-{recipientName}";
        var invalid = "\\/:*?\"<>|".ToCharArray();
        return string.Concat(name.Select(c => char.IsControl(c) || invalid.Contains(c) ? '_' : c)) + ".docx";
    }
}
