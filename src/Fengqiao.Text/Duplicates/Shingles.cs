using Fengqiao.Text.Common;

namespace Fengqiao.Text.Duplicates;

/// <summary>
/// Character k-shingles of normalised text as distinct 64-bit hashes, sorted. Characters rather than words because
/// Chinese has no spaces and a word list would be one more thing to maintain.
/// </summary>
public static class Shingles
{
    public static ulong[] Of(string text, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        string s = TextNormalizer.Normalize(text);
        if (s.Length == 0)
        {
            return [];
        }

        int n = Math.Max(1, s.Length - k + 1);
        var hashes = new ulong[n];
        for (int i = 0; i < n; i++)
        {
            ulong h = 0xcbf29ce484222325UL;
            int end = Math.Min(s.Length, i + k);
            for (int j = i; j < end; j++)
            {
                h = (h ^ s[j]) * 0x100000001b3UL;
            }

            hashes[i] = Mix(h);
        }

        Array.Sort(hashes);
        int u = 0;
        for (int i = 0; i < hashes.Length; i++)
        {
            if (i == 0 || hashes[i] != hashes[u - 1])
            {
                hashes[u++] = hashes[i];
            }
        }

        Array.Resize(ref hashes, u);
        return hashes;
    }

    /// <summary>Exact Jaccard similarity of two sorted, distinct shingle sets.</summary>
    public static double Jaccard(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        if (a.Length == 0 && b.Length == 0)
        {
            return 1;
        }

        int i = 0, j = 0, inter = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                inter++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return (double)inter / (a.Length + b.Length - inter);
    }

    /// <summary>SplitMix64 finaliser: spreads FNV's weak low bits.</summary>
    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
        return z ^ (z >> 31);
    }
}
