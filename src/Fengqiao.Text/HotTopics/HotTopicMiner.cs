using Fengqiao.Text.Common;
using NodaTime;

namespace Fengqiao.Text.HotTopics;

/// <summary>
/// Clusters recent messages into issues and ranks them by heat. Messages become TF-IDF vectors of title character
/// bigrams (the title states the matter), a lighter share of the detail, and the named places found in them
/// (the same estate or road is the strongest sign of the same issue). Pairs above the similarity threshold are
/// joined; clusters are named by their most frequent place and the title terms that set them apart.
/// </summary>
public static class HotTopicMiner
{
    private const double TitleWeight = 1.0;
    private const double DetailWeight = 0.35;
    private const double PlaceWeight = 2.5;
    private const int DetailChars = 200;

    /// <param name="messages">Messages to mine.</param>
    /// <param name="now">Reference time for recency; defaults to the newest message time (no system clock).</param>
    /// <param name="options">Settings.</param>
    public static IReadOnlyList<HotTopic> Mine(IReadOnlyList<CitizenMessage> messages, LocalDateTime? now = null, HotTopicOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        options ??= new HotTopicOptions();
        int n = messages.Count;
        if (n == 0)
        {
            return [];
        }

        var reference = now ?? messages.Where(m => m.Time.HasValue).Select(m => m.Time!.Value).DefaultIfEmpty().Max();
        var places = messages.Select(m => PlaceExtractor.NamedPlaces(m.Title + "。" + m.Detail)).ToArray();
        var placeKeys = places.Select(p => p.Select(PlaceExtractor.Key).Distinct(StringComparer.Ordinal).ToArray()).ToArray();
        var districts = messages.Select(m => PlaceExtractor.District(m.Title + "。" + m.Detail)).ToArray();
        var vectors = Vectorize(messages, placeKeys);
        var parent = Enumerable.Range(0, n).ToArray();
        // Two messages naming the same estate or road need less textual likeness to be one issue.
        double relaxed = options.SimilarityThreshold * 0.4;
        foreach (var (i, j, sim) in SimilarPairs(vectors, relaxed))
        {
            if (sim < options.SimilarityThreshold && !placeKeys[i].Intersect(placeKeys[j]).Any())
            {
                continue;
            }

            int a = Find(parent, i), b = Find(parent, j);
            if (a != b)
            {
                parent[a] = b;
            }
        }

        var titleDf = TitleTermDocumentFrequency(messages);
        var topics = new List<HotTopic>();
        foreach (var g in Enumerable.Range(0, n).GroupBy(i => Find(parent, i)))
        {
            var members = g.ToArray();
            if (members.Length < options.MinMessages)
            {
                continue;
            }

            topics.Add(Describe(messages, members, places, districts, titleDf, reference, options));
        }

        return topics.OrderByDescending(t => t.Heat).ToArray();
    }

    private static HotTopic Describe(
        IReadOnlyList<CitizenMessage> messages, int[] members, IReadOnlyList<string>[] places, string[] districts,
        Dictionary<string, int> titleDf, LocalDateTime reference, HotTopicOptions options)
    {
        double Recency(CitizenMessage m)
        {
            if (m.Time is null)
            {
                return 1;
            }

            double days = Math.Max(0, (reference.ToDateTimeUnspecified() - m.Time.Value.ToDateTimeUnspecified()).TotalDays);
            return Math.Pow(0.5, days / options.HalfLifeDays);
        }

        var ms = members.Select(i => messages[i]).ToArray();
        double heat = ms.Sum(m => Recency(m) * (1 + Math.Log(1 + Math.Max(0, m.Likes))));
        var people = ms.GroupBy(m => m.User.Length > 0 ? m.User : "#" + m.Id, StringComparer.Ordinal).ToArray();
        heat += 2 * people.Sum(p => p.Max(Recency));

        // A place named by one message only of several is as likely a misreading as a name, so it must recur.
        int placeMin = members.Length >= 2 ? 2 : 1;
        string place = members.SelectMany(i => places[i].Distinct()).GroupBy(p => p, StringComparer.Ordinal)
            .Where(p => p.Count() >= placeMin)
            .OrderByDescending(p => p.Count()).ThenByDescending(p => p.Key.Length).Select(p => p.Key).FirstOrDefault() ?? string.Empty;
        string district = members.Select(i => districts[i]).Where(d => d.Length > 0).GroupBy(d => d, StringComparer.Ordinal)
            .OrderByDescending(d => d.Count()).ThenByDescending(d => d.Key.Length).Select(d => d.Key).FirstOrDefault() ?? string.Empty;
        string fullPlace = place.Length > 0 && !place.StartsWith(district, StringComparison.Ordinal) ? district + place : district + place;
        var terms = KeyTerms(ms, place, titleDf, messages.Count);
        string name = terms.Count > 0 ? $"{fullPlace}：{string.Join("、", terms)}" : fullPlace;
        var times = ms.Where(m => m.Time.HasValue).Select(m => m.Time!.Value).ToArray();
        return new HotTopic(
            name.Length > 0 ? name : ms[0].Title,
            fullPlace,
            terms,
            Math.Round(heat, 3),
            ms.Length,
            people.Length,
            ms.Sum(m => m.Likes),
            ms.Sum(m => m.Against),
            times.Length > 0 ? times.Min() : null,
            times.Length > 0 ? times.Max() : null,
            ms.Select(m => m.Id).ToArray());
    }

    /// <summary>Title n-grams (2–4 characters) frequent in the cluster and rare elsewhere, longest kept when nested.</summary>
    private static IReadOnlyList<string> KeyTerms(CitizenMessage[] ms, string place, Dictionary<string, int> df, int total)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var m in ms)
        {
            foreach (var t in TitleTerms(m.Title, place))
            {
                counts[t] = counts.GetValueOrDefault(t) + 1;
            }
        }

        int minCount = Math.Max(2, (int)Math.Ceiling(ms.Length * 0.3));
        var ranked = counts
            .Where(kv => kv.Value >= minCount && !place.Contains(kv.Key, StringComparison.Ordinal) && !kv.Key.Any(c => place.Length > 0 && kv.Key.Length <= 2 && place.Contains(c)))
            .Select(kv => (Term: kv.Key, Score: ((double)kv.Value / ms.Length) * Math.Log((double)total / (1 + df.GetValueOrDefault(kv.Key))) * (1 + (0.15 * kv.Key.Length))))
            .OrderByDescending(x => x.Score)
            .ToList();
        var chosen = new List<string>();
        foreach (var (term, _) in ranked)
        {
            // Overlapping n-grams of one phrase ("小塘路路", "塘路路灯") would repeat it; fragments of the place name too.
            if (term.Any(ch => "市县区省".Contains(ch)) || SharesBigram(term, place) || chosen.Any(c => SharesBigram(c, term) || Continues(c, term, ms) || Continues(term, c, ms)))
            {
                continue;
            }

            string phrase = Extend(term, ms, minCount);
            if (SharesBigram(phrase, place) || chosen.Any(c => SharesBigram(c, phrase) || Continues(c, phrase, ms) || Continues(phrase, c, ms)))
            {
                phrase = term;
            }

            chosen.Add(phrase);
            if (chosen.Count == 3 || chosen.Sum(c => c.Length) >= 14)
            {
                break;
            }
        }

        return chosen;
    }

    /// <summary>Grows a term character by character while as many cluster titles still contain it ("供销" → "供销合作社").</summary>
    private static string Extend(string term, CitizenMessage[] ms, int minCount)
    {
        var titles = ms.Select(m => PlaceExtractor.StripPlaces(TextNormalizer.Normalize(m.Title), null)).ToArray();
        while (term.Length < 10)
        {
            string best = term;
            foreach (var t in titles)
            {
                int at = t.IndexOf(term, StringComparison.Ordinal);
                if (at < 0)
                {
                    continue;
                }

                foreach (var cand in new[] { at + term.Length < t.Length ? term + t[at + term.Length] : null, at > 0 ? t[at - 1] + term : null })
                {
                    if (cand is not null && cand.All(IsHan) && !cand.Any(ch => "市县区省".Contains(ch)) && !TermStop.Contains(cand[0]) && !TermStop.Contains(cand[^1])
                        && titles.Count(x => x.Contains(cand, StringComparison.Ordinal)) >= minCount)
                    {
                        best = cand;
                        break;
                    }
                }

                if (best != term)
                {
                    break;
                }
            }

            if (best == term)
            {
                break;
            }

            term = best;
        }

        return term;
    }

    /// <summary>True when some title reads <paramref name="a"/> running on into <paramref name="b"/> (overlapping or adjacent): fragments of one phrase.</summary>
    private static bool Continues(string a, string b, CitizenMessage[] ms)
    {
        for (int k = 0; k < b.Length && k < a.Length; k++)
        {
            if (k > 0 && !a.EndsWith(b[..k], StringComparison.Ordinal))
            {
                continue;
            }

            string joined = a + b[k..];
            if (ms.Any(m => m.Title.Contains(joined, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool SharesBigram(string a, string b)
    {
        for (int i = 0; i + 2 <= a.Length; i++)
        {
            if (b.Contains(a.AsSpan(i, 2), StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private const string TermStop = "的了吗呢吧啊是在和与及对于把被给我你他她们这那请问有关关于能否可以何时为什么怎么如何什么问题情况反映希望要求建议咨询投诉举报严重";

    /// <summary>Words too general to name a matter on their own.</summary>
    private static readonly HashSet<string> GenericTerms = new(
        ["小区", "附近", "业主", "居民", "市民", "政府", "部门", "领导", "相关", "有关", "街道", "社区", "县城", "我们", "市区", "一个", "多次", "没有", "不能", "可以", "还是", "已经", "处理"],
        StringComparer.Ordinal);

    private static HashSet<string> TitleTerms(string title, string? place = null)
    {
        // The place is named separately: cut it (and district codes) out so no term straddles it.
        string t = TextNormalizer.Normalize(title);
        t = PlaceExtractor.StripPlaces(t, place);
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (int len = 2; len <= 4; len++)
        {
            for (int i = 0; i + len <= t.Length; i++)
            {
                var s = t.Substring(i, len);
                if (s.All(IsHan) && !GenericTerms.Contains(s) && !TermStop.Contains(s[0]) && !TermStop.Contains(s[^1]) && !TermStop.Contains(s, StringComparison.Ordinal))
                {
                    set.Add(s);
                }
            }
        }

        return set;
    }

    private static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fa5';

    private static Dictionary<string, int> TitleTermDocumentFrequency(IReadOnlyList<CitizenMessage> messages)
    {
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var m in messages)
        {
            foreach (var t in TitleTerms(m.Title))
            {
                df[t] = df.GetValueOrDefault(t) + 1;
            }
        }

        return df;
    }

    private static (int[] Idx, float[] Val)[] Vectorize(IReadOnlyList<CitizenMessage> messages, IReadOnlyList<string>[] places)
    {
        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        var raw = new List<Dictionary<int, double>>(messages.Count);
        var df = new List<int>();
        for (int i = 0; i < messages.Count; i++)
        {
            var tf = new Dictionary<int, double>();
            void AddFeature(string key, double w)
            {
                if (!vocab.TryGetValue(key, out int id))
                {
                    id = vocab.Count;
                    vocab[key] = id;
                    df.Add(0);
                }

                tf[id] = tf.GetValueOrDefault(id) + w;
            }

            string title = TextNormalizer.Normalize(messages[i].Title);
            string detail = TextNormalizer.Normalize(messages[i].Detail);
            detail = detail.Length > DetailChars ? detail[..DetailChars] : detail;
            for (int k = 0; k + 2 <= title.Length; k++)
            {
                AddFeature("t" + title.Substring(k, 2), TitleWeight);
            }

            for (int k = 0; k + 2 <= detail.Length; k++)
            {
                AddFeature("t" + detail.Substring(k, 2), DetailWeight);
            }

            foreach (var p in places[i])
            {
                AddFeature("p" + p, PlaceWeight);
            }

            foreach (var id in tf.Keys)
            {
                df[id]++;
            }

            raw.Add(tf);
        }

        double n = messages.Count;
        var result = new (int[], float[])[messages.Count];
        for (int i = 0; i < raw.Count; i++)
        {
            var items = raw[i].Select(kv => (kv.Key, W: (1 + Math.Log(1 + kv.Value)) * Math.Log((1 + n) / (1 + df[kv.Key])))).OrderBy(x => x.Key).ToArray();
            double norm = Math.Sqrt(items.Sum(x => x.W * x.W));
            result[i] = (items.Select(x => x.Key).ToArray(), items.Select(x => norm > 0 ? (float)(x.W / norm) : 0f).ToArray());
        }

        return result;
    }

    /// <summary>
    /// Pairs at or above the threshold. Candidates come from an inverted index that skips very common features
    /// (they cannot make two messages alike on their own); each candidate is then scored exactly.
    /// </summary>
    private static IEnumerable<(int, int, double)> SimilarPairs((int[] Idx, float[] Val)[] vectors, double threshold)
    {
        int n = vectors.Length;
        var postings = new Dictionary<int, List<(int Doc, float Weight)>>();
        int maxDf = Math.Max(20, n / 20);
        var dfCount = new Dictionary<int, int>();
        foreach (var v in vectors)
        {
            foreach (var f in v.Idx)
            {
                dfCount[f] = dfCount.GetValueOrDefault(f) + 1;
            }
        }

        // Partial dot products over the rarer features; only promising pairs are scored exactly.
        var acc = new double[n];
        var touched = new List<int>();
        for (int i = 0; i < n; i++)
        {
            var (idx, val) = vectors[i];
            for (int k = 0; k < idx.Length; k++)
            {
                int f = idx[k];
                if (dfCount[f] > maxDf)
                {
                    continue;
                }

                if (!postings.TryGetValue(f, out var list))
                {
                    postings[f] = list = [];
                }

                foreach (var (j, w) in list)
                {
                    if (acc[j] == 0)
                    {
                        touched.Add(j);
                    }

                    acc[j] += w * val[k];
                }

                list.Add((i, val[k]));
            }

            foreach (var j in touched)
            {
                if (acc[j] >= threshold * 0.5)
                {
                    double sim = Dot(vectors[i], vectors[j]);
                    if (sim >= threshold)
                    {
                        yield return (i, j, sim);
                    }
                }

                acc[j] = 0;
            }

            touched.Clear();
        }
    }

    private static double Dot((int[] Idx, float[] Val) a, (int[] Idx, float[] Val) b)
    {
        int i = 0, j = 0;
        double s = 0;
        while (i < a.Idx.Length && j < b.Idx.Length)
        {
            if (a.Idx[i] == b.Idx[j])
            {
                s += a.Val[i++] * b.Val[j++];
            }
            else if (a.Idx[i] < b.Idx[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return s;
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }
}
