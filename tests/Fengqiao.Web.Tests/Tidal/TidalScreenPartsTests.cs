using Fengqiao.Tidal.Demo;
using Fengqiao.Tidal.Rostering;
using Fengqiao.Web.Tidal;

namespace Fengqiao.Web.Tests.Tidal;

/// <summary>The parts the planner's screens draw with: the heatmaps' quantile colour scale and the roster timeline's rows.</summary>
public sealed class TidalScreenPartsTests
{
    [Fact]
    public void A_map_where_most_cells_need_one_officer_is_not_painted_all_red()
    {
        // 150 cells needing one officer, 15 needing two, 3 needing six: the old scale (square root of value/max) gave the
        // one-officer cells 41 % of the ramp; the quantile scale keeps them in the palest band and the six in the deepest.
        double[] values = [.. Enumerable.Repeat(0.0, 30), .. Enumerable.Repeat(1.0, 150), .. Enumerable.Repeat(2.0, 15), 6, 6, 6];
        var scale = HeatScale.Quantiles(values);
        Assert.Equal(0, scale.BandOf(1));
        Assert.Equal(scale.Bands - 1, scale.BandOf(6));
        Assert.True(scale.BandOf(2) > 0);
        Assert.Equal(-1, scale.BandOf(0));
        Assert.Equal(HeatColor.Empty, scale.ColourOf(0));
        Assert.NotEqual(scale.ColourOf(1), scale.ColourOf(6));
        var legend = scale.Legend().ToList();
        Assert.Equal(scale.Bands, legend.Count);
        Assert.All(legend.Skip(1), b => Assert.True(b.From < b.To));
        Assert.Equal(6, legend[^1].To);
    }

    [Fact]
    public void Skewed_counts_fill_every_band_about_equally()
    {
        var values = Enumerable.Range(1, 600).Select(i => Math.Round(Math.Pow(i, 2) / 1000.0, 3)).ToList();
        var scale = HeatScale.Quantiles(values, 6);
        Assert.Equal(6, scale.Bands);
        Assert.All(values.GroupBy(scale.BandOf), g => Assert.InRange(g.Count(), 90, 110));
        Assert.Equal(0, HeatScale.Quantiles([]).Bands);
    }

    private static (RosterProblem Problem, Roster Roster) Week()
    {
        var officers = KaramayDemo.Officers(3).Select(o => o.Officer).ToList();
        var areas = new[] { "和平社区", "天山路社区" };
        var units = new int[areas.Length * 168];
        var post = new KeyPost("护学岗01上学", "护学岗·第一小学（上学 7:30–8:30）", areas[0], KeySiteKind.School, [NodaTime.IsoDayOfWeek.Monday], 7, 9);
        var problem = new RosterProblem(areas, units, null, officers, PlanScenario.StaggeredShifts(2, 8), [post]);
        var roster = new Roster("test",
            [
                new Duty(officers[0].Id, areas[0], 6, 8), // Monday 06:00–14:00, stands the school post
                new Duty(officers[1].Id, areas[1], 164, 8), // Sunday 20:00 to Monday 04:00: wraps into Monday
                new Duty(officers[2].Id, areas[1], 30, 8), // Tuesday only
            ],
            [new PostDuty(officers[0].Id, post.Id, 7, 9)]);
        return (problem, roster);
    }

    [Fact]
    public void The_timeline_shows_a_day_with_shifts_wrapping_from_Sunday_and_posts_marked()
    {
        var (problem, roster) = Week();
        var monday = RosterTimeline.Rows(problem, roster, day: 0);
        Assert.Equal(2, monday.Count);
        var guard = monday.Single(r => r.Officer.Id == roster.Duties[0].OfficerId);
        Assert.Equal([(6, 14)], guard.Shifts.Select(s => (s.From, s.To)));
        Assert.Equal("和平社区", guard.Shifts[0].Label);
        var mark = Assert.Single(guard.Posts);
        Assert.Equal((7, 9, "护学岗·第一小学（上学 7:30–8:30）"), (mark.From, mark.To, mark.Label));
        var night = monday.Single(r => r.Officer.Id == roster.Duties[1].OfficerId);
        Assert.Equal([(0, 4)], night.Shifts.Select(s => (s.From, s.To)));

        var week = RosterTimeline.Rows(problem, roster, day: null);
        Assert.Equal(3, week.Count);
        Assert.Equal([(0, 4), (164, 168)], week.Single(r => r.Officer.Id == roster.Duties[1].OfficerId).Shifts.Select(s => (s.From, s.To)).Order());
    }

    [Fact]
    public void The_timeline_filters_by_station_and_team()
    {
        var (problem, roster) = Week();
        var station = KaramayDemo.StationOf(problem.Officers[0].Id)!;
        var rows = RosterTimeline.Rows(problem, roster, day: null, station: station);
        Assert.All(rows, r => Assert.Equal(station, r.Station));
        Assert.Contains(rows, r => r.Officer.Id == problem.Officers[0].Id);
        Assert.Empty(RosterTimeline.Rows(problem, roster, day: null, team: Skill.Traffic));
        Assert.Equal(2, RosterTimeline.Rows(problem, roster, day: null, team: Skill.Patrol).Count); // the third of three demo officers is 合成
        Assert.Single(RosterTimeline.Rows(problem, roster, day: null, team: Skill.Combined));
    }
}
