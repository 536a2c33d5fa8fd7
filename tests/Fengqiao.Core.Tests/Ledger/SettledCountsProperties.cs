using CsCheck;
using Fengqiao.Core.Cases;
using Fengqiao.Core.Ledger;
using NodaTime;

namespace Fengqiao.Core.Tests.Ledger;

/// <summary>The split the monthly roll-up relies on: settled counts summed ahead plus pending counts at the moment equal the KPIs.</summary>
public class SettledCountsProperties
{
    private static readonly Instant Origin = Instant.FromUtc(2026, 1, 1, 0, 0);

    private static readonly Gen<Instant> AnInstant = Gen.Long[0, 400L * 24 * 3600].Select(s => Origin + Duration.FromSeconds(s));

    private static readonly Gen<Instant?> MaybeInstant = Gen.Frequency((1, Gen.Const((Instant?)null)), (3, AnInstant.Select(i => (Instant?)i)));

    internal static readonly Gen<CaseFacts> AnyFacts =
        Gen.Select(Gen.Enum<CaseChannel>(), Gen.Bool, AnInstant, MaybeInstant, MaybeInstant, MaybeInstant, MaybeInstant)
            .SelectMany(t => Gen.Select(MaybeInstant, Gen.Int[0, 5]).Select(u => new CaseFacts(
                t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6, t.Item7,
                // Closure never before registration, as the lifecycle guarantees.
                u.Item1 is { } closed && closed >= t.Item3 ? closed : null,
                u.Item2 == 0 ? null : (CaseRating)u.Item2)));

    [Fact]
    public void Settled_plus_pending_equals_the_case_by_case_count_in_total_and_by_channel() =>
        Gen.Select(AnyFacts.Array[0, 60], AnInstant).Sample((facts, asOf) =>
        {
            var expected = CaseKpis.Of(facts, asOf);
            var total = new CaseKpis.Counts();
            // Grouped by channel, as the roll-up stores them: hotline figures come from the hotline group.
            foreach (var group in facts.GroupBy(f => f.Channel))
            {
                var settled = group.Aggregate(default(SettledCounts), (s, f) => s + SettledCounts.Of(f));
                var pending = group.Aggregate(default(PendingCounts), (p, f) => p + PendingCounts.Of(f, asOf));
                total.Add(settled, pending, group.Key == CaseChannel.Hotline12345);
            }
            Assert.Equal(expected, total.ToKpis());
        });

    [Fact]
    public void A_change_is_its_new_counts_minus_its_old() =>
        Gen.Select(AnyFacts, AnyFacts, AnyFacts).Sample((other, before, after) =>
        {
            var stored = SettledCounts.Of(other) + SettledCounts.Of(before);
            var updated = stored + (SettledCounts.Of(after) - SettledCounts.Of(before));
            Assert.Equal(SettledCounts.Of(other) + SettledCounts.Of(after), updated);
            Assert.True((SettledCounts.Of(before) - SettledCounts.Of(before)).IsZero);
        });

    [Fact]
    public void Head_whole_months_and_tail_partition_the_period() =>
        Gen.Select(AnInstant, AnInstant, AnInstant.Array[1, 30]).Sample((a, b, probes) =>
        {
            var (from, to) = a <= b ? (a, b) : (b, a);
            var split = LedgerMonths.Split(from, to);
            foreach (var x in probes.Append(from).Append(to).Append(split.MonthsFrom).Append(split.MonthsTo))
            {
                var inHead = split.Head is { } h && h.Contains(x);
                var inMonths = split.HasMonths && LedgerMonths.KeyOf(x) >= split.FirstMonthKey && LedgerMonths.KeyOf(x) < split.EndMonthKey;
                var inTail = split.Tail is { } t && t.Contains(x);
                Assert.Equal(x >= from && x < to, inHead || inMonths || inTail);
                Assert.True((inHead ? 1 : 0) + (inMonths ? 1 : 0) + (inTail ? 1 : 0) <= 1, $"{x} lies in two parts");
                Assert.Equal(inMonths, split.HasMonths && x >= split.MonthsFrom && x < split.MonthsTo);
            }
        });

    [Fact]
    public void Months_are_counted_in_Beijing_time()
    {
        // 2026-09-30 16:00 UTC is 1 October 00:00 in Beijing.
        Assert.Equal(202609, LedgerMonths.KeyOf(Instant.FromUtc(2026, 9, 30, 15, 59, 59)));
        Assert.Equal(202610, LedgerMonths.KeyOf(Instant.FromUtc(2026, 9, 30, 16, 0)));
        var split = LedgerMonths.Split(Instant.FromUtc(2026, 9, 30, 16, 0), Instant.FromUtc(2026, 11, 30, 16, 0));
        Assert.Equal((202610, 202612, (Interval?)null, (Interval?)null), (split.FirstMonthKey, split.EndMonthKey, split.Head, split.Tail));
        var partial = LedgerMonths.Split(Instant.FromUtc(2026, 10, 5, 0, 0), Instant.FromUtc(2026, 10, 20, 0, 0));
        Assert.False(partial.HasMonths);
        Assert.Equal(new Interval(Instant.FromUtc(2026, 10, 5, 0, 0), Instant.FromUtc(2026, 10, 20, 0, 0)), partial.Head);
    }
}
