using System.Globalization;
using NodaTime;
using Fengqiao.Tidal.Demand;
using Fengqiao.Tidal.Forecasting;
using Fengqiao.Tidal.Incidents;

namespace Fengqiao.Tidal.Rostering;

/// <summary>
/// Builds a planning scenario from imported incidents: the busiest areas before the planned week, the week's forecast
/// from <see cref="ProfileForecaster"/>, scaled from recorded offences to calls for service, a force of mixed skills,
/// traffic windows at the busiest areas' rush hours and key posts at illustrative sites.
/// </summary>
public static class IncidentScenarioBuilder
{
    /// <param name="callsPerIncident">
    /// Recorded offences are only a fraction of the calls a patrol answers (disturbances, alarms, traffic, welfare checks).
    /// When null the factor is chosen so that the patrol units Erlang C asks for (plus key posts) come to
    /// <paramref name="forceLoad"/> of the patrol-capable officers' standard hours: a force sized for its demand, where
    /// timing rather than headcount decides how much goes unmet.
    /// </param>
    public static PlanScenario Build(IReadOnlyList<Incident> incidents, LocalDate trainTo, int areaCount = 30, int officers = 300, double? callsPerIncident = null, double forceLoad = 0.9)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        var testStart = trainTo.PlusDays(1).AtMidnight();
        var training = incidents.Where(i => i.Time < testStart).ToList();
        var areas = DemandMatrix.BusiestAreas(training, areaCount);
        var first = training.Min(i => i.Time);
        var weeks = (int)(Period.Between(first, testStart, PeriodUnits.Hours).Hours / HourOfWeek.Count);
        var history = WeeklyHistory.Build(training, areas, testStart.PlusWeeks(-weeks), weeks);
        var forecast = new ProfileForecaster().Forecast(history);
        List<IReadOnlyList<double>> Arrivals(double k) => areas.Select((_, a) => (IReadOnlyList<double>)Enumerable.Range(0, HourOfWeek.Count)
            .Select(h => Math.Round(forecast[(a * HourOfWeek.Count) + h] * k, 4)).ToList()).ToList();

        var weekdays = new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday };
        var everyDay = weekdays.Append(IsoDayOfWeek.Saturday).Append(IsoDayOfWeek.Sunday).ToList();
        var traffic = areas.Take(10).SelectMany(a => new[]
        {
            new TrafficWindowSpec(a, weekdays, 7, 10, 1),
            new TrafficWindowSpec(a, weekdays, 16, 19, 1),
            new TrafficWindowSpec(a, everyDay, 10, 16, 1),
        }).ToList();
        var posts = new List<KeyPost>();
        for (var i = 0; i < 6; i++)
        {
            var area = areas[(i * 4) % areas.Count];
            posts.Add(new KeyPost(Id("school", i), $"School {i + 1} opening (学校上学)", area, KeySiteKind.School, weekdays, 7, 9));
            posts.Add(new KeyPost(Id("school-out", i), $"School {i + 1} closing (学校放学)", area, KeySiteKind.School, weekdays, 15, 17));
        }

        posts.Add(new KeyPost("hospital-1", "Hospital 1 (医院)", areas[1], KeySiteKind.Hospital, everyDay, 8, 20));
        posts.Add(new KeyPost("hospital-2", "Hospital 2 (医院)", areas[5], KeySiteKind.Hospital, everyDay, 8, 20));
        posts.Add(new KeyPost("market-1", "Morning market 1 (早市)", areas[2], KeySiteKind.Market, everyDay, 6, 10));
        posts.Add(new KeyPost("market-2", "Morning market 2 (早市)", areas[7], KeySiteKind.Market, everyDay, 6, 10));
        posts.Add(new KeyPost("night-market-1", "Night market 1 (夜市)", areas[3], KeySiteKind.NightMarket, [IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday], 19, 26));
        posts.Add(new KeyPost("night-market-2", "Night market 2 (夜市)", areas[9], KeySiteKind.NightMarket, [IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday], 19, 24));

        var trafficOfficers = (int)Math.Round(officers * 0.10);
        var combined = (int)Math.Round(officers * 0.20);
        var weekStart = trainTo.PlusDays(1);
        while (weekStart.DayOfWeek != IsoDayOfWeek.Monday)
        {
            weekStart = weekStart.PlusDays(1);
        }

        var scenario = new PlanScenario
        {
            Name = string.Create(CultureInfo.InvariantCulture, $"houston-{areaCount}x168x{officers}"),
            Description = string.Create(
                CultureInfo.InvariantCulture,
                $"Houston 2010: the {areaCount} busiest beats to {trainTo:uuuu-MM-dd}, next week's forecast (tidal-profile) scaled to calls for service, {officers} officers (patrol, traffic, combined), traffic windows at the 10 busiest beats, illustrative key posts."),
            WeekStart = weekStart.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture),
            Areas = areas,
            ArrivalsPerHour = Arrivals(1),
            TrafficWindows = traffic,
            OfficerGroups =
            [
                new OfficerGroupSpec("P", officers - trafficOfficers - combined - Requests.Length, Skill.Patrol),
                new OfficerGroupSpec("T", trafficOfficers, Skill.Traffic),
                new OfficerGroupSpec("C", combined, Skill.Combined),
            ],
            // A few officers with requested days off (请休), so the plan honours individual requests too.
            Officers = Requests.Select((days, i) => new Officer(Id("R", i).Replace("-", "", StringComparison.Ordinal), Id("Requested", i), Skill.Patrol, 48, days)).ToList(),
            Shifts = PlanScenario.StaggeredShifts(2, 6, 10, 18),
            Posts = posts,
        };

        var factor = callsPerIncident ?? Calibrate(scenario with { ArrivalsPerHour = Arrivals(1) }, forceLoad);
        return scenario with
        {
            ArrivalsPerHour = Arrivals(factor),
            Description = scenario.Description + string.Create(CultureInfo.InvariantCulture, $" Calls per recorded offence: {factor:F2}."),
        };
    }

    /// <summary>Bisection on the call-volume factor until required patrol + post unit-hours reach the share of patrol-capable hours.</summary>
    private static double Calibrate(PlanScenario unit, double forceLoad)
    {
        var problem = unit.ToProblem();
        var capacity = problem.Officers.Where(o => o.CanPatrol).Sum(_ => (double)problem.Rules.StandardWeeklyHours) * forceLoad;
        var baseArrivals = unit.ArrivalsPerHour!.SelectMany(r => r).ToArray();
        var policy = unit.Staffing.ToPolicy();
        var posts = problem.PostUnits.Sum();
        double lo = 0, hi = 100;
        for (var i = 0; i < 40; i++)
        {
            var mid = (lo + hi) / 2;
            var need = Staffing.StaffingCalculator.RequiredUnits(baseArrivals.Select(x => x * mid).ToArray(), unit.Areas.Count, policy).Sum() + posts;
            (lo, hi) = need > capacity ? (lo, mid) : (mid, hi);
        }

        return Math.Round(lo, 2);
    }

    private static readonly IsoDayOfWeek[][] Requests =
    [
        [IsoDayOfWeek.Saturday], [IsoDayOfWeek.Saturday], [IsoDayOfWeek.Sunday], [IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday],
        [IsoDayOfWeek.Monday], [IsoDayOfWeek.Wednesday], [IsoDayOfWeek.Sunday, IsoDayOfWeek.Monday], [IsoDayOfWeek.Tuesday],
        [IsoDayOfWeek.Thursday], [IsoDayOfWeek.Friday],
    ];

    private static string Id(string prefix, int i) => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i + 1}");
}
