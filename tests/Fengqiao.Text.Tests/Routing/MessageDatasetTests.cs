using Fengqiao.Text.Routing;

namespace Fengqiao.Text.Tests.Routing;

public class MessageDatasetTests
{
    [Fact]
    public void Reads_both_shared_layouts()
    {
        var full = MessageDataset.LoadFile(TestData.Sample("routing_sample.csv"));
        var titles = MessageDataset.LoadFile(TestData.Sample("titles_sample.csv"));
        Assert.Equal(175, full.Messages.Count);
        Assert.Empty(full.Problems);
        Assert.Equal(70, titles.Messages.Count);
        Assert.All(titles.Messages, m => Assert.True(m.IsTitleOnly));
        Assert.Equal(7, full.Messages.Select(m => m.Label).Distinct().Count());
    }

    [Fact]
    public void Malformed_rows_are_reported_with_line_numbers_and_skipped()
    {
        const string csv = "title,label\n小区停车难,城乡建设\n只有一列\n,教育文体\n\"多行\n标题\",卫生计生\n社保断缴,\n";
        var load = MessageDataset.Load(new StringReader(csv));
        Assert.Equal(2, load.Messages.Count);
        Assert.Contains(load.Problems, p => p.Line == 3 && p.Message.Contains("expected 2 fields", StringComparison.Ordinal));
        Assert.Contains(load.Problems, p => p.Line == 4 && p.Message.Contains("empty text", StringComparison.Ordinal));
        Assert.Contains(load.Problems, p => p.Line == 7 && p.Message.Contains("empty label", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_without_label_column_is_refused_with_a_reason()
    {
        var load = MessageDataset.Load(new StringReader("a,b\n1,2\n"));
        Assert.Empty(load.Messages);
        Assert.Equal(1, Assert.Single(load.Problems).Line);
    }
}
