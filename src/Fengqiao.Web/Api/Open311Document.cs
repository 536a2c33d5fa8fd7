using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using System.Xml;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Web.Api;

/// <summary>One element of a GeoReport v2 document: named fields in the spec's order.</summary>
public sealed class Open311Node : List<KeyValuePair<string, object?>>
{
    public Open311Node Add(string name, object? value)
    {
        Add(new KeyValuePair<string, object?>(name, value));
        return this;
    }
}

/// <summary>A repeated element: a JSON array, or in XML a wrapper holding one element per item (&lt;services&gt;&lt;service&gt;…).</summary>
public sealed record Open311List(string ItemName, IReadOnlyList<object?> Items);

/// <summary>
/// Writes GeoReport v2 documents in either format from one tree, so JSON and XML can never disagree. Times are
/// ISO-8601 with Beijing's offset (+08:00), the text is UTF-8 throughout and the XML carries its declaration.
/// </summary>
public static class Open311Document
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);

    // Seconds and a full ±HH:MM offset: the spec's example form (1994-11-05T08:15:30-05:00).
    private static readonly OffsetDateTimePattern IsoWithOffset = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<m>");

    public static string Time(Instant instant) => IsoWithOffset.Format(instant.InZone(Shanghai).ToOffsetDateTime());

    public static async Task WriteAsync(HttpContext http, string format, string rootName, object root)
    {
        var xml = format == "xml";
        http.Response.ContentType = xml ? "text/xml; charset=utf-8" : "application/json; charset=utf-8";
        using var buffer = new MemoryStream();
        if (xml)
        {
            await using var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Async = true });
            await writer.WriteStartDocumentAsync();
            WriteXml(writer, rootName, root);
            await writer.WriteEndDocumentAsync();
        }
        else
        {
            await using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Encoder });
            WriteJson(writer, root);
        }
        http.Response.ContentLength = buffer.Length;
        await http.Response.Body.WriteAsync(buffer.ToArray(), http.RequestAborted);
    }

    private static void WriteJson(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case Open311Node node:
                writer.WriteStartObject();
                foreach (var (name, field) in node)
                {
                    writer.WritePropertyName(name);
                    WriteJson(writer, field);
                }
                writer.WriteEndObject();
                break;
            case Open311List list:
                writer.WriteStartArray();
                foreach (var item in list.Items)
                {
                    WriteJson(writer, item);
                }
                writer.WriteEndArray();
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case double real:
                writer.WriteNumberValue(real);
                break;
            case Instant instant:
                writer.WriteStringValue(Time(instant));
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static void WriteXml(XmlWriter writer, string name, object? value)
    {
        writer.WriteStartElement(name);
        switch (value)
        {
            case null:
                break;
            case Open311Node node:
                foreach (var (field, inner) in node)
                {
                    WriteXml(writer, field, inner);
                }
                break;
            case Open311List list:
                foreach (var item in list.Items)
                {
                    WriteXml(writer, list.ItemName, item);
                }
                break;
            case bool flag:
                writer.WriteString(flag ? "true" : "false");
                break;
            case Instant instant:
                writer.WriteString(Time(instant));
                break;
            default:
                writer.WriteString(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
        writer.WriteEndElement();
    }
}
