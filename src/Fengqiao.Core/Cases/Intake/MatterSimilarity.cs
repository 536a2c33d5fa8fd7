namespace Fengqiao.Core.Cases.Intake;

/// <summary>
/// How alike two statements of a matter are: Jaccard similarity of their character bigrams. Chinese needs no word
/// list for this, and it is enough for the intake desk's "raised before?" hint; the text-intelligence module
/// supplies a better index for the whole store.
/// </summary>
public static class MatterSimilarity
{
    /// <summary>At or above this, the same person raising it again counts as a repeat petition (重复信访).</summary>
    public const double RepeatThreshold = 0.3;

    public static double Of(string? a, string? b)
    {
        var x = Bigrams(a);
        var y = Bigrams(b);
        if (x.Count == 0 || y.Count == 0)
        {
            return 0;
        }
        var common = x.Count(y.Contains);
        return (double)common / (x.Count + y.Count - common);
    }

    private static HashSet<string> Bigrams(string? text)
    {
        var letters = (text ?? string.Empty).Where(char.IsLetterOrDigit).ToArray();
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < letters.Length; i++)
        {
            set.Add(new string(letters, i, 2));
        }
        return set;
    }
}
