namespace Fengqiao.Core.Cases;

/// <summary>The resident's rating of a reply (满意度评价).</summary>
public enum CaseRating
{
    Satisfied = 1,          // 满意
    BasicallySatisfied = 2, // 基本满意
    Unsatisfied = 3,        // 不满意
    NotRated = 4,           // 逾期未评价
}
