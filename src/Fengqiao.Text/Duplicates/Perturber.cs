using System.Text;

namespace Fengqiao.Text.Duplicates;

/// <summary>
/// Makes synthetic messages from real ones for load and recall tests: character deletions, insertions,
/// substitutions, a reordered sentence, and occasionally an added greeting — the edits seen between repeat
/// petitions. The edit rate is drawn per message so similarities spread from near-copies to unrelated texts.
/// </summary>
public static class Perturber
{
    private static readonly string[] Openings = ["尊敬的领导：", "您好！", "再次反映：", "紧急求助！", "第二次反映，"];

    public static string Perturb(string text, Random rng)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(rng);
        if (text.Length == 0)
        {
            return text;
        }

        // Half near-copies (≤ 6 % edits), half heavier rewrites (up to 35 %).
        double rate = rng.NextDouble() < 0.5 ? rng.NextDouble() * 0.06 : 0.06 + (rng.NextDouble() * 0.29);
        var sb = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            double u = rng.NextDouble();
            if (u < rate / 3)
            {
                continue; // delete
            }

            if (u < 2 * rate / 3)
            {
                sb.Append(text[rng.Next(text.Length)]); // substitute
                continue;
            }

            sb.Append(c);
            if (u < rate)
            {
                sb.Append(text[rng.Next(text.Length)]); // insert
            }
        }

        string s = sb.ToString();
        if (rng.NextDouble() < 0.2)
        {
            var parts = s.Split('。', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 2)
            {
                int i = rng.Next(parts.Length - 1);
                (parts[i], parts[i + 1]) = (parts[i + 1], parts[i]);
                s = string.Join('。', parts);
            }
        }

        if (rng.NextDouble() < 0.2)
        {
            s = Openings[rng.Next(Openings.Length)] + s;
        }

        return s;
    }
}
