using System.Collections.Frozen;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Core.Letters;

/// <summary>
/// The case facts a letter template may use. Optional facts (risk, reason) are left out when null, so a template
/// that needs them fails to render instead of printing a blank.
/// </summary>
public sealed record LetterFacts(
    string CaseCode,
    string CaseTitle,
    LocalDate CaseRegistered,
    string RecipientUnitName,
    string IssuingUnitName,
    LocalDate ReplyBy,
    string? Risk = null,
    string? Reason = null)
{
    /// <summary>Every placeholder name a template may use.</summary>
    public static FrozenSet<string> Known { get; } = FrozenSet.Create(StringComparer.Ordinal,
        "case.code", "case.title", "case.registered", "unit", "issuer", "deadline", "risk", "reason");

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
