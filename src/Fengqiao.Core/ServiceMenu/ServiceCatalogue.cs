using System.Collections.Immutable;
using NodaTime;

namespace Fengqiao.Core.ServiceMenu;

/// <summary>The kinds of service on the menu.</summary>
public enum ServiceKind
{
    LegalLecture = 1,              // 点菜学法（可点师授课）
    LegalConsultation = 2,         // 法律咨询
    PsychologicalConsultation = 3, // 心理咨询
    Mediation = 4,                 // 矛盾纠纷调解
    LegalAidApplication = 5,       // 法律援助申请
    CaseFilingGuidance = 6,        // 立案指导
    TaxPolicyTutoring = 7,         // 税收政策送上门
}

/// <summary>Who orders.</summary>
public enum OrdererKind
{
    Resident = 1,         // 群众
    VillageCommittee = 2, // 村（居）委会
    Enterprise = 3,       // 企业
}

/// <summary>
/// One dish on the menu (服务菜单): what it is, its topics, who may order it, whether the orderer may also choose
/// the lecturer (点师授课), and how long it takes.
/// </summary>
public sealed record ServiceOffering
{
    private ServiceOffering(string code, ServiceKind kind, string name, ImmutableArray<string> topics,
        ImmutableHashSet<OrdererKind> orderers, bool lecturerChoice, Duration duration)
    {
        Code = code;
        Kind = kind;
        Name = name;
        Topics = topics;
        Orderers = orderers;
        LecturerChoice = lecturerChoice;
        Duration = duration;
    }

    public string Code { get; }

    public ServiceKind Kind { get; }

    public string Name { get; }

    public ImmutableArray<string> Topics { get; }

    public ImmutableHashSet<OrdererKind> Orderers { get; }

    public bool LecturerChoice { get; }

    public Duration Duration { get; }

    public bool EnterprisesOnly => Orderers.Count == 1 && Orderers.Contains(OrdererKind.Enterprise);

    public static ServiceOffering Create(string code, ServiceKind kind, string name, IEnumerable<string> topics,
        IEnumerable<OrdererKind> orderers, bool lecturerChoice, Duration duration)
    {
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(orderers);
        if (string.IsNullOrWhiteSpace(code) || string.IsNullOrWhiteSpace(name))
        {
            throw new ServiceRuleException("服务项目需有代码和名称 (a service needs a code and a name)");
        }
        if (!Enum.IsDefined(kind))
        {
            throw new ServiceRuleException("未知的服务类别 (unknown service kind)");
        }
        var who = orderers.ToImmutableHashSet();
        if (who.IsEmpty || who.Any(o => !Enum.IsDefined(o)))
        {
            throw new ServiceRuleException("服务项目需说明可由谁点单 (say who may order the service)");
        }
        if (lecturerChoice && kind != ServiceKind.LegalLecture && kind != ServiceKind.TaxPolicyTutoring)
        {
            throw new ServiceRuleException("只有讲座类服务可点师授课 (only lectures let the orderer choose the lecturer)");
        }
        if (duration <= Duration.Zero || duration > Duration.FromHours(8))
        {
            throw new ServiceRuleException("服务时长应在 0–8 小时之间 (a service lasts between 0 and 8 hours)");
        }
        return new ServiceOffering(code.Trim(), kind, name.Trim(),
            [.. topics.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).Distinct(StringComparer.Ordinal)],
            who, lecturerChoice, duration);
    }
}

/// <summary>The menu a district starts with; a judicial office or tax office adds and edits its own dishes.</summary>
public static class ServiceCatalogue
{
    private static readonly OrdererKind[] Everyone = [OrdererKind.Resident, OrdererKind.VillageCommittee, OrdererKind.Enterprise];

    public static ImmutableArray<ServiceOffering> Default { get; } =
    [
        ServiceOffering.Create("legal-lecture", ServiceKind.LegalLecture, "点菜学法 · 法治讲座",
            ["民法典", "婚姻家庭", "土地承包", "劳动用工", "防范电信诈骗", "未成年人保护", "反家庭暴力"],
            [OrdererKind.VillageCommittee, OrdererKind.Enterprise, OrdererKind.Resident], lecturerChoice: true, Duration.FromHours(2)),
        ServiceOffering.Create("legal-consultation", ServiceKind.LegalConsultation, "法律咨询",
            ["民法典", "婚姻家庭", "劳动用工", "土地承包", "合同纠纷"], Everyone, false, Duration.FromHours(1)),
        ServiceOffering.Create("psychological-consultation", ServiceKind.PsychologicalConsultation, "心理咨询",
            ["情绪疏导", "家庭关系", "青少年心理"], [OrdererKind.Resident, OrdererKind.VillageCommittee], false, Duration.FromHours(1)),
        ServiceOffering.Create("mediation", ServiceKind.Mediation, "人民调解",
            ["邻里纠纷", "婚姻家庭", "土地承包", "劳动用工"], Everyone, false, Duration.FromHours(2)),
        ServiceOffering.Create("legal-aid", ServiceKind.LegalAidApplication, "法律援助申请",
            ["劳动用工", "婚姻家庭", "人身损害"], [OrdererKind.Resident], false, Duration.FromHours(1)),
        ServiceOffering.Create("filing-guidance", ServiceKind.CaseFilingGuidance, "立案指导",
            ["民事立案", "行政立案", "执行申请"], [OrdererKind.Resident, OrdererKind.Enterprise], false, Duration.FromHours(1)),
        ServiceOffering.Create("tax-tutoring", ServiceKind.TaxPolicyTutoring, "税收政策送上门",
            ["增值税", "企业所得税", "小微企业优惠", "研发费用加计扣除", "个人所得税代扣"],
            [OrdererKind.Enterprise], lecturerChoice: true, Duration.FromHours(2)),
    ];
}
