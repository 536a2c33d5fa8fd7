using System.Text;

namespace Fengqiao.Text.Common;

/// <summary>One parsed CSV record with the physical line it started on (1-based), so errors can point at the file.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>A problem found while reading a CSV file; the row is skipped, reading goes on.</summary>
public sealed record CsvProblem(int Line, string Message);

/// <summary>
/// RFC 4180 reader. Written here rather than taken from a package because the shared files have quoted fields
/// spanning several lines and we need the starting line of every record for error reports.
/// </summary>
public static class CsvReader
{
    public static IEnumerable<CsvRecord> Read(TextReader reader, ICollection<CsvProblem>? problems = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        bool inQuotes = false;
        bool fieldQuoted = false;
        bool any = false;
        int c;
        while ((c = reader.Read()) != -1)
        {
            char ch = (char)c;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }

                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"' when field.Length == 0 && !fieldQuoted:
                    inQuotes = true;
                    fieldQuoted = true;
                    any = true;
                    break;
                case '"':
                    // A stray quote inside an unquoted field: keep it, but tell the caller.
                    problems?.Add(new CsvProblem(line, "unexpected quote inside an unquoted field"));
                    field.Append(ch);
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldQuoted = false;
                    any = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    if (any || field.Length > 0)
                    {
                        fields.Add(field.ToString());
                        yield return new CsvRecord(recordLine, fields.ToArray());
                    }

                    fields.Clear();
                    field.Clear();
                    fieldQuoted = false;
                    any = false;
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(ch);
                    any = true;
                    break;
            }
        }

        if (inQuotes)
        {
            problems?.Add(new CsvProblem(recordLine, "quoted field not closed before end of file"));
        }
        else if (any || field.Length > 0)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(recordLine, fields.ToArray());
        }
    }

    public static IEnumerable<CsvRecord> ReadFile(string path, ICollection<CsvProblem>? problems = null)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        foreach (var record in Read(reader, problems))
        {
            yield return record;
        }
    }
}
