using CsCheck;
using Fengqiao.Tidal.Rostering;

namespace Fengqiao.Tidal.Tests.Rostering;

/// <summary>Stage 2's ejection chains: an officer hands a shift on so that an unplaced one can be worked.</summary>
public class EjectionChainTests
{
    private static readonly RosterRules Rules = new();

    /// <summary>Every officer's shifts pass the per-person rules, checked one shift at a time against the rest.</summary>
    private static void AssertLawful(IReadOnlyList<Officer> officers, IReadOnlyList<ShiftSlot> slots, List<HashSet<int>> chosen)
    {
        for (var o = 0; o < officers.Count; o++)
        {
            foreach (var i in chosen[o])
            {
                var others = chosen[o].Where(j => j != i).ToHashSet();
                Assert.True(
                    OfficerAssignmentRules.Fits(officers[o], others, others.Sum(j => slots[j].LengthHours), slots, i, Rules),
                    $"officer {officers[o].Id}: slot {slots[i]} breaks a rule beside {string.Join(", ", others.Select(j => slots[j]))}");
            }
        }
    }

    [Fact]
    public void An_officer_hands_on_the_shift_in_the_way_and_takes_the_unplaced_one()
    {
        // A works Monday 14–22, so cannot start Tuesday 06:00 (8 h rest); B works Tuesday 22–06, so cannot take a second
        // Tuesday shift, but can take A's Monday late shift. Nobody can take Tuesday 06–14 without the chain.
        var officers = new[] { new Officer("A", "A", Skill.Patrol), new Officer("B", "B", Skill.Patrol) };
        ShiftSlot[] slots = [new(14, 8), new(30, 8), new(46, 8)];
        var chosen = new List<HashSet<int>> { new() { 0 }, new() { 2 } };
        Assert.False(OfficerAssignmentRules.Fits(officers[0], chosen[0], 8, slots, 1, Rules));
        Assert.False(OfficerAssignmentRules.Fits(officers[1], chosen[1], 8, slots, 1, Rules));

        var placed = OfficerAssignment.Augment(officers, slots, [0, 1, 2], [1, 1, 1], Rules, chosen, TestContext.Current.CancellationToken);

        Assert.Equal(1, placed);
        Assert.Equal([1], chosen[0].Order());
        Assert.Equal([0, 2], chosen[1].Order());
        AssertLawful(officers, slots, chosen);
    }

    [Fact]
    public void A_unit_nobody_can_work_even_through_a_chain_stays_unplaced_and_nothing_else_moves()
    {
        // One officer already works five days, the most two days off allow: a sixth day's shift has nowhere to go.
        var officer = new Officer("A", "A", Skill.Patrol);
        var slots = Enumerable.Range(0, 6).Select(d => new ShiftSlot((d * 24) + 8, 8)).ToArray();
        var chosen = new List<HashSet<int>> { new() { 0, 1, 2, 3, 4 } };

        Assert.Equal(0, OfficerAssignment.Augment([officer], slots, [0, 1, 2, 3, 4, 5], [1, 1, 1, 1, 1, 1], Rules, chosen, TestContext.Current.CancellationToken));
        Assert.Equal([0, 1, 2, 3, 4], chosen[0].Order());
    }

    [Fact]
    public void Chains_keep_every_officer_lawful_never_exceed_the_counts_and_add_exactly_what_they_report()
    {
        var gen =
            from slotCount in Gen.Int[3, 14]
            from slots in Gen.Select(Gen.Int[0, 167], Gen.Int[4, 5].Select(x => x * 2)).Select((s, l) => new ShiftSlot(s, l)).Array[slotCount]
            from officers in Gen.Int[1, 6]
            from demand in Gen.Int[0, 3].Array[slotCount]
            from order in Gen.Int[0, 1000].Array[slotCount]
            select (slots, officers, demand, order);
        gen.Sample(t =>
        {
            var officers = Enumerable.Range(0, t.officers).Select(i => new Officer($"O{i}", $"O{i}", Skill.Patrol)).ToArray();
            var used = Enumerable.Range(0, t.slots.Length).Where(j => t.demand[j] > 0).ToList();

            // A lawful first fit in a random order, as stage 2 might leave it.
            var chosen = officers.Select(_ => new HashSet<int>()).ToList();
            foreach (var j in used.OrderBy(j => t.order[j]))
            {
                for (var unit = 0; unit < t.demand[j]; unit++)
                {
                    var o = Enumerable.Range(0, officers.Length).FirstOrDefault(o => !chosen[o].Contains(j) && OfficerAssignmentRules.Fits(officers[o], chosen[o], chosen[o].Sum(i => t.slots[i].LengthHours), t.slots, j, Rules), -1);
                    if (o >= 0)
                    {
                        chosen[o].Add(j);
                    }
                }
            }

            var before = chosen.Sum(c => c.Count);
            var added = OfficerAssignment.Augment(officers, t.slots, used, t.demand, Rules, chosen, TestContext.Current.CancellationToken);

            Assert.Equal(before + added, chosen.Sum(c => c.Count));
            AssertLawful(officers, t.slots, chosen);
            foreach (var j in used)
            {
                Assert.True(chosen.Count(c => c.Contains(j)) <= t.demand[j]);
            }

            Assert.All(chosen, c => Assert.All(c, j => Assert.Contains(j, used)));
        }, iter: 300);
    }
}
