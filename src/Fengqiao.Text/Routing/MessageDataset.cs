using Fengqiao.Text.Common;

namespace Fengqiao.Text.Routing;

/// <summary>Result of loading labelled messages: the rows that parsed, and every problem with its line number.</summary>
public sealed record DatasetLoad(IReadOnlyList<LabeledMessage> Messages, IReadOnlyList<CsvProblem> Problems);

/// <summary>
/// Reads the two shared layouts: <c>id,user,title,time,detail,label</c> and <c>title,label</c>. The layout is told by
/// the header, so column order may vary; Chinese headers of the hot-topic files (留言主题, 留言详情) are understood too.
/// </summary>
public static class MessageDataset
{
    private static readonly string[] TitleNames = ["title", "留言主题", "主题"];
    private static readonly string[] DetailNames = ["detail", "留言详情", "详情", "text"];
    private static readonly string[] LabelNames = ["label", "一级分类", "category", "类别"];

    public static DatasetLoad Load(TextReader reader)
    {
        var problems = new List<CsvProblem>();
        var messages = new List<LabeledMessage>();
        using var records = CsvReader.Read(reader, problems).GetEnumerator();
        if (!records.MoveNext())
        {
            problems.Add(new CsvProblem(1, "empty file: no header"));
            return new DatasetLoad(messages, problems);
        }

        var header = records.Current.Fields.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToArray();
        int title = IndexOf(header, TitleNames);
        int detail = IndexOf(header, DetailNames);
        int label = IndexOf(header, LabelNames);
        if (label < 0 || (title < 0 && detail < 0))
        {
            problems.Add(new CsvProblem(records.Current.Line,
                "header must name a label column and a title and/or detail column (id,user,title,time,detail,label or title,label)"));
            return new DatasetLoad(messages, problems);
        }

        while (records.MoveNext())
        {
            var rec = records.Current;
            if (rec.Fields.Count != header.Length)
            {
                problems.Add(new CsvProblem(rec.Line, $"expected {header.Length} fields, found {rec.Fields.Count}"));
                continue;
            }

            string t = title >= 0 ? rec.Fields[title].Trim() : string.Empty;
            string d = detail >= 0 ? rec.Fields[detail].Trim() : string.Empty;
            string l = rec.Fields[label].Trim();
            if (l.Length == 0)
            {
                problems.Add(new CsvProblem(rec.Line, "empty label"));
                continue;
            }

            if (TextNormalizer.Normalize(t).Length == 0 && TextNormalizer.Normalize(d).Length == 0)
            {
                problems.Add(new CsvProblem(rec.Line, "empty text: neither title nor detail"));
                continue;
            }

            messages.Add(new LabeledMessage(t, d, l));
        }

        return new DatasetLoad(messages, problems);
    }

    public static DatasetLoad LoadFile(string path)
    {
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Load(reader);
    }

    private static int IndexOf(string[] header, string[] names)
    {
        foreach (var name in names)
        {
            int i = Array.IndexOf(header, name);
            if (i >= 0)
            {
                return i;
            }
        }

        return -1;
    }
}
