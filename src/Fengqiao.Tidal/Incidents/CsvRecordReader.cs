using System.Text;

namespace Fengqiao.Tidal.Incidents;

/// <summary>
/// Minimal RFC 4180 reader that remembers the physical line each record starts on, so that import errors can
/// point a clerk at the exact line of the file (quoted fields may span lines).
/// </summary>
internal sealed class CsvRecordReader
{
    private readonly TextReader _reader;
    private long _line;

    public CsvRecordReader(TextReader reader) => _reader = reader;

    /// <summary>Reads the next record; returns false at end of input.</summary>
    public bool TryRead(out List<string> fields, out long startLine, out bool unterminatedQuote)
    {
        fields = [];
        unterminatedQuote = false;
        var raw = _reader.ReadLine();
        _line++;
        startLine = _line;
        if (raw is null)
        {
            return false;
        }

        var field = new StringBuilder();
        var inQuotes = false;
        var line = raw;
        var i = 0;
        while (true)
        {
            if (i >= line.Length)
            {
                if (inQuotes)
                {
                    var next = _reader.ReadLine();
                    if (next is null)
                    {
                        unterminatedQuote = true;
                        break;
                    }

                    _line++;
                    field.Append('\n');
                    line = next;
                    i = 0;
                    continue;
                }

                break;
            }

            var c = line[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < line.Length && line[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }

                    inQuotes = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                inQuotes = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c != '\r')
            {
                field.Append(c);
            }

            i++;
        }

        fields.Add(field.ToString());
        return true;
    }
}
