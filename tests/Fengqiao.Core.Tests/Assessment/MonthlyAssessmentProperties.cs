using System.Globalization;
using CsCheck;
using Fengqiao.Core.Assessment;

namespace Fengqiao.Core.Tests.Assessment;

public class MonthlyAssessmentProperties
{
    // A fair share of units with no work at all (nothing due, summoned or rated), some with letters or overdue counts anyway.
    private static readonly Gen<UnitMonthInput> Inputs =
        Gen.Select(Gen.Int[0, 999], Gen.Int[0, 5].Select(x => x == 0 ? (decimal?)null : x), Gen.Int[0, 20].Select(x => x < 6 ? 0 : x), Gen.Int[0, 20].Select(x => x < 6 ? 0 : x),
            Gen.Int[0, 5], Gen.Int[0, 5], Gen.Int[0, 3].Select(x => x < 2 ? 0 : x),
            (code, rating, due, rated, letters, overdue, summoned) =>
                new UnitMonthInput(code.ToString("D3", CultureInfo.InvariantCulture), "u", MonthlyAssessmentTests.March, rating,
                    due, due / 2, rated, rated - (rated / 3), letters, overdue, summoned));

    private static readonly Gen<List<UnitMonthInput>> Cohorts = Inputs.List[0, 30].Select(l => l.DistinctBy(u => u.UnitCode).ToList());

    private static readonly Gen<AssessmentWeights> Weights =
        Gen.Select(Gen.Int[0, 40], Gen.Int[0, 40], Gen.Int[0, 40], Gen.Int[0, 20], Gen.Int[0, 20])
            .Where(w => w.Item1 + w.Item2 + w.Item3 + w.Item4 + w.Item5 > 0)
            .Select(w => new AssessmentWeights(w.Item1, w.Item2, w.Item3, w.Item4, w.Item5));

    [Fact]
    public void A_ranking_is_the_units_with_work_sorted_by_score_with_ties_by_code_then_the_rest_not_rated() =>
        Gen.Select(Cohorts, Weights).Sample((units, weights) =>
        {
            var ranking = MonthlyAssessment.Rank(MonthlyAssessmentTests.March, units, new AssessmentScheme(weights));
            var rows = ranking.Rows;
            Assert.Equal(units.Select(u => u.UnitCode).Order(StringComparer.Ordinal),
                rows.Select(r => r.UnitCode).Concat(ranking.NotRated.Select(u => u.UnitCode)).Order(StringComparer.Ordinal));
            Assert.All(rows, r => Assert.True(r.Input.HadWork));
            Assert.All(units.Where(u => !u.HadWork), u => Assert.Equal(NotRatedReason.NoWork, ranking.NotRated.Single(n => n.UnitCode == u.UnitCode).Reason));
            for (var i = 1; i < rows.Length; i++)
            {
                var (a, b) = (rows[i - 1], rows[i]);
                Assert.True(a.Score > b.Score || (a.Score == b.Score && string.CompareOrdinal(a.UnitCode, b.UnitCode) < 0));
                Assert.Equal(a.Score == b.Score ? a.Rank : i + 1, b.Rank);
            }
            Assert.All(rows, r => Assert.InRange(r.Score, 0m, 100m));
        }, iter: 1000);

    [Fact]
    public void A_ratio_with_nothing_under_it_is_no_data_never_full_points() =>
        Cohorts.Sample(units =>
        {
            var ranking = MonthlyAssessment.Rank(MonthlyAssessmentTests.March, units, AssessmentScheme.Default);
            foreach (var r in ranking.Rows)
            {
                Assert.Equal(r.Input.CasesDue == 0, r.Indicators.OnTimeClosure is null);
                Assert.Equal(r.Input.RatedCases == 0, r.Indicators.Satisfaction is null);
                Assert.Equal(r.Input.WhistleRatingAverage is null, r.Indicators.WhistleRating is null);
                Assert.Equal(ranking.Rows.All(x => x.Input.LettersReceived == 0), r.Indicators.Letters is null);
                Assert.Equal(ranking.Rows.All(x => x.Input.OverdueCount == 0), r.Indicators.Overdue is null);
            }
        }, iter: 1000);

    [Fact]
    public void The_weight_of_an_indicator_without_data_does_not_change_the_score() =>
        Gen.Select(Cohorts, Gen.Int[0, 60]).Sample((units, extra) =>
        {
            // Towns are never rated on whistles: however the whistle weight is set, a unit without a whistle rating keeps its score.
            var towns = units.Select(u => u with { WhistleRatingAverage = null }).ToList();
            var a = MonthlyAssessment.Rank(MonthlyAssessmentTests.March, towns, AssessmentScheme.Default);
            var b = MonthlyAssessment.Rank(MonthlyAssessmentTests.March, towns,
                new AssessmentScheme(new AssessmentWeights(extra, 30, 25, 10, 10)));
            Assert.Equal(a.Rows.Select(r => (r.UnitCode, r.Score)), b.Rows.Select(r => (r.UnitCode, r.Score)));
        }, iter: 500);

    [Fact]
    public void Adding_a_unit_with_no_work_changes_nothing_for_the_others() =>
        Gen.Select(Cohorts, Gen.Int[0, 9], Gen.Int[0, 9]).Sample((units, letters, overdue) =>
        {
            var idle = new UnitMonthInput("idle", "u", MonthlyAssessmentTests.March, null, 0, 0, 0, 0, letters, overdue);
            var without = MonthlyAssessment.Rank(MonthlyAssessmentTests.March, units, AssessmentScheme.Default);
            var with = MonthlyAssessment.Rank(MonthlyAssessmentTests.March, [.. units, idle], AssessmentScheme.Default);
            Assert.Equal(without.Rows, with.Rows);
            Assert.Contains(with.NotRated, n => n.UnitCode == "idle");
        }, iter: 500);

    [Fact]
    public void The_order_of_the_inputs_does_not_change_the_ranking() =>
        Cohorts.SelectMany(u => Gen.Shuffle(u.ToArray()).Select(s => (u, s))).Sample(pair =>
        {
            var a = MonthlyAssessment.Rank(MonthlyAssessmentTests.March, pair.u, AssessmentScheme.Default);
            var b = MonthlyAssessment.Rank(MonthlyAssessmentTests.March, pair.s, AssessmentScheme.Default);
            Assert.Equal(a.Rows, b.Rows);
            Assert.Equal(a.NotRated, b.NotRated);
        }, iter: 500);
}
