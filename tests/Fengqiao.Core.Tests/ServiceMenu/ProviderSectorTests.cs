using Fengqiao.Core.ServiceMenu;
using static Fengqiao.Core.Tests.ServiceMenu.ServiceFixture;

namespace Fengqiao.Core.Tests.ServiceMenu;

/// <summary>Issue 18: a 民法典 talk went to a procurator while a lawyer fitted; the matcher prefers the service's home sector.</summary>
public class ProviderSectorTests
{
    private static readonly Guid ProcuratorZhang = new("00000000-0000-0000-0000-0000000000b1");
    private static readonly Guid LawyerLi = new("00000000-0000-0000-0000-0000000000b2");

    // Both free on Thursday, both serving the district, neither listing 民法典; the procurator's name sorts first.
    private static ServiceProvider Procurator => ServiceProvider.Create(ProcuratorZhang, "张丽华", "垦利区人民检察院",
        [ServiceKind.LegalLecture], ["未成年人保护", "防范电信诈骗"], [District], [Day(12)]);

    private static ServiceProvider Lawyer => ServiceProvider.Create(LawyerLi, "李明律", "山东黄河口律师事务所",
        [ServiceKind.LegalLecture], ["劳动用工", "合同纠纷"], [District], [Day(12)]);

    [Theory]
    [InlineData("垦利区司法局普法讲师团", ProviderSector.JudicialAdministration)]
    [InlineData("垦利街道司法所", ProviderSector.JudicialAdministration)]
    [InlineData("山东黄河口律师事务所", ProviderSector.LawFirm)]
    [InlineData("垦利区法律援助中心", ProviderSector.LegalAid)]
    [InlineData("垦利街道人民调解委员会", ProviderSector.Mediation)]
    [InlineData("垦利区人民检察院", ProviderSector.Procuratorate)]
    [InlineData("国家税务总局东营市垦利区税务局", ProviderSector.Tax)]
    [InlineData("心理服务站", ProviderSector.Psychology)]
    [InlineData("某社会组织", ProviderSector.Other)]
    public void The_sector_is_read_from_the_organisation_s_official_name(string organisation, ProviderSector sector) =>
        Assert.Equal(sector, ProviderSectors.Of(organisation));

    [Fact]
    public void A_civil_code_talk_goes_to_the_lawyer_before_the_procurator()
    {
        var ranked = ProviderMatcher.Rank(Lecture("民法典"), [Procurator, Lawyer]);
        Assert.Equal([LawyerLi, ProcuratorZhang], ranked.Select(r => r.Provider.Id));
        Assert.Contains(ranked[1].Reasons, r => r.Contains("not the service's home sector", StringComparison.Ordinal));
    }

    [Fact]
    public void A_procurator_who_lists_the_topic_still_ranks_first_for_it()
    {
        var ranked = ProviderMatcher.Rank(Lecture("未成年人保护"), [Procurator, Lawyer]);
        Assert.Equal(ProcuratorZhang, ranked[0].Provider.Id);
    }

    [Fact]
    public void With_no_home_sector_provider_free_the_procurator_is_still_matched()
    {
        var ranked = ProviderMatcher.Rank(Lecture("民法典"), [Procurator]);
        Assert.Equal(ProcuratorZhang, Assert.Single(ranked).Provider.Id);
    }

    [Fact]
    public void A_named_lecturer_busy_that_day_is_refused_with_the_reason_and_his_free_days()
    {
        // Zhou is free on Thursday 12 November only; the order asks for Tuesday 10 November.
        var order = Lecture("民法典", LawyerZhou);
        var tuesday = ServiceOrder.Place(Guid.NewGuid(), Offering("legal-lecture"), Committee, "民法典", Day(10, 8, 21), LawyerZhou, Now).Order;
        var zone = NodaTime.DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
        var days = Zhou.FreeDays(new NodaTime.LocalDate(2026, 11, 3), new NodaTime.LocalDate(2026, 11, 30), new NodaTime.LocalTime(8, 30), new NodaTime.LocalTime(21, 0), zone, NodaTime.Duration.FromHours(2));
        Assert.Equal([new NodaTime.LocalDate(2026, 11, 12)], days);
        Assert.Equal("周律师无法接单：期望时间内没有空闲；可预约的日期：11月12日 (周律师 cannot take the order: no free time in the preferred window; free on 2026-11-12)",
            ProviderMatcher.ChosenRefusal(ProviderMatcher.Assess(tuesday, Zhou), days));
        Assert.Null(ProviderMatcher.ChosenRefusal(ProviderMatcher.Assess(order, Zhou), days));
    }
}
