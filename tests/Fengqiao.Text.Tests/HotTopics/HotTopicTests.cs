using Fengqiao.Text.Common;
using Fengqiao.Text.HotTopics;
using NodaTime;

namespace Fengqiao.Text.Tests.HotTopics;

public class HotTopicTests
{
    [Theory]
    [InlineData("A市A5区魅力之城小区临街门面油烟直排", "魅力之城小区")]
    [InlineData("位于桂花坪街道的景蓉华苑物业管理混乱", "桂花坪街道")]
    [InlineData("投诉A2区丽发新城附近建搅拌站噪音扰民", "丽发新城")]
    [InlineData("长郡双语实验中学收回", "长郡双语实验中学")]
    [InlineData("A7县建议泉星生鲜市场装修工程公开招标", "泉星生鲜市场")]
    public void Extracts_named_places(string text, string expected)
        => Assert.Contains(expected, PlaceExtractor.NamedPlaces(text));

    [Fact]
    public void Generic_words_are_not_places()
    {
        Assert.Empty(PlaceExtractor.NamedPlaces("我们小区的老人"));
        Assert.Empty(PlaceExtractor.NamedPlaces("A市实行市场统一规范"));
        Assert.Empty(PlaceExtractor.NamedPlaces("极大影响城市形象"));
        Assert.Equal("A市A5区", PlaceExtractor.District("A市A5区魅力之城小区"));
    }

    [Fact]
    public void Sample_clusters_are_named_by_place_and_matter_and_ranked_by_heat()
    {
        var messages = CitizenMessageCsv.LoadFile(TestData.Sample("hot_sample.csv")).Messages;
        // 56 messages give weak IDF statistics, so the sample needs a lower threshold than the full file's default.
        var topics = HotTopicMiner.Mine(messages, null, new HotTopicOptions { SimilarityThreshold = 0.25 });
        var lifa = Assert.Single(topics, t => t.Place.Contains("丽发新城", StringComparison.Ordinal) && t.Messages >= 5);
        Assert.Contains(lifa.Terms, t => t.Contains("搅拌", StringComparison.Ordinal));
        Assert.StartsWith(lifa.Place, lifa.Name, StringComparison.Ordinal);
        var yjy = Assert.Single(topics, t => t.Place.Contains("伊景园", StringComparison.Ordinal) && t.Messages >= 5);
        Assert.Contains(yjy.Terms, t => t.Contains("捆绑", StringComparison.Ordinal) || t.Contains("车位", StringComparison.Ordinal));
        Assert.True(topics.Zip(topics.Skip(1)).All(p => p.First.Heat >= p.Second.Heat));
    }

    [Fact]
    public void Heat_counts_people_support_and_recency()
    {
        var now = new LocalDateTime(2020, 1, 10, 12, 0);
        static CitizenMessage M(string id, string user, LocalDateTime t, int likes, string title)
            => new(id, user, title, t, title + "，严重影响居民休息，请尽快处理。", 0, likes);
        var fresh = new[]
        {
            M("1", "u1", now.PlusDays(-1), 10, "A市A2区丽发新城小区附近搅拌站噪音扰民"),
            M("2", "u2", now.PlusDays(-2), 0, "A市A2区丽发新城小区附近搅拌站噪音扰民严重"),
        };
        var old = new[]
        {
            M("3", "u3", now.PlusDays(-200), 0, "A市A3区桐梓坡小区门口夜宵摊噪音扰民"),
            M("4", "u3", now.PlusDays(-201), 0, "A市A3区桐梓坡小区门口夜宵摊噪音扰民严重"),
        };
        var topics = HotTopicMiner.Mine([.. fresh, .. old], now);
        Assert.Equal(2, topics.Count);
        Assert.Contains("丽发新城", topics[0].Place, StringComparison.Ordinal);
        Assert.Equal(2, topics[0].People);
        Assert.Equal(1, topics[1].People);
        Assert.Equal(10, topics[0].Likes);
    }

    [Fact]
    public void No_messages_no_topics()
        => Assert.Empty(HotTopicMiner.Mine([]));
}

public class HotTopicExportTests
{
    [Fact]
    public void Export_quotes_names_and_lists_one_row_per_topic()
    {
        var topic = new HotTopic("A市丽发新城：搅拌站", "A市丽发新城", ["搅拌站", "噪音\"扰民\""], 12.5, 3, 2, 7, 0,
            new NodaTime.LocalDateTime(2019, 11, 1, 8, 0), null, ["1", "2", "3"]);
        var sw = new StringWriter();
        HotTopicExport.WriteCsv(sw, [topic]);
        var lines = sw.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal("1,\"A市丽发新城：搅拌站\",\"A市丽发新城\",\"搅拌站、噪音\"\"扰民\"\"\",12.500,3,2,7,0,2019-11-01 08:00:00,,\"1 2 3\"", lines[1].TrimEnd('\r'));
    }
}
