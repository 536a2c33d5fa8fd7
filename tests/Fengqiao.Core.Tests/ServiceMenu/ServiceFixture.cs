using Fengqiao.Core.Organisations;
using Fengqiao.Core.ServiceMenu;
using Fengqiao.Core.Tests.Calendar;
using NodaTime;

namespace Fengqiao.Core.Tests.ServiceMenu;

internal static class ServiceFixture
{
    public static readonly DivisionCode Town = DivisionCode.Parse("370521100");
    public static readonly DivisionCode Village = DivisionCode.Parse("370521100201");
    public static readonly DivisionCode District = DivisionCode.Parse("370521");

    public static readonly Guid LawyerZhou = new("00000000-0000-0000-0000-0000000000a1");
    public static readonly Guid OfficerQian = new("00000000-0000-0000-0000-0000000000a2");
    public static readonly Guid TaxOfficerSun = new("00000000-0000-0000-0000-0000000000a3");
    public static readonly Guid CounsellorWu = new("00000000-0000-0000-0000-0000000000a4");

    public static readonly Instant Now = ChinaTime.At(2026, 11, 2, 9);

    /// <summary>The week of 9 November 2026, 08:00 Monday to 18:00 Friday.</summary>
    public static TimeSlot NextWeek => new(ChinaTime.At(2026, 11, 9, 8), ChinaTime.At(2026, 11, 13, 18));

    public static ServiceOffering Offering(string code) => ServiceCatalogue.Default.Single(o => o.Code == code);

    public static TimeSlot Day(int day, int from = 9, int to = 17) => new(ChinaTime.At(2026, 11, day, from), ChinaTime.At(2026, 11, day, to));

    /// <summary>A lawyer serving the whole district, free on Thursday.</summary>
    public static ServiceProvider Zhou => ServiceProvider.Create(LawyerZhou, "周律师", "某律师事务所",
        [ServiceKind.LegalLecture, ServiceKind.LegalConsultation], ["民法典", "劳动用工"], [District], [Day(12)]);

    /// <summary>The town's judicial officer, serving the town, free on Tuesday.</summary>
    public static ServiceProvider Qian => ServiceProvider.Create(OfficerQian, "钱所长", "某镇司法所",
        [ServiceKind.LegalLecture, ServiceKind.Mediation, ServiceKind.LegalAidApplication], ["婚姻家庭", "土地承包"], [Town], [Day(10)]);

    public static ServiceProvider Sun => ServiceProvider.Create(TaxOfficerSun, "孙科长", "某税务所",
        [ServiceKind.TaxPolicyTutoring], ["小微企业优惠", "研发费用加计扣除"], [District], [Day(11, 14, 18)]);

    public static ServiceProvider Wu => ServiceProvider.Create(CounsellorWu, "吴老师", "心理服务站",
        [ServiceKind.PsychologicalConsultation], ["情绪疏导"], [DivisionCode.Parse("370522")], [Day(10)]);

    public static VillageCommitteeOrderer Committee => new("某村村委会", Village);

    public static ResidentOrderer Resident => new("acct-1", "刘女士", Village);

    public static EnterpriseOrderer Enterprise => new(UnifiedSocialCreditCode.Parse("91350100M000100Y43"), "某机械制造有限公司", Town);

    public static ServiceOrder Lecture(string? topic = "民法典", Guid? chosen = null) =>
        ServiceOrder.Place(Guid.NewGuid(), Offering("legal-lecture"), Committee, topic, NextWeek, chosen, Now).Order;
}
