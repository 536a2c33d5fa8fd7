using Fengqiao.Core.Mediation;
using NodaTime;

namespace Fengqiao.Core.Tests.Mediation;

public sealed class CentreTests
{
    private static readonly CentreStation Court = new(Guid.NewGuid(), "区人民法院诉讼服务站", StationingKind.Permanent, "3号窗口");
    private static readonly CentreStation Civil = new(Guid.NewGuid(), "区民政局", StationingKind.Rotating, null);
    private static readonly CentreStation Tax = new(Guid.NewGuid(), "区税务局", StationingKind.Rotating, null);
    private static readonly CentreStation[] Stations = [Court, Civil, Tax];
    private static readonly LocalDate Day = new(2026, 12, 9);

    [Fact]
    public void A_rotating_unit_takes_a_free_window_once_a_day()
    {
        RotaEntry[] rota = [new(Guid.NewGuid(), Civil.Id, Day, "12号窗口")];
        Assert.Null(CentreRota.Refusal(Tax, Day, " 13号窗口 ", Stations, rota));
        Assert.Contains("already on the rota", CentreRota.Refusal(Civil, Day, "13号窗口", Stations, rota), StringComparison.Ordinal);
        Assert.Contains("区民政局", CentreRota.Refusal(Tax, Day, "12号窗口", Stations, rota), StringComparison.Ordinal);
        // A permanent unit holds its window every day; it is not put on the rota itself.
        Assert.Contains("区人民法院诉讼服务站", CentreRota.Refusal(Tax, Day, "3号窗口", Stations, []), StringComparison.Ordinal);
        Assert.Contains("permanent unit", CentreRota.Refusal(Court, Day, "14号窗口", Stations, []), StringComparison.Ordinal);
        Assert.Contains("give the window", CentreRota.Refusal(Tax, Day, " ", Stations, []), StringComparison.Ordinal);
        Assert.Contains("at most 20", CentreRota.Refusal(Tax, Day, new string('窗', 21), Stations, []), StringComparison.Ordinal);
    }

    [Fact]
    public void The_day_lists_the_permanent_units_then_that_days_rota()
    {
        RotaEntry[] rota = [new(Guid.NewGuid(), Tax.Id, Day, "13号窗口"), new(Guid.NewGuid(), Civil.Id, Day.PlusDays(1), "12号窗口")];
        var duty = CentreRota.OnDuty(Day, Stations, rota);
        Assert.Equal([("区人民法院诉讼服务站", "3号窗口"), ("区税务局", "13号窗口")], duty.Select(d => (d.Station.UnitName, d.Window!)));
    }

    [Fact]
    public void Mediation_paths_need_a_committee_of_the_right_kind_and_the_others_a_receiving_unit()
    {
        Assert.Empty(CentreReception.Problems(ResolutionPath.PeopleMediation, "周桂兰", "采光纠纷", true, CommitteeKind.Village, false));
        Assert.Contains(CentreReception.Problems(ResolutionPath.PeopleMediation, "周桂兰", "采光纠纷", false, null, false), p => p.Contains("committee, room or mediator", StringComparison.Ordinal));
        Assert.Contains(CentreReception.Problems(ResolutionPath.IndustryMediation, "周桂兰", "医疗纠纷", true, CommitteeKind.Village, false), p => p.Contains("industry committee", StringComparison.Ordinal));
        Assert.Empty(CentreReception.Problems(ResolutionPath.LegalAid, "钱志刚", "工伤待遇", false, null, true));
        Assert.Contains(CentreReception.Problems(ResolutionPath.LegalAid, "钱志刚", "工伤待遇", false, null, false), p => p.Contains("receiving unit", StringComparison.Ordinal));
        Assert.Equal(2, CentreReception.Problems(ResolutionPath.LitigationGuidance, " ", "", false, null, true).Count);
        Assert.True(CentreReception.OpensMediation(ResolutionPath.IndustryMediation));
        Assert.False(CentreReception.OpensMediation(ResolutionPath.PreLitigationMediation));
    }
}
