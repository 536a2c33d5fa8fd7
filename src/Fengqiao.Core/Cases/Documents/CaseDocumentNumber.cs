using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Fengqiao.Core.Cases.Documents;

/// <summary>
/// The number of a case document (文号), derived from the case's tracking code so no counter is stored:
/// KL-2026-000280's 受理告知书 is 垦利信受〔2026〕280号 — the district's short name and 信, the kind's character, the
/// case's year and its serial without leading zeros. Tracking codes are unique per district and year, so a number is
/// unique per kind and year. A later document of the same kind on the same case (a second 交办, a reopened case's new
/// answer) is marked 之二, 之三 ….
/// </summary>
public sealed record CaseDocumentNumber(string Prefix, CaseDocumentKind Kind, int Year, int Serial, int Occurrence)
{
    /// <summary>The number for a case's tracking code (前缀-年份-序号); false when the code is not in that form.</summary>
    public static bool TryFor(string prefix, CaseDocumentKind kind, string trackingCode, int occurrence, [NotNullWhen(true)] out CaseDocumentNumber? number)
    {
        number = null;
        var parts = trackingCode?.Split('-') ?? [];
        if (string.IsNullOrWhiteSpace(prefix) || !prefix.All(c => c is >= '\u4e00' and <= '\u9fff') || occurrence < 1 || !Enum.IsDefined(kind)
            || parts.Length != 3 || parts[1].Length != 4 || !parts[1].All(char.IsAsciiDigit) || parts[2].Length is 0 or > 9 || !parts[2].All(char.IsAsciiDigit))
        {
            return false;
        }
        var serial = int.Parse(parts[2], CultureInfo.InvariantCulture);
        if (serial < 1)
        {
            return false;
        }
        number = new CaseDocumentNumber(prefix, kind, int.Parse(parts[1], CultureInfo.InvariantCulture), serial, occurrence);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Prefix}{CaseDocumentKinds.NumberCharacter(Kind)}〔{Year}〕{Serial}号{(Occurrence > 1 ? "之" + Calendar.ChineseDate.Counted(Occurrence) : "")}");
}
