using Fengqiao.Core.Calendar;
using NodaTime;

namespace Fengqiao.Core.Cases.Documents;

/// <summary>A heading (一、查明的事实 …) and its paragraphs; no heading for a plain run of paragraphs.</summary>
public sealed record CaseDocumentSection(string? Heading, IReadOnlyList<string> Paragraphs);

/// <summary>
/// One written document of a case, complete: its number, the issuing unit, to whom it is addressed, the body, and the
/// date of issue. <see cref="Occurrence"/> counts documents of the same kind on the case (1 for the first), so
/// (kind, occurrence) names a document within its case.
/// </summary>
public sealed record CaseDocument(
    CaseDocumentKind Kind,
    int Occurrence,
    string TrackingCode,
    CaseDocumentNumber Number,
    Guid IssuerUnitId,
    string IssuerName,
    string Addressee,
    IReadOnlyList<CaseDocumentSection> Sections,
    LocalDate IssuedOn,
    LocalDate? StatutoryBy)
{
    public string Title => CaseDocumentKinds.Title(Kind);

    /// <summary>The date of issue in Chinese numerals (二〇二六年十二月七日).</summary>
    public string DateText => ChineseDate.Format(IssuedOn);

    public bool ForResident => CaseDocumentKinds.ForResident(Kind);

    /// <summary>Issued after the statutory period for it (a notice later than 15 days after the petition was received).</summary>
    public bool Late => StatutoryBy is { } by && IssuedOn > by;

    /// <summary>A readable file name without the extension: 受理告知书-KL-2026-000280, 交办单之二-KL-2026-000280.</summary>
    public string FileStem => CaseDocumentKinds.ShortName(Kind) + (Occurrence > 1 ? "之" + ChineseDate.Counted(Occurrence) : "") + "-" + TrackingCode;

    /// <summary>Every line of the document in reading order, as the Word file and the print view lay it out.</summary>
    public IEnumerable<string> Lines()
    {
        yield return IssuerName;
        yield return Number.ToString();
        yield return Title;
        yield return Addressee;
        foreach (var section in Sections)
        {
            if (section.Heading is not null)
            {
                yield return section.Heading;
            }
            foreach (var p in section.Paragraphs)
            {
                yield return p;
            }
        }
        yield return IssuerName;
        yield return DateText;
    }
}

/// <summary>A unit as the documents name it, with its parent (the body a review goes to).</summary>
public sealed record CaseDocumentUnit(string Name, Guid? ParentId);

/// <summary>
/// What the documents say about a case beyond its events: its code and matter, the petitioner's name as it is to be
/// printed, the number prefix of the case's district (垦利信), the unit that registered it, and the names of the units
/// its events mention.
/// </summary>
public sealed record CaseDocumentFacts(
    string TrackingCode,
    string Title,
    string Petitioner,
    string NumberPrefix,
    Guid RegisteringUnit,
    IReadOnlyDictionary<Guid, CaseDocumentUnit> Units);
