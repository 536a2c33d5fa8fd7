using System.IO.Compression;
using System.Text;

namespace Fengqiao.Data.Import;

/// <summary>
/// Reads the reference CSV files (RFC 4180: quoted fields, doubled quotes) line by line with their line numbers,
/// from a plain or gzip file. Small and allocation-light because the national village file has 620k rows.
/// </summary>
public static class CsvLines
{
    public static TextReader Open(string path)
    {
        Stream stream = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }
        return new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
    }

    /// <summary>Yields (line number, fields) for every non-empty line after the header.</summary>
    public static IEnumerable<(int Line, string[] Fields)> Read(TextReader reader, bool skipHeader = true)
    {
        var lineNumber = 0;
        var fields = new List<string>(8);
        var field = new StringBuilder(64);
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (skipHeader && lineNumber == 1)
            {
                continue;
            }
            if (line.Length == 0)
            {
                continue;
            }
            fields.Clear();
            field.Clear();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var ch = line[i];
                if (quoted)
                {
                    if (ch == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            field.Append('"');
                            i++;
                        }
                        else
                        {
                            quoted = false;
                        }
                    }
                    else
                    {
                        field.Append(ch);
                    }
                }
                else if (ch == '"')
                {
                    quoted = true;
                }
                else if (ch == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else
                {
                    field.Append(ch);
                }
            }
            fields.Add(field.ToString());
            yield return (lineNumber, fields.ToArray());
        }
    }
}
