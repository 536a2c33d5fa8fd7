using Fengqiao.Data.Cases;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data.Tests.Cases;

/// <summary>Tracking numbers reserved in blocks per node (hi/lo): unique across nodes, one reservation per block.</summary>
public sealed class TrackingNumberBlocksTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    [Fact]
    public async Task Two_nodes_taking_numbers_at_once_never_hand_out_the_same_one()
    {
        var ct = TestContext.Current.CancellationToken;
        var prefix = "TB" + Guid.NewGuid().ToString("N")[..6];
        var nodes = new[] { new TrackingNumberBlocks(blockSize: 7), new TrackingNumberBlocks(blockSize: 7) };

        // Each node serves 4 requests at a time, each request on its own context, as the web host does.
        var taken = await Task.WhenAll(Enumerable.Range(0, 8).Select(async worker =>
        {
            var node = nodes[worker % 2];
            var numbers = new List<int>();
            for (var i = 0; i < 25; i++)
            {
                await using var db = fixture.Database.Context();
                numbers.Add(await node.NextAsync(db, prefix, 2026, ct));
            }
            return numbers;
        }));

        var all = taken.SelectMany(n => n).ToList();
        Assert.Equal(200, all.Count);
        Assert.Equal(200, all.Distinct().Count());
        await using var check = fixture.Database.Context();
        var last = await check.CaseNumberSequences.Where(s => s.Prefix == prefix && s.Year == 2026).Select(s => s.Last).SingleAsync(ct);
        // Whole blocks were reserved: at most one partly used block per node is left over.
        Assert.Equal(0, last % 7);
        Assert.InRange(last, 200, 200 + (2 * 7));
        Assert.True(all.Max() <= last);
    }

    [Fact]
    public async Task Inside_a_callers_transaction_a_single_number_is_taken_and_rolled_back_with_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var prefix = "TX" + Guid.NewGuid().ToString("N")[..6];
        var node = new TrackingNumberBlocks(blockSize: 50);
        await using (var db = fixture.Database.Context())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            Assert.Equal(1, await node.NextAsync(db, prefix, 2026, ct));
            await transaction.RollbackAsync(ct);
        }

        await using var after = fixture.Database.Context();
        Assert.False(await after.CaseNumberSequences.AnyAsync(s => s.Prefix == prefix, ct));
        // No block was kept in memory from the rolled-back reservation: the next number starts a real block.
        Assert.Equal(1, await node.NextAsync(after, prefix, 2026, ct));
        Assert.Equal(50, await after.CaseNumberSequences.Where(s => s.Prefix == prefix).Select(s => s.Last).SingleAsync(ct));
    }
}
