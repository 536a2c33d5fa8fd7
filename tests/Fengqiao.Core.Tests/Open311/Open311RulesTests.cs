using CsCheck;
using Fengqiao.Core.Cases;
using Fengqiao.Core.Open311;
using NodaTime;

namespace Fengqiao.Core.Tests.Open311;

public sealed class Open311RulesTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 29, 3, 0);

    [Fact]
    public void Windows_up_to_90_days_are_accepted_and_longer_ones_refused()
    {
        Gen.Select(Gen.Int[0, 400], Gen.Int[0, 200 * 24]).Sample((daysBack, hours) =>
        {
            var start = Now - Duration.FromDays(daysBack);
            var end = start + Duration.FromHours(hours);
            var ok = Open311DateRange.TryParse(Iso(start), Iso(end), Now, out var range, out var error);
            Assert.Equal(hours <= 90 * 24, ok);
            if (ok)
            {
                Assert.Equal(start, range!.Start);
                Assert.Equal(end, range.End);
            }
            else
            {
                Assert.Contains("90", error, StringComparison.Ordinal);
            }
        });
    }

    [Fact]
    public void Missing_bounds_default_to_the_90_days_before_the_end()
    {
        Assert.True(Open311DateRange.TryParse(null, null, Now, out var all, out _));
        Assert.Equal(new Open311DateRange(Now - Duration.FromDays(90), Now), all);
        Assert.True(Open311DateRange.TryParse("2026-01-01T00:00:00+08:00", null, Now, out var from, out _));
        Assert.Equal(Instant.FromUtc(2025, 12, 31, 16, 0), from!.Start);
        Assert.Equal(from.Start + Duration.FromDays(90), from.End);
    }

    [Theory]
    [InlineData("2026-11-01", null)]
    [InlineData("yesterday", null)]
    [InlineData("2026-11-01T00:00:00+08:00", "2026-10-01T00:00:00+08:00")]
    [InlineData("2026-11-01T00:00:00+08:00'; DROP TABLE Cases;--", null)]
    public void Dates_without_an_offset_or_out_of_order_are_refused(string start, string? end) =>
        Assert.False(Open311DateRange.TryParse(start, end, Now, out _, out _));

    [Fact]
    public void Offsets_are_honoured()
    {
        Assert.True(Open311DateRange.TryParse("2026-11-01T08:00:00+08:00", "2026-11-01T00:00:00Z", Now, out var range, out _));
        Assert.Equal(range!.Start, range.End);
    }

    [Fact]
    public void A_plus_that_arrived_as_a_space_is_read_as_the_offset()
    {
        // "…+08:00" sent unescaped in a query string reaches the server as "… 08:00".
        Assert.True(Open311DateRange.TryParse("2026-11-01T00:00:00 08:00", "2026-11-02T00:00:00 08:00", Now, out var range, out var error), error);
        Assert.Equal(Instant.FromUtc(2026, 10, 31, 16, 0), range.Start);
        Assert.False(Open311DateRange.TryParse("2026-11-01 00:00:00 08:00", null, Now, out _, out _));
    }

    [Fact]
    public void Descriptions_are_limited_to_4000_code_points_as_the_schema_counts_them()
    {
        Assert.True(Open311Description.Fits(new string('灯', 4000)));
        Assert.False(Open311Description.Fits(new string('灯', 4001)));
        // 4,000 emoji are 8,000 UTF-16 units but 4,000 characters to JSON Schema.
        Assert.True(Open311Description.Fits(string.Concat(Enumerable.Repeat("😀", 4000))));
        var clipped = Open311Description.Clip(string.Concat(Enumerable.Repeat("😀", 4100)))!;
        Assert.Equal(4000, Open311Description.Length(clipped));
        Assert.EndsWith("…", clipped, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CaseState.Registered, "open")]
    [InlineData(CaseState.InProgress, "open")]
    [InlineData(CaseState.Replied, "open")]
    [InlineData(CaseState.Rated, "open")]
    [InlineData(CaseState.Closed, "closed")]
    [InlineData(CaseState.NotAccepted, "closed")]
    [InlineData(CaseState.Transferred, "closed")]
    public void Status_follows_the_lifecycle(CaseState state, string status) => Assert.Equal(status, Open311Status.Of(state));

    [Fact]
    public void Every_state_maps_to_exactly_one_status()
    {
        var open = Open311Status.StatesOf(Open311Status.Open);
        var closed = Open311Status.StatesOf(Open311Status.Closed);
        Assert.Empty(open.Intersect(closed));
        Assert.Equal(Enum.GetValues<CaseState>().Length, open.Count + closed.Count);
        Assert.True(Open311Status.TryParse("CLOSED", out var parsed) && parsed == "closed");
        Assert.False(Open311Status.TryParse("pending", out _));
    }

    [Fact]
    public void Keys_are_random_hashed_and_shape_checked()
    {
        var key = Open311ApiKey.NewKey();
        Assert.True(Open311ApiKey.LooksValid(key));
        Assert.NotEqual(key, Open311ApiKey.NewKey());
        Assert.Equal(64, Open311ApiKey.Hash(key).Length);
        Assert.DoesNotContain(key, Open311ApiKey.Hash(key), StringComparison.Ordinal);
        Assert.False(Open311ApiKey.LooksValid("' OR 1=1 --"));
        Assert.False(Open311ApiKey.LooksValid(null));
    }

    private static string Iso(Instant instant) => NodaTime.Text.OffsetDateTimePattern.ExtendedIso.Format(instant.WithOffset(Offset.FromHours(8)));
}
