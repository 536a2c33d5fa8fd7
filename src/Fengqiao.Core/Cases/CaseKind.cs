namespace Fengqiao.Core.Cases;

public enum CaseKind
{
    Petition = 1, // 信访事项
    Dispute = 2,  // 矛盾纠纷
}
