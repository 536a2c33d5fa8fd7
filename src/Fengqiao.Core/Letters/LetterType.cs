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
}
