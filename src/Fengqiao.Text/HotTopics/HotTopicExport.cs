using System.Globalization;

namespace Fengqiao.Text.HotTopics;

/// <summary>Writes hot topics as CSV (UTF-8, one row per topic) for the ledger export and for spreadsheets.</summary>
public static class HotTopicExport
{
    public static void WriteCsv(TextWriter writer, IEnumerable<HotTopic> topics)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(topics);
        writer.WriteLine("rank,name,place,terms,heat,messages,people,likes,against,first,last,message_ids");
        int rank = 1;
        foreach (var t in topics)
        {
            writer.WriteLine(string.Join(',',
                (rank++).ToString(CultureInfo.InvariantCulture),
                Quote(t.Name),
                Quote(t.Place),
                Quote(string.Join("、", t.Terms)),
                t.Heat.ToString("F3", CultureInfo.InvariantCulture),
                t.Messages.ToString(CultureInfo.InvariantCulture),
                t.People.ToString(CultureInfo.InvariantCulture),
                t.Likes.ToString(CultureInfo.InvariantCulture),
                t.Against.ToString(CultureInfo.InvariantCulture),
                t.First?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? string.Empty,
                t.Last?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? string.Empty,
                Quote(string.Join(' ', t.MessageIds))));
        }
    }

    private static string Quote(string s) => "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
