using Fengqiao.Text.Common;

namespace Fengqiao.Text.Tests.Common;

public class CsvReaderTests
{
    [Fact]
    public void Quoted_fields_may_span_lines_and_records_keep_their_starting_line()
    {
        const string csv = "a,b\n1,\"two\nlines\"\n3,\"say \"\"hi\"\"\"\n";
        var records = CsvReader.Read(new StringReader(csv)).ToList();
        Assert.Equal(3, records.Count);
        Assert.Equal("two\nlines", records[1].Fields[1]);
        Assert.Equal(2, records[1].Line);
        Assert.Equal(4, records[2].Line);
        Assert.Equal("say \"hi\"", records[2].Fields[1]);
    }

    [Fact]
    public void Unclosed_quote_is_reported_with_the_line_it_started_on()
    {
        var problems = new List<CsvProblem>();
        var records = CsvReader.Read(new StringReader("a,b\n1,2\n3,\"open\nstill open"), problems).ToList();
        Assert.Single(records.Skip(1));
        var p = Assert.Single(problems);
        Assert.Equal(3, p.Line);
    }

    [Fact]
    public void Normalizer_folds_width_and_drops_whitespace()
    {
        Assert.Equal("a1区!小区", TextNormalizer.Normalize("Ａ１区！\n\t 小区\u3000"));
        Assert.Equal(string.Empty, TextNormalizer.Normalize(null));
    }

    [Fact]
    public void Message_board_times_parse_including_spreadsheet_serials()
    {
        Assert.Equal(new NodaTime.LocalDateTime(2019, 2, 28, 11, 25, 5), CitizenMessageCsv.ParseTime("2019/2/28 11:25:05"));
        Assert.Equal(new NodaTime.LocalDate(2019, 8, 1), CitizenMessageCsv.ParseTime("43678")!.Value.Date);
        Assert.Null(CitizenMessageCsv.ParseTime("yesterday"));
    }
}
