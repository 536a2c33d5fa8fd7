using Fengqiao.Tidal.Demand;
using Fengqiao.Tidal.Incidents;
using NodaTime;

namespace Fengqiao.Tidal.Tests.Demand;

public class DemandMatrixTests
{
    [Fact]
    public void Hour_of_week_starts_monday_midnight()
    {
        Assert.Equal(0, HourOfWeek.Of(new LocalDateTime(2010, 1, 4, 0, 30))); // a Monday
        Assert.Equal(167, HourOfWeek.Of(new LocalDateTime(2010, 1, 10, 23, 0))); // Sunday
        Assert.Equal("Fri 08:00", HourOfWeek.Label((4 * 24) + 8));
    }

    [Fact]
    public void Counts_by_area_and_hour_with_period_and_type_filter()
    {
        var incidents = new[]
        {
            new Incident(new LocalDateTime(2010, 1, 4, 8, 10), "A", "theft"),
            new Incident(new LocalDateTime(2010, 1, 11, 8, 50), "A", "theft"),
            new Incident(new LocalDateTime(2010, 1, 11, 8, 55), "A", "robbery"),
            new Incident(new LocalDateTime(2010, 1, 5, 23, 0), "B", "theft"),
            new Incident(new LocalDateTime(2010, 1, 18, 8, 0), "A", "theft"), // outside the period
        };
        var m = DemandMatrix.Build(incidents, new DemandQuery(new LocalDateTime(2010, 1, 4, 0, 0), new LocalDateTime(2010, 1, 18, 0, 0))
        {
            Types = new HashSet<string> { "THEFT" },
        });
        Assert.Equal(["A", "B"], m.Areas);
        Assert.Equal(2, m.Weeks);
        Assert.Equal(2, m[0, 8]);
        Assert.Equal(1, m.WeeklyRate(0, 8));
        Assert.Equal(1, m[1, 24 + 23]);
        Assert.Equal(3, m.Total);
    }
}
