using Fengqiao.Web.Tests.Infrastructure;

namespace Fengqiao.Web.Tests.Cases;

/// <summary>Issue 18's queue: filters by state, channel and deadline sit beside the search and are read from the address.</summary>
public sealed class CaseQueueFiltersTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_queue_offers_its_filters_and_takes_them_from_the_address()
    {
        var clerk = await factory.SignedInAsync("clerk");

        var plain = await clerk.GetStringAsync("/cases", Ct);
        foreach (var filter in new[] { "queue-search", "queue-state", "queue-channel", "queue-deadline", "signoff-filter" })
        {
            Assert.Contains($"data-testid=\"{filter}\"", plain, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("data-testid=\"queue-clear\"", plain, StringComparison.Ordinal);

        // A shared link opens the same filtered list: the chosen values are shown and can be cleared.
        var filtered = await clerk.GetStringAsync("/cases?state=InProgress&channel=Visit&due=overdue", Ct);
        Assert.Contains("data-testid=\"queue-clear\"", filtered, StringComparison.Ordinal);
        Assert.Contains("办理中", filtered, StringComparison.Ordinal);
        Assert.Contains("已超期", filtered, StringComparison.Ordinal);

        // Unknown values in a hand-edited address are ignored.
        var odd = await clerk.GetStringAsync("/cases?state=Nonsense&due=later", Ct);
        Assert.DoesNotContain("data-testid=\"queue-clear\"", odd, StringComparison.Ordinal);
    }
}
