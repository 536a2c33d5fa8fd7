using System.Collections.Immutable;
using NodaTime;

namespace Fengqiao.Core.Letters;

/// <summary>The words of a letter, rendered from a template and editable until it is issued.</summary>
public sealed record LetterContent(string Title, string RecipientName, string Salutation, ImmutableArray<string> Paragraphs, string SignatureUnit)
{
    public static LetterContent Render(LetterTemplate template, LetterFacts facts)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(facts);
        var values = facts.ToValues();
        return new LetterContent(
            LetterTemplateRenderer.Render(template.Title, values),
            facts.RecipientUnitName,
            LetterTemplateRenderer.Render(template.Salutation, values),
            [.. template.Paragraphs.Select(p => LetterTemplateRenderer.Render(p, values))],
            facts.IssuingUnitName);
    }
}

/// <summary>
/// Everything the Word generator lays out (GB/T 9704 style): number, title, recipient (主送), salutation, body,
/// signature unit (落款) and date (成文日期). Number and date are null on a draft, which renders as 征求意见稿.
/// </summary>
public sealed record LetterDocument(
    LetterType Type,
    DocumentNumber? Number,
    string Title,
    string RecipientName,
    string Salutation,
    ImmutableArray<string> Paragraphs,
    string SignatureUnit,
    LocalDate? Date,
    DocumentNumber? Corrects);
