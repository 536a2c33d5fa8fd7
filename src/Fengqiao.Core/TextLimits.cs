namespace Fengqiao.Core;

/// <summary>
/// How long a person's free text may be (字数上限), in UTF-16 characters as .NET and the browser count them. One source
/// for the rules that refuse longer text, the database columns that hold it and the fields that state and count it.
/// </summary>
public static class TextLimits
{
    /// <summary>A matter's headline (诉求事项).</summary>
    public const int Title = 200;

    /// <summary>诉求内容, replies, reasons and every other long text of cases, whistles, letters and contracting.</summary>
    public const int Long = 20_000;

    /// <summary>诉求内容 sent by a resident through the public portal.</summary>
    public const int PublicDetail = 5_000;

    /// <summary>困难情况 of a judicial-aid application; its event stores it as JSON beside the other fields in 8000 characters.</summary>
    public const int AidCircumstances = 4_000;

    /// <summary>A grid visit's notes (巡查情况) and each finding's description.</summary>
    public const int GridVisitText = 2_000;

    /// <summary>The longest text any field takes: what the interactive connection must carry in one message.</summary>
    public const int Longest = Long;
}
