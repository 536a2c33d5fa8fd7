using Fengqiao.Tidal.Forecasting;
using Fengqiao.Tidal.Incidents;
using NodaTime;

namespace Fengqiao.Tidal.Tests.Forecasting;

/// <summary>The forecasting bar on the real Houston data (skipped when the shared data folder is absent).</summary>
public class HoustonBacktestTests
{
    [Fact]
    public void Tidal_profile_beats_seasonal_naive_and_kde_on_pai_and_mae()
    {
        var path = TestData.SharedIncidentFile("houston_2010_jan_jul.csv.gz");
        var import = IncidentImporter.ImportFile(path, ImportPresets.Houston);
        Assert.Equal(75_352, import.Incidents.Count);

        var report = Backtester.Run(import.Incidents, new LocalDate(2010, 7, 3), 4);

        var ours = report.Methods.Single(m => m.Method == "tidal-profile");
        foreach (var baseline in report.Methods.Where(m => m.Method is "seasonal-naive" or "kde-hotspot"))
        {
            Assert.True(ours.Pai > baseline.Pai, $"PAI {ours.Pai} vs {baseline.Method} {baseline.Pai}");
            Assert.True(ours.Mae < baseline.Mae, $"MAE {ours.Mae} vs {baseline.Method} {baseline.Mae}");
        }

        Assert.Equal(26, report.TrainWeeks);
        Assert.Equal(new LocalDate(2010, 7, 31), report.TestTo);
    }
}
