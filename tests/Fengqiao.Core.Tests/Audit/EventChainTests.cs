using Fengqiao.Core.Audit;

namespace Fengqiao.Core.Tests.Audit;

public class EventChainTests
{
    private static List<(EventChain.Link Link, string PreviousHash, string Hash)> Chain(int length)
    {
        var caseId = Guid.NewGuid();
        var result = new List<(EventChain.Link, string, string)>();
        var previous = EventChain.Genesis;
        for (var i = 1; i <= length; i++)
        {
            var link = new EventChain.Link(caseId, i, "step", "clerk", 1_700_000_000_000 + i, $"{{\"n\":{i}}}");
            var hash = EventChain.Hash(previous, link);
            result.Add((link, previous, hash));
            previous = hash;
        }
        return result;
    }

    [Fact]
    public void An_untouched_chain_verifies() => Assert.Null(EventChain.FirstBrokenLink(Chain(5)));

    [Fact]
    public void Changing_any_field_of_an_event_breaks_the_chain_at_that_event()
    {
        var chain = Chain(5);
        chain[2] = (chain[2].Link with { Actor = "forger" }, chain[2].PreviousHash, chain[2].Hash);
        Assert.Equal(3, EventChain.FirstBrokenLink(chain));
    }

    [Fact]
    public void Removing_an_event_breaks_the_chain_where_it_was()
    {
        var chain = Chain(5);
        chain.RemoveAt(1);
        Assert.Equal(3, EventChain.FirstBrokenLink(chain));
    }

    [Fact]
    public void Rewriting_an_event_and_its_hash_still_breaks_the_next_link()
    {
        var chain = Chain(5);
        var forged = chain[1].Link with { Data = "{\"n\":99}" };
        chain[1] = (forged, chain[1].PreviousHash, EventChain.Hash(chain[1].PreviousHash, forged));
        Assert.Equal(3, EventChain.FirstBrokenLink(chain));
    }

    [Fact]
    public void Field_boundaries_cannot_be_shifted_to_forge_the_same_hash()
    {
        var id = Guid.NewGuid();
        var a = EventChain.Hash(EventChain.Genesis, new EventChain.Link(id, 1, "ab", "c", 1, "d"));
        var b = EventChain.Hash(EventChain.Genesis, new EventChain.Link(id, 1, "a", "bc", 1, "d"));
        Assert.NotEqual(a, b);
    }
}
