using System.Text.RegularExpressions;

namespace Fengqiao.Text.HotTopics;

/// <summary>
/// Finds place names in a message: the district prefix (e.g. "A市A5区", anonymised in the shared data) and named
/// places such as "魅力之城小区", "联丰路", "桂花坪街道". Rules rather than a gazetteer: residents name housing estates,
/// schools and roads that no official list holds.
/// </summary>
public static partial class PlaceExtractor
{
    // Characters that end a leading clause ("位于", "我们", "该") rather than belong to a name.
    private const string StopChars = "的在于是了和与及我你他她们这那个对向从到把被给就都也还有为请问该本此其所各某每住买购附近旁边门口里内外上下中等年月日号、，。！？：；（）()“”\"'《》";

    // District-level markers; a specific name is cut after the last of them.
    private const string DistrictChars = "市区县省州";

    private static readonly string[] Suffixes =
    [
        "小区", "社区", "街道", "花园", "公寓", "家园", "新村", "学校", "中学", "小学", "幼儿园", "大学", "学院", "医院", "广场", "公园",
        "市场", "工业园", "产业园", "园区", "大厦", "商城", "商场", "大道", "高速", "村", "镇", "乡", "路", "街", "苑", "城",
    ];

    private static readonly string[] CueWords =
    [
        "建议", "实行", "进一步", "影响", "规范", "包括", "投诉", "举报", "反映", "关于", "要求", "希望", "咨询", "请求", "强烈", "严重",
        "一线", "二线", "三线", "建设", "修建", "新建", "开发", "位置", "地址",
    ];

    [GeneratedRegex(@"[A-Z]\d*市(?:[A-Z]\d+[区县])?|[A-Z]\d+[区县]")]
    private static partial Regex DistrictRegex();

    [GeneratedRegex(@"[\u4e00-\u9fa5A-Za-z0-9]{1,14}?(?:小区|社区|街道|花园|公寓|家园|新村|学校|中学|小学|幼儿园|大学|学院|医院|广场|公园|市场|工业园|产业园|园区|大厦|商城|商场|大道|高速|村|镇|乡|路|街|苑|城)(?:小区|花园|公寓|家园|社区)?")]
    private static partial Regex NamedPlaceRegex();

    /// <summary>The first district prefix ("A市A5区"), or empty.</summary>
    public static string District(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var m = DistrictRegex().Match(text);
        return m.Success ? m.Value : string.Empty;
    }

    /// <summary>Named places in order of appearance, without repeats.</summary>
    public static IReadOnlyList<string> NamedPlaces(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<string>();
        foreach (Match m in NamedPlaceRegex().Matches(text))
        {
            string name = Clean(m.Value);
            if (name.Length > 0 && !result.Contains(name))
            {
                result.Add(name);
            }
        }

        return result;
    }

    /// <summary>
    /// The place with a trailing generic word ("小区", "社区", …) removed, so "魅力之城小区" and "魅力之城" match.
    /// </summary>
    public static string Key(string place)
    {
        ArgumentNullException.ThrowIfNull(place);
        foreach (var generic in new[] { "小区", "社区", "花园", "家园", "公寓" })
        {
            if (place.Length >= generic.Length + 3 && place.EndsWith(generic, StringComparison.Ordinal))
            {
                return place[..^generic.Length];
            }
        }

        return place;
    }

    /// <summary>The text with district codes, named places and <paramref name="extra"/> replaced by a separator.</summary>
    public static string StripPlaces(string text, string? extra)
    {
        ArgumentNullException.ThrowIfNull(text);
        string s = DistrictRegex().Replace(text, "|");
        if (!string.IsNullOrEmpty(extra))
        {
            s = s.Replace(extra, "|", StringComparison.Ordinal);
        }

        foreach (var p in NamedPlaces(s))
        {
            s = s.Replace(p, "|", StringComparison.Ordinal);
        }

        return s;
    }

    private static string Clean(string raw)
    {
        // Longest suffix first, so "中学" is not read as "学" after a stop character "中".
        string? suffix = Suffixes.Where(x => raw.EndsWith(x, StringComparison.Ordinal)).MaxBy(x => x.Length);
        if (suffix is null)
        {
            return string.Empty;
        }

        string stem = raw[..^suffix.Length];
        stem = stem[(stem.LastIndexOfAny(StopChars.ToCharArray()) + 1)..];

        // Clause words before a name ("建议泉星生鲜市场", "极大影响城") are cut off after their last occurrence.
        foreach (var cue in CueWords)
        {
            int at = stem.LastIndexOf(cue, StringComparison.Ordinal);
            if (at >= 0)
            {
                stem = stem[(at + cue.Length)..];
            }
        }
        int d = stem.LastIndexOfAny(DistrictChars.ToCharArray()) + 1;
        stem = stem[d..];

        // "A3区" codes and bare digits are no names; a real name has at least two characters of its own.
        if (stem.Length < 2 || stem.All(c => char.IsAsciiLetterOrDigit(c)))
        {
            return string.Empty;
        }

        // Generic words that look like names ("一个小区", "老旧小区") are dropped.
        // Single-character suffixes (村, 镇, 乡, 路, 街, 城) end many phrases; a real name before them is short.
        if (suffix.Length == 1 && stem.Length > 5)
        {
            return string.Empty;
        }

        if (stem.Contains('政') || stem.Contains("部分", StringComparison.Ordinal) || stem.Contains("周围", StringComparison.Ordinal))
        {
            return string.Empty;
        }

        if (stem is "一个" or "老旧" or "整个" or "周边" or "全市" or "城市" or "农村" or "乡村" or "道路" or "马路")
        {
            return string.Empty;
        }

        return stem + suffix;
    }
}
