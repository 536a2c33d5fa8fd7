using CsCheck;
using Fengqiao.Data.Text;

namespace Fengqiao.Data.Tests.Text;

/// <summary>Properties of this node's case index that intake and the catch-up job rely on.</summary>
public sealed class CaseMatterIndexProperties
{
    // Matters made of common Chinese characters, long enough to have shingles.
    private static readonly Gen<string> Matter = Gen.Char["小区物业电梯噪音污水路灯工资拖欠学校医院搅拌站油烟停车违建补偿"].Array[12, 60].Select(c => new string(c));

    [Fact]
    public void Adding_a_case_twice_keeps_one_entry_and_every_case_finds_itself_first()
    {
        Gen.Select(Matter.List[1, 30], Gen.Int[0, 3]).Sample((matters, repeats) =>
        {
            using var index = new CaseMatterIndex();
            var ids = matters.Select(_ => Guid.NewGuid()).ToList();
            for (var round = 0; round <= repeats; round++)
            {
                for (var i = 0; i < matters.Count; i++)
                {
                    var added = index.Add(ids[i], matters[i], null);
                    Assert.Equal(round == 0, added);
                }
            }
            Assert.Equal(matters.Count, index.Count);
            for (var i = 0; i < matters.Count; i++)
            {
                var hits = index.Query(matters[i], null, 50);
                Assert.Contains(hits, h => h.CaseId == ids[i] && h.Similarity >= 0.9);
                Assert.All(hits, h => Assert.InRange(h.Similarity, 0.0, 1.01));
                Assert.Equal(hits.OrderByDescending(h => h.Similarity).Select(h => h.Similarity), hits.Select(h => h.Similarity));
            }
        }, iter: 40);
    }

    [Fact]
    public void A_pairs_score_is_the_same_from_either_side_a_case_scores_one_with_itself_and_cases_not_stored_are_left_out()
    {
        Gen.Select(Matter, Matter).Sample((a, b) =>
        {
            using var index = new CaseMatterIndex();
            var idA = Guid.NewGuid();
            var idB = Guid.NewGuid();
            index.Add(idA, a, null);
            index.Add(idB, b, null);
            var fromA = index.SimilarityTo(a, null, [idA, idB, Guid.NewGuid()]);
            Assert.Equal(2, fromA.Count);
            Assert.True(fromA[idA] >= fromA[idB] - 0.05, $"{fromA[idA]} vs {fromA[idB]}");
            var fromB = index.SimilarityTo(b, null, [idA]);
            // Both sides compare the same two sketches: the pair's score does not depend on which case came first.
            Assert.Equal(fromA[idB], fromB[idA], 9);
            Assert.Equal(1.0, fromA[idA], 2);
        }, iter: 60);
    }
}
