using Fengqiao.Tidal.Incidents;
using Fengqiao.Tidal.Rostering;
using NodaTime;

namespace Fengqiao.Tidal.Tests.Rostering;

/// <summary>
/// The roster the web planner asks for by default: the shipped Houston demo beats, 10 areas, 60 officers, one call per
/// recorded offence, with its key posts (schools, hospitals, morning and night markets).
/// </summary>
internal static class WebLikeScenario
{
    private static readonly Lazy<IReadOnlyList<Incident>?> Incidents = new(Load);

    /// <summary>The problem, or skips the calling test when the demo file is not above the test binaries.</summary>
    public static RosterProblem Problem(int areas = 10, int officers = 60)
    {
        var incidents = Incidents.Value;
        if (incidents is null)
        {
            Assert.Skip("src/Fengqiao.Web/Tidal/DemoData/houston-2010-20-beats.csv.gz not found above the test binaries");
        }

        return IncidentScenarioBuilder.Build(incidents!, new LocalDate(2010, 7, 3), areas, officers, callsPerIncident: 1.0).ToProblem();
    }

    /// <summary>The shipped Houston demo offences, or skips the calling test when the file is not above the test binaries.</summary>
    public static IReadOnlyList<Incident> HoustonDemo()
    {
        var incidents = Incidents.Value;
        if (incidents is null)
        {
            Assert.Skip("src/Fengqiao.Web/Tidal/DemoData/houston-2010-20-beats.csv.gz not found above the test binaries");
        }

        return incidents!;
    }

    private static IReadOnlyList<Incident>? Load()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "src", "Fengqiao.Web", "Tidal", "DemoData", "houston-2010-20-beats.csv.gz");
            if (File.Exists(path))
            {
                return IncidentImporter.ImportFile(path, ImportPresets.Houston).Incidents;
            }
        }

        return null;
    }
}
