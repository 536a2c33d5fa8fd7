using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Text.Common;

/// <summary>A resident's message as published on the government message board, with its reply when there is one.</summary>
public sealed record CitizenMessage(
    string Id,
    string User,
    string Title,
    LocalDateTime? Time,
    string Detail,
    int Against = 0,
    int Likes = 0,
    string? Reply = null,
    LocalDateTime? ReplyTime = null)
{
    public string Text => Title + "。" + Detail;
}

/// <summary>Result of reading a message file: the rows that parsed, and every problem with its line number.</summary>
public sealed record CitizenMessageLoad(IReadOnlyList<CitizenMessage> Messages, IReadOnlyList<CsvProblem> Problems);

/// <summary>
/// Reads message-board CSVs (留言编号, 留言用户, 留言主题, 留言时间, 留言详情, 反对数, 点赞数 [, 答复意见, 答复时间]) and the
/// English layout id,user,title,time,detail. Columns are found by header name.
/// </summary>
public static class CitizenMessageCsv
{
    private static readonly LocalDateTimePattern[] Patterns =
    [
        LocalDateTimePattern.CreateWithInvariantCulture("yyyy/M/d H:mm:ss"),
        LocalDateTimePattern.CreateWithInvariantCulture("yyyy/M/d H:mm"),
        LocalDateTimePattern.CreateWithInvariantCulture("yyyy-M-d H:mm:ss"),
        LocalDateTimePattern.CreateWithInvariantCulture("yyyy-M-d'T'H:mm:ss"),
        LocalDateTimePattern.CreateWithInvariantCulture("yyyy-M-d H:mm"),
        LocalDateTimePattern.CreateWithInvariantCulture("yyyy/M/d"),
        LocalDateTimePattern.CreateWithInvariantCulture("yyyy-M-d"),
    ];

    public static CitizenMessageLoad Load(TextReader reader)
    {
        var problems = new List<CsvProblem>();
        var messages = new List<CitizenMessage>();
        using var records = CsvReader.Read(reader, problems).GetEnumerator();
        if (!records.MoveNext())
        {
            problems.Add(new CsvProblem(1, "empty file: no header"));
            return new CitizenMessageLoad(messages, problems);
        }

        var header = records.Current.Fields.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToArray();
        int id = Col(header, "留言编号", "id");
        int user = Col(header, "留言用户", "user");
        int title = Col(header, "留言主题", "title");
        int time = Col(header, "留言时间", "time");
        int detail = Col(header, "留言详情", "detail");
        int against = Col(header, "反对数", "against");
        int likes = Col(header, "点赞数", "likes");
        int reply = Col(header, "答复意见", "reply");
        int replyTime = Col(header, "答复时间", "reply_time");
        if (title < 0 && detail < 0)
        {
            problems.Add(new CsvProblem(records.Current.Line, "header names neither a title (留言主题) nor a detail (留言详情) column"));
            return new CitizenMessageLoad(messages, problems);
        }

        int row = 0;
        while (records.MoveNext())
        {
            var rec = records.Current;
            row++;
            if (rec.Fields.Count != header.Length)
            {
                problems.Add(new CsvProblem(rec.Line, $"expected {header.Length} fields, found {rec.Fields.Count}"));
                continue;
            }

            string Get(int i) => i >= 0 ? rec.Fields[i].Trim() : string.Empty;
            string t = Get(title), d = Get(detail);
            if (TextNormalizer.Normalize(t).Length == 0 && TextNormalizer.Normalize(d).Length == 0)
            {
                problems.Add(new CsvProblem(rec.Line, "empty text: neither title nor detail"));
                continue;
            }

            var when = ParseTime(Get(time), rec.Line, "time", problems);
            var replyWhen = ParseTime(Get(replyTime), rec.Line, "reply time", problems);
            messages.Add(new CitizenMessage(
                id >= 0 && Get(id).Length > 0 ? Get(id) : row.ToString(CultureInfo.InvariantCulture),
                Get(user),
                t,
                when,
                TextNormalizer.Normalize(d),
                ParseInt(Get(against)),
                ParseInt(Get(likes)),
                reply >= 0 ? Get(reply) : null,
                replyWhen));
        }

        return new CitizenMessageLoad(messages, problems);
    }

    public static CitizenMessageLoad LoadFile(string path)
    {
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Load(reader);
    }

    public static LocalDateTime? ParseTime(string s)
    {
        // Some rows were saved through a spreadsheet and hold its serial date (days since 1899-12-30).
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double serial) && serial is > 20000 and < 80000)
        {
            var start = new LocalDateTime(1899, 12, 30, 0, 0);
            return start.PlusSeconds((long)Math.Round(serial * 86400));
        }

        foreach (var p in Patterns)
        {
            var r = p.Parse(s.Trim());
            if (r.Success)
            {
                return r.Value;
            }
        }

        return null;
    }

    private static LocalDateTime? ParseTime(string s, int line, string what, List<CsvProblem> problems)
    {
        if (s.Length == 0)
        {
            return null;
        }

        var t = ParseTime(s);
        if (t is null)
        {
            problems.Add(new CsvProblem(line, $"unreadable {what} '{s}' (kept the row without it)"));
        }

        return t;
    }

    private static int ParseInt(string s) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : 0;

    private static int Col(string[] header, params string[] names)
    {
        foreach (var n in names)
        {
            int i = Array.IndexOf(header, n);
            if (i >= 0)
            {
                return i;
            }
        }

        return -1;
    }
}
