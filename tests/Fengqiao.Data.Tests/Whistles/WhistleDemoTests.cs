using Fengqiao.Core.Letters;
using Fengqiao.Core.Whistles;
using Fengqiao.Data.Whistles;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data.Tests.Whistles;

/// <summary>The demo seeder's whistles and letters: every level, escalations, ratings, numbered letters, a referral — all replayable.</summary>
public sealed class WhistleDemoTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_demo_has_whistles_at_every_level_ratings_letters_and_a_referral_that_all_replay()
    {
        await using var db = fixture.Database.Context();
        var levels = await db.Whistles.Select(w => w.Level).Distinct().ToListAsync(Ct);
        Assert.Equal(Enum.GetValues<WhistleLevel>().Order(), levels.Order());
        var open = await db.WhistleSummonses.Where(s => s.Status == SummonsStatus.Summoned).Join(db.Whistles, s => s.WhistleId, w => w.Id, (s, w) => new { w.Level, w.InitialLevel, w.BlownAt, w.NextDueAt, w.EventCount }).ToListAsync(Ct);
        Assert.True(await db.Whistles.CountAsync(w => w.Level != w.InitialLevel, Ct) > 0, "some demo whistles were escalated: " + string.Join("; ", open));
        Assert.True(await db.WhistleSummonses.CountAsync(s => s.RatedAt != null, Ct) >= 10);
        var numbers = await db.Letters.Where(l => l.Number != null).Select(l => l.Number!).ToListAsync(Ct);
        Assert.NotEmpty(numbers);
        Assert.All(numbers, n => Assert.True(DocumentNumber.TryParse(n, out _, out var error), error));
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.True(await db.WhistleReferrals.AnyAsync(Ct));

        var desk = new WhistleDesk(db, WhistlePolicy.Default(Fengqiao.Data.Cases.CaseRules.Default.Calculator), TestTime.Clock);
        foreach (var id in await db.Whistles.Select(w => w.Id).ToListAsync(Ct))
        {
            var (record, whistle) = (await desk.LoadAsync(id, Ct))!.Value;
            Assert.Equal(record.Level, whistle.Level);
            Assert.Equal(record.EventCount, whistle.Version);
        }
    }
}
