using System.Text;

namespace Fengqiao.Core.Open311;

/// <summary>
/// GeoReport v2 limits a request's description to 4,000 characters (request.json's maxLength, counted as JSON Schema
/// does, in Unicode code points): longer ones are refused on POST, so every GET stays within the schema.
/// </summary>
public static class Open311Description
{
    public const int MaxLength = 4000;

    public static int Length(string text) => text.EnumerateRunes().Count();

    public static bool Fits(string? text) => text is null || text.Length <= MaxLength || Length(text) <= MaxLength;

    /// <summary>Cuts a stored text that predates the limit to fit it, ending with "…", so no answer breaks the schema.</summary>
    public static string? Clip(string? text)
    {
        if (Fits(text))
        {
            return text;
        }
        var clipped = new StringBuilder();
        foreach (var rune in text!.EnumerateRunes().Take(MaxLength - 1))
        {
            clipped.Append(rune.ToString());
        }
        return clipped.Append('…').ToString();
    }
}
