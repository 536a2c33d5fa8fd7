using Fengqiao.Text.Common;
using Fengqiao.Text.Duplicates;
using Fengqiao.Text.HotTopics;

namespace Fengqiao.Text.Tests.HotTopics;

/// <summary>The known issues of the shared hot-topic file come out on top (skipped where the file is absent).</summary>
public class RealDataHotTopicTests
{
    [Fact]
    public void The_best_known_issues_lead_the_ranking()
    {
        var dir = TestData.RequireShared();
        var load = CitizenMessageCsv.LoadFile(Path.Combine(dir, "hot_topic_messages.csv"));
        Assert.True(load.Messages.Count > 4000);
        var top = HotTopicMiner.Mine(load.Messages).Take(3).ToArray();
        Assert.Contains(top, t => t.Place.Contains("丽发新城", StringComparison.Ordinal) && t.Messages >= 30);
        Assert.Contains(top, t => t.Place.Contains("伊景园", StringComparison.Ordinal) && t.Messages >= 30);
    }

    [Fact]
    public void Repeat_writers_and_duplicate_texts_are_found()
    {
        var dir = TestData.RequireShared();
        var messages = CitizenMessageCsv.LoadFile(Path.Combine(dir, "hot_topic_messages.csv")).Messages;
        var identity = new IdentityIndex();
        for (int i = 0; i < messages.Count; i++)
        {
            identity.Add(i, messages[i].User);
        }

        // The data README counts 532 users who wrote more than once.
        Assert.Equal(532, identity.RepeatedKeys().Count);
        var clusters = DuplicateClustering.Find(messages.Select((m, i) => new TextItem(i, m.Title + "。" + m.Detail)).ToArray());
        Assert.True(clusters.Count(c => c.Exact) >= 30);
    }
}
