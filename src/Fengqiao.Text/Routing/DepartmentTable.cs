using System.Collections.ObjectModel;
using Fengqiao.Text.Common;

namespace Fengqiao.Text.Routing;

/// <summary>
/// Maps a first-level category to the district department that handles it. Configurable because each district
/// names and splits its bureaus differently; the default covers the 15 first-level classes of the taxonomy.
/// </summary>
public sealed class DepartmentTable
{
    /// <summary>Department for anything unmapped: the petition bureau dispatches by hand.</summary>
    public const string Fallback = "区信访局";

    private readonly Dictionary<string, string> _map;

    public DepartmentTable(IEnumerable<KeyValuePair<string, string>> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        _map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (category, department) in map)
        {
            _map[category] = department;
        }
    }

    public IReadOnlyDictionary<string, string> Entries => new ReadOnlyDictionary<string, string>(_map);

    public static DepartmentTable Default { get; } = new(new Dictionary<string, string>
    {
        ["城乡建设"] = "区住房和城乡建设局",
        ["劳动和社会保障"] = "区人力资源和社会保障局",
        ["教育文体"] = "区教育局",
        ["商贸旅游"] = "区商务局（文化旅游局）",
        ["环境保护"] = "市生态环境局区分局",
        ["卫生计生"] = "区卫生健康委员会",
        ["交通运输"] = "区交通运输局",
        ["国土资源"] = "区自然资源局",
        ["政法"] = "区委政法委（公安分局）",
        ["经济管理"] = "区发展和改革局",
        ["科技与信息产业"] = "区科技和工业信息化局",
        ["民政"] = "区民政局",
        ["农村农业"] = "区农业农村局",
        ["党务政务"] = "区委办公室（区政府办公室）",
        ["纪检监察"] = "区纪委监委",
    });

    public string DepartmentFor(string category)
        => _map.TryGetValue(category, out var dept) ? dept : Fallback;

    /// <summary>Reads a two-column CSV <c>category,department</c> (header optional).</summary>
    public static DepartmentTable Load(TextReader reader, ICollection<CsvProblem>? problems = null)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var rec in CsvReader.Read(reader, problems))
        {
            if (rec.Fields.Count != 2)
            {
                problems?.Add(new CsvProblem(rec.Line, $"expected 2 fields (category,department), found {rec.Fields.Count}"));
                continue;
            }

            string c = rec.Fields[0].Trim();
            if (rec.Line == 1 && (c == "category" || c == "一级分类"))
            {
                continue;
            }

            pairs.Add(new(c, rec.Fields[1].Trim()));
        }

        return new DepartmentTable(pairs);
    }
}
