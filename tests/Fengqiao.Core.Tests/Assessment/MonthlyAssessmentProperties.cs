using System.Globalization;
using CsCheck;
using Fengqiao.Core.Assessment;

namespace Fengqiao.Core.Tests.Assessment;

public class MonthlyAssessmentProperties
{
    private static readonly Gen<UnitMonthInput> Inputs =
        Gen.Select(Gen.Int[0, 999], Gen.Int[0, 5].Select(x => x == 0 ? (decimal?)null : x), Gen.Int[0, 20], Gen.Int[0, 20], Gen.Int[0, 5], Gen.Int[0, 5],
            (code, rating, due, rated, letters, overdue) =>
                new UnitMonthInput(code.ToString("D3", CultureInfo.InvariantCulture), "u", MonthlyAssessmentTests.March, rating,
                    due, due / 2, rated, rated - (rated / 3), letters, overdue));

    private static readonly Gen<List<UnitMonthInput>> Cohorts = Inputs.List[0, 30].Select(l => l.DistinctBy(u => u.UnitCode).ToList());

    [Fact]
    public void A_ranking_is_a_permutation_of_the_units_sorted_by_score_with_ties_by_code() =>
        Cohorts.Sample(units =>
        {
            var rows = MonthlyAssessment.Rank(MonthlyAssessmentTests.March, units, AssessmentScheme.Default).Rows;
            Assert.Equal(units.Select(u => u.UnitCode).Order(StringComparer.Ordinal), rows.Select(r => r.UnitCode).Order(StringComparer.Ordinal));
            for (var i = 1; i < rows.Length; i++)
            {
                var (a, b) = (rows[i - 1], rows[i]);
                Assert.True(a.Score > b.Score || (a.Score == b.Score && string.CompareOrdinal(a.UnitCode, b.UnitCode) < 0));
                Assert.Equal(a.Score == b.Score ? a.Rank : i + 1, b.Rank);
            }
            Assert.All(rows, r => Assert.InRange(r.Score, 0m, 100m));
        }, iter: 1000);

    [Fact]
    public void The_order_of_the_inputs_does_not_change_the_ranking() =>
        Cohorts.SelectMany(u => Gen.Shuffle(u.ToArray()).Select(s => (u, s))).Sample(pair =>
        {
            var a = MonthlyAssessment.Rank(MonthlyAssessmentTests.March, pair.u, AssessmentScheme.Default).Rows;
            var b = MonthlyAssessment.Rank(MonthlyAssessmentTests.March, pair.s, AssessmentScheme.Default).Rows;
            Assert.Equal(a, b);
        }, iter: 500);
}
