using Fengqiao.Text.Common;
using Fengqiao.Text.Duplicates;

namespace Fengqiao.Text.Tests.Duplicates;

public class NearDuplicateIndexTests
{
    private static IReadOnlyList<string> Bases()
        => CitizenMessageCsv.LoadFile(TestData.Sample("hot_sample.csv")).Messages.Select(m => m.Title + "。" + m.Detail)
            .Concat(MessageDatasetTexts())
            .ToArray();

    private static IEnumerable<string> MessageDatasetTexts()
        => Fengqiao.Text.Routing.MessageDataset.LoadFile(TestData.Sample("routing_sample.csv")).Messages.Select(m => m.Title + "。" + m.Detail);

    [Fact]
    public void Recall_against_brute_force_Jaccard_is_at_least_095_on_generated_perturbations()
    {
        var corpus = new SyntheticCorpus(Bases(), seed: 11);
        const int Store = 20_000;
        var options = new NearDuplicateOptions();
        using var index = new NearDuplicateIndex(options, Store);
        for (int i = 0; i < Store; i++)
        {
            index.Add(i, corpus[i]);
        }

        var queries = Enumerable.Range(0, 150).Select(corpus.NewMessage).ToArray();
        var r = RecallEvaluation.Measure(index, corpus, Store, queries, options.Threshold);
        Assert.True(r.TruePairs > 500, $"only {r.TruePairs} true pairs: the test would prove little");
        Assert.True(r.Recall >= 0.95, $"recall {r.Recall:F4} ({r.Found}/{r.TruePairs})");
        Assert.True(r.Precision >= 0.5, $"precision {r.Precision:F4}");
    }

    [Fact]
    public void Exact_copy_is_found_with_similarity_one_and_unrelated_text_is_not()
    {
        using var index = new NearDuplicateIndex();
        index.Add(1, "A市A5区魅力之城小区临街门面油烟直排，噪音扰民，请有关部门尽快处理。");
        index.Add(2, "孩子今年上小学，学区学校说学位不够，请问教育局能否协调入学。");
        var hits = index.Query("A市A5区魅力之城小区临街门面油烟直排，噪音扰民，请有关部门尽快处理。");
        var top = Assert.Single(hits);
        Assert.Equal(1, top.Id);
        Assert.True(top.Similarity > 0.95);
    }

    [Fact]
    public void Verified_query_returns_exact_jaccard()
    {
        var texts = new Dictionary<long, string>
        {
            [7] = "我们小区的电梯经常坏，物业一直不修，老人上下楼非常困难，希望相关部门督促物业维修电梯。",
        };
        using var index = new NearDuplicateIndex();
        index.Add(7, texts[7]);
        const string q = "我们小区的电梯经常坏，物业一直不修，老人上下楼很困难，希望相关部门督促物业维修电梯。";
        var hit = Assert.Single(index.QueryVerified(q, id => texts.GetValueOrDefault(id)));
        double exact = Shingles.Jaccard(Shingles.Of(q, 3), Shingles.Of(texts[7], 3));
        Assert.Equal(exact, hit.Similarity, 9);
    }

    [Fact]
    public void Empty_text_is_neither_stored_nor_matched()
    {
        using var index = new NearDuplicateIndex();
        Assert.False(index.Add(1, " \n"));
        Assert.Equal(0, index.Count);
        Assert.Empty(index.Query(""));
    }

    [Fact]
    public void Index_grows_past_its_expected_capacity()
    {
        using var index = new NearDuplicateIndex(expectedCapacity: 16);
        for (int i = 0; i < 500; i++)
        {
            index.Add(i, $"第{i}号留言：小区门口道路破损严重，编号{i * 7919}，请尽快修复。");
        }

        Assert.Equal(500, index.Count);
        Assert.Contains(index.Query("第42号留言：小区门口道路破损严重，编号332598，请尽快修复。"), m => m.Id == 42);
        Assert.True(index.MemoryBytes > 0);
    }

    [Fact]
    public void Buckets_grow_with_the_index_and_every_entry_is_still_found_newest_first()
    {
        // 1,024 buckets to start; 5,000 entries pass two doublings, each rebuilding the chains from the sketches.
        using var index = new NearDuplicateIndex(expectedCapacity: 16);
        for (int i = 0; i < 5_000; i++)
        {
            index.Add(i, $"第{i}号留言：小区门口道路破损严重，编号{i * 7919}，请尽快修复。");
        }

        const string Same = "夜间施工噪音扰民，凌晨两点还在打桩，请执法部门处理。";
        for (int i = 5_000; i < 5_030; i++)
        {
            index.Add(i, Same);
        }

        foreach (var i in new[] { 0, 1, 1_023, 1_024, 2_047, 2_048, 4_999 })
        {
            Assert.Equal(i, index.Query($"第{i}号留言：小区门口道路破损严重，编号{i * 7919}，请尽快修复。", 1)[0].Id);
        }
        Assert.Equal([5_029L, 5_028, 5_027], index.Query(Same, 3).Select(m => m.Id));
    }

    [Fact]
    public void Identity_index_finds_the_same_person_by_any_key()
    {
        var ids = new IdentityIndex();
        ids.Add(1, "A0001", "138-0000-0000");
        ids.Add(2, "A0002");
        ids.Add(3, "a0001");
        ids.Add(4, null, "13800000000");
        Assert.Equal([1L, 3, 4], ids.Find("A0001", "138 0000 0000"));
        Assert.Empty(ids.Find("nobody"));
        Assert.Equal(2, ids.RepeatedKeys().Count);
    }

    [Fact]
    public void Clusters_separate_exact_copies_from_near_duplicates()
    {
        var items = new[]
        {
            new TextItem(1, "A7县新国道107距我家仅3米，相关政府部门为何不同意拆迁？我家房屋已经出现裂缝，噪音很大。"),
            new TextItem(2, "A7县新国道107距我家仅3米，相关政府部门为何不同意拆迁？我家房屋已经出现裂缝，噪音很大。"),
            new TextItem(3, "关于A市金茂府一房二卖问题，开发商把我已经签约的房子又卖给了别人，请求相关部门调查处理。"),
            new TextItem(4, "再次反映：关于A市金茂府一房二卖问题，开发商把我已经签约的房子又卖给了别人，请求相关部门调查处理！"),
            new TextItem(5, "建议在南塘城轨站附近增设公交站，方便市民换乘。"),
        };
        var clusters = DuplicateClustering.Find(items);
        Assert.Equal(2, clusters.Count);
        Assert.Contains(clusters, c => c.Exact && c.Ids.SequenceEqual([1L, 2]));
        Assert.Contains(clusters, c => !c.Exact && c.Ids.Order().SequenceEqual([3L, 4]) && c.MinSimilarity >= 0.7);
    }

    [Fact]
    public void Clustering_refuses_repeated_ids()
        => Assert.Throws<ArgumentException>(() => DuplicateClustering.Find([new TextItem(1, "小区停车难问题"), new TextItem(1, "学校乱收费问题")]));

    [Fact]
    public void A_hot_matter_is_answered_from_its_newest_entries_and_a_query_never_walks_the_whole_bucket()
    {
        // 300 residents write the same words: one bucket per band holds them all.
        const string Same = "小区电梯长期故障，物业拖延不修，老人上下楼困难，请尽快督促维修。";
        using var index = new NearDuplicateIndex(new NearDuplicateOptions { MaxBucketWalk = 20 });
        for (int i = 0; i < 300; i++)
        {
            index.Add(i, Same);
        }

        var matches = index.Query(Same, int.MaxValue);

        Assert.Equal(Enumerable.Range(280, 20).Select(i => (long)i).Reverse(), matches.Select(m => m.Id).OrderDescending());
        Assert.All(matches, m => Assert.Equal(1.0, m.Similarity));
    }

    [Fact]
    public void Of_equally_similar_entries_the_newest_come_first_and_each_once()
    {
        const string Same = "小区电梯长期故障，物业拖延不修，老人上下楼困难，请尽快督促维修。";
        using var index = new NearDuplicateIndex();
        index.Add(1000, "孩子今年上小学，学区学校说学位不够，请问教育局能否协调入学。");
        for (int i = 0; i < 40; i++)
        {
            index.Add(i, Same);
        }

        var matches = index.Query(Same, 5);

        Assert.Equal([39L, 38, 37, 36, 35], matches.Select(m => m.Id));
        Assert.Empty(index.Query(Same, 0));
        Assert.Equal(40, index.Query(Same, int.MaxValue).Select(m => m.Id).Distinct().Count());
    }

    [Fact]
    public void Clustering_still_joins_a_hot_matter_larger_than_the_bucket_walk()
    {
        var items = Enumerable.Range(0, 200).Select(i => new TextItem(i, "夜间施工噪音扰民，凌晨两点还在打桩，请执法部门处理。")).ToList();

        var clusters = DuplicateClustering.Find(items, new NearDuplicateOptions { MaxBucketWalk = 8 });

        Assert.Equal(200, Assert.Single(clusters).Ids.Count);
    }
}
