using Fengqiao.Core.Organisations;

namespace Fengqiao.Core.ServiceMenu;

/// <summary>Who placed an order, and the area the service is to be delivered in.</summary>
public abstract record Orderer
{
    private protected Orderer(string name, DivisionCode area)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ServiceRuleException("点单人名称不能为空 (the orderer needs a name)");
        }
        Name = name.Trim();
        Area = area;
    }

    public string Name { get; }

    /// <summary>Where the service happens: a village, or a town for an enterprise outside any village.</summary>
    public DivisionCode Area { get; }

    public abstract OrdererKind Kind { get; }
}

/// <summary>A resident ordering from the portal; the account id ties the order to the person.</summary>
public sealed record ResidentOrderer : Orderer
{
    public ResidentOrderer(string accountId, string name, DivisionCode area)
        : base(name, area)
    {
        if (string.IsNullOrWhiteSpace(accountId))
        {
            throw new ServiceRuleException("群众点单需登录账号 (a resident orders from an account)");
        }
        AccountId = accountId;
    }

    public string AccountId { get; }

    public override OrdererKind Kind => OrdererKind.Resident;
}

/// <summary>A village or community committee ordering for its residents (村委会点单).</summary>
public sealed record VillageCommitteeOrderer : Orderer
{
    public VillageCommitteeOrderer(string name, DivisionCode village)
        : base(name, village)
    {
        if (village.Level != DivisionLevel.Village)
        {
            throw new ServiceRuleException($"{village} 不是村（社区）代码 (a village committee orders for a village)");
        }
    }

    public override OrdererKind Kind => OrdererKind.VillageCommittee;
}

/// <summary>An enterprise, identified by its unified social credit code.</summary>
public sealed record EnterpriseOrderer : Orderer
{
    public EnterpriseOrderer(UnifiedSocialCreditCode creditCode, string name, DivisionCode area)
        : base(name, area)
    {
        _ = creditCode.Value; // refuses a default (empty) code
        CreditCode = creditCode;
    }

    public UnifiedSocialCreditCode CreditCode { get; }

    public override OrdererKind Kind => OrdererKind.Enterprise;
}
