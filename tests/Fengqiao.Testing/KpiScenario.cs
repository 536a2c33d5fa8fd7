using Fengqiao.Core.Cases;
using Fengqiao.Core.Ledger;
using NodaTime;

namespace Fengqiao.Testing;

/// <summary>
/// Eight March cases whose KPIs were worked out by hand (docs/kpi-definitions.md gives the rules):
/// A on the spot; B decided, replied, satisfied and closed in 9 days; C decided late, replied on time,
/// unsatisfied, closed in 18 days; D replied in 25 days, basically satisfied, closed in 30; E never decided
/// and past its limit; F a hotline case replied in an hour, satisfied, closed next day; G a hotline case past
/// its limit unreplied; H registered late in the month, still inside its limit.
/// </summary>
public static class KpiScenario
{
    public static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 1, 0);

    /// <summary>1 April 00:00 in Beijing.</summary>
    public static readonly Instant AsOf = Instant.FromUtc(2026, 3, 31, 16, 0);

    private static Instant D(double days) => Start + Duration.FromTicks((long)(days * NodaConstants.TicksPerDay));

    public static IReadOnlyList<(string Name, CaseFacts Facts)> Cases { get; } =
    [
        ("A", new(CaseChannel.Visit, true, Start, null, null, null, null, Start, null)),
        ("B", new(CaseChannel.Letter, false, Start, D(3), D(15), D(8), D(60), D(9), CaseRating.Satisfied)),
        ("C", new(CaseChannel.OnlinePetition, false, Start, D(16), D(15), D(15), D(75), D(18), CaseRating.Unsatisfied)),
        ("D", new(CaseChannel.Visit, false, Start, D(2), D(15), D(25), D(60), D(30), CaseRating.BasicallySatisfied)),
        ("E", new(CaseChannel.Letter, false, Start, null, D(15), null, null, null, null)),
        ("F", new(CaseChannel.Hotline12345, false, Start, null, null, D(1.0 / 24), D(2.0 / 24), D(1), CaseRating.Satisfied)),
        ("G", new(CaseChannel.Hotline12345, false, Start, null, null, null, D(3), null, null)),
        ("H", new(CaseChannel.Visit, false, D(27), null, D(42), null, null, null, null)),
    ];

    /// <summary>The figures by hand, as (numerator, denominator).</summary>
    public static void AssertMatches(CaseKpis k)
    {
        Xunit.Assert.Equal(8, k.Registered);
        Xunit.Assert.Equal(new Ratio(1, 8), k.OnTheSpot);
        Xunit.Assert.Equal(new Ratio(3, 8), k.ClosedWithin10Days);
        Xunit.Assert.Equal(new Ratio(4, 8), k.ClosedWithin20Days);
        Xunit.Assert.Equal(new Ratio(2, 4), k.TimelyAcceptance);
        Xunit.Assert.Equal(new Ratio(4, 5), k.OnTimeReply);
        Xunit.Assert.Equal(new Ratio(4, 4), k.RatingParticipation);
        Xunit.Assert.Equal(new Ratio(3, 4), k.Satisfaction);
        Xunit.Assert.Equal(new Ratio(1, 2), k.HotlineResponse);
        Xunit.Assert.Equal(new Ratio(1, 2), k.HotlineResolution);
        Xunit.Assert.Equal(new Ratio(1, 1), k.HotlineSatisfaction);
        Xunit.Assert.Equal("12.50 %", k.OnTheSpot.Percent);
        Xunit.Assert.Equal("37.50 %", k.ClosedWithin10Days.Percent);
    }
}
