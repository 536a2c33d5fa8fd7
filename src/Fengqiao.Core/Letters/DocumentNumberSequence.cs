using System.Globalization;

namespace Fengqiao.Core.Letters;

/// <summary>
/// The numbering of one issuing unit's letters of one type in one year: 1, 2, 3 … without gaps or repeats.
/// Immutable: <see cref="Next"/> returns the number and the sequence after it, which the data layer stores with
/// an optimistic-concurrency check so two issuers never receive the same number.
/// </summary>
public sealed record DocumentNumberSequence
{
    private DocumentNumberSequence(string issuerPrefix, LetterType type, int year, int last)
    {
        IssuerPrefix = issuerPrefix;
        Type = type;
        Year = year;
        Last = last;
    }

    public string IssuerPrefix { get; }

    public LetterType Type { get; }

    public int Year { get; }

    /// <summary>The last number handed out; 0 before the first.</summary>
    public int Last { get; }

    public static DocumentNumberSequence Start(string issuerPrefix, LetterType type, int year) => Resume(issuerPrefix, type, year, 0);

    /// <summary>Continues a stored sequence, e.g. one that began on paper before Fengqiao.</summary>
    public static DocumentNumberSequence Resume(string issuerPrefix, LetterType type, int year, int last)
    {
        // Validates the prefix, type and year the same way a number would.
        _ = DocumentNumber.Create(issuerPrefix, type, year, 1);
        if (last is < 0 or > DocumentNumber.MaxSequence)
        {
            throw new ArgumentOutOfRangeException(nameof(last), last, string.Create(CultureInfo.InvariantCulture, $"已用序号应在 0–{DocumentNumber.MaxSequence} 之间 (last must be 0–{DocumentNumber.MaxSequence})"));
        }
        return new DocumentNumberSequence(issuerPrefix, type, year, last);
    }

    public (DocumentNumber Number, DocumentNumberSequence Sequence) Next()
    {
        if (Last >= DocumentNumber.MaxSequence)
        {
            throw new LetterRuleException("本年度文号已用尽 (the year's document numbers are used up)");
        }
        var number = DocumentNumber.Create(IssuerPrefix, Type, Year, Last + 1);
        return (number, new DocumentNumberSequence(IssuerPrefix, Type, Year, Last + 1));
    }
}
