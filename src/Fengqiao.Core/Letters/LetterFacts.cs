using System.Collections.Frozen;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Core.Letters;

/// <summary>
/// Where the case stands with the letter's recipient, read from the case's record: when it was assigned to that unit
/// (交办; null when it never was, or is now handled elsewhere), its running time limit, and whether that limit has
/// passed on the day the letter is drafted. A letter states these, never assumes them.
/// </summary>
public sealed record CaseStanding(LocalDate? AssignedToRecipientOn, LocalDate? DueOn, bool Overdue)
{
    /// <summary>What a letter says of a case it knows nothing more about: registered, not assigned, nothing due.</summary>
    public static CaseStanding Unknown { get; } = new(null, null, false);
}

/// <summary>
/// The case facts a letter template may use. Optional facts (risk, reason) are left out when null, so a template
/// that needs them fails to render instead of printing a blank; {reason.line} is the typed reason as a sentence of
/// its own ("督办事由：…。"), or nothing.
/// </summary>
public sealed record LetterFacts(
    string CaseCode,
    string CaseTitle,
    LocalDate CaseRegistered,
    string RecipientUnitName,
    string IssuingUnitName,
    LocalDate ReplyBy,
    string? Risk = null,
    string? Reason = null,
    CaseStanding? Standing = null)
{
    /// <summary>Every placeholder name a template may use.</summary>
    public static FrozenSet<string> Known { get; } = FrozenSet.Create(StringComparer.Ordinal,
        "case.code", "case.title", "case.registered", "case.standing", "unit", "issuer", "deadline", "risk", "reason", "reason.line");

    /// <summary>
    /// The case's record as the letter's facts paragraph states it, after "…号信访事项（…）": registered on a day; assigned to
    /// the recipient on a day, or not assigned to it; its time limit and whether it has passed. Only what the record holds.
    /// </summary>
    public string StandingSentence()
    {
        var standing = Standing ?? CaseStanding.Unknown;
        var registered = $"已于{FormatDate(CaseRegistered)}登记";
        var assigned = standing.AssignedToRecipientOn is { } on
            ? (on == CaseRegistered ? "并于当日交由你单位办理" : $"，于{FormatDate(on)}交由你单位办理")
            : "，尚未交由你单位办理";
        var limit = standing.DueOn is not { } due ? ""
            : standing.Overdue ? $"，办理期限为{FormatDate(due)}，现已超过办理期限"
            : $"，办理期限至{FormatDate(due)}，尚在办理期限内";
        return registered + assigned + limit;
    }

    private static readonly LocalDatePattern ChineseDate = LocalDatePattern.CreateWithInvariantCulture("uuuu'年'M'月'd'日'");

    /// <summary>The date as official documents write it: 2026年3月5日.</summary>
    public static string FormatDate(LocalDate date) => ChineseDate.Format(date);

    public IReadOnlyDictionary<string, string> ToValues()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["case.code"] = CaseCode,
            ["case.title"] = CaseTitle,
            ["case.registered"] = FormatDate(CaseRegistered),
            ["unit"] = RecipientUnitName,
            ["issuer"] = IssuingUnitName,
            ["deadline"] = FormatDate(ReplyBy),
            ["case.standing"] = StandingSentence(),
            ["reason.line"] = string.IsNullOrWhiteSpace(Reason) ? "" : $"督办事由：{Reason.Trim().TrimEnd('。')}。",
        };
        if (!string.IsNullOrWhiteSpace(Risk))
        {
            values["risk"] = Risk.Trim();
        }
        if (!string.IsNullOrWhiteSpace(Reason))
        {
            values["reason"] = Reason.Trim();
        }
        return values;
    }
}
