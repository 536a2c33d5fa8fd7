using System.Text.Encodings.Web;
using System.Text.Json;
using NodaTime;

namespace Fengqiao.Core.Calendar;

/// <summary>
/// Reads and writes the holiday file format of the <c>chinese-days</c> package:
/// <c>{"holidays":{"2026-01-01":"New Year's Day,元旦,1",…},"workdays":{…},"inLieuDays":{…}}</c>.
/// Keeping that format lets an administrator compare an edited file with the upstream one line by line.
/// </summary>
public static class WorkCalendarJson
{
    internal const string EmbeddedResourceName = "Fengqiao.Core.Calendar.chinese-days-holidays.json";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        // Holiday labels carry Chinese names; keep them readable in the file.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static WorkCalendar Load(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = Parse(json);
        return Load(document);
    }

    public static WorkCalendar Load(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        return Load(document);
    }

    public static string Save(WorkCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            WriteSection(writer, "holidays", calendar.Years.SelectMany(y => y.Holidays));
            WriteSection(writer, "workdays", calendar.Years.SelectMany(y => y.Workdays));
            WriteSection(writer, "inLieuDays", calendar.Years.SelectMany(y => y.InLieuDays));
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    internal static WorkCalendar LoadEmbedded()
    {
        using var stream = typeof(WorkCalendarJson).Assembly.GetManifestResourceStream(EmbeddedResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {EmbeddedResourceName} is missing from Fengqiao.Core.");
        return Load(stream);
    }

    private static JsonDocument Parse(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"节假日文件不是有效的 JSON (holiday file is not valid JSON): {e.Message}", e);
        }
    }

    private static WorkCalendar Load(JsonDocument document)
    {
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("节假日文件应为 JSON 对象 (holiday file must be a JSON object)");
        }
        var holidays = ReadSection(root, "holidays", required: true);
        var workdays = ReadSection(root, "workdays", required: true);
        var inLieu = ReadSection(root, "inLieuDays", required: false);
        var years = holidays.Keys.Concat(workdays.Keys).Select(d => d.Year).Distinct().Order();
        return WorkCalendar.FromYears(years.Select(year => CalendarYear.Create(
            year,
            holidays.Where(p => p.Key.Year == year),
            workdays.Where(p => p.Key.Year == year),
            inLieu.Where(p => p.Key.Year == year))));
    }

    private static Dictionary<LocalDate, string> ReadSection(JsonElement root, string name, bool required)
    {
        var result = new Dictionary<LocalDate, string>();
        if (!root.TryGetProperty(name, out var section))
        {
            return required ? throw new FormatException($"节假日文件缺少 \"{name}\" (holiday file lacks \"{name}\")") : result;
        }
        if (section.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"\"{name}\" 应为对象 (\"{name}\" must be an object of date → label)");
        }
        foreach (var property in section.EnumerateObject())
        {
            var label = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            result[IsoDate.Parse(property.Name)] = label;
        }
        return result;
    }

    private static void WriteSection(Utf8JsonWriter writer, string name, IEnumerable<KeyValuePair<LocalDate, string>> days)
    {
        writer.WriteStartObject(name);
        foreach (var (day, label) in days.OrderBy(p => p.Key))
        {
            writer.WriteString(IsoDate.Format(day), label);
        }
        writer.WriteEndObject();
    }
}
