using Fengqiao.Core.Organisations;

namespace Fengqiao.Core.Whistles;

/// <summary>What people do to a whistle once blown. <see cref="Whistle.Offers"/> says which of them a person may take now.</summary>
public enum WhistleAction
{
    Acknowledge = 1, // 报到
    Act = 2,         // 到场处置
    Report = 3,      // 反馈结果
    Refuse = 4,      // 拒绝
    Rate = 5,        // 评价
    Close = 6,       // 闭环
    Escalate = 7,    // 手动升级
    Summon = 8,      // 增派部门
    Refer = 9,       // 移交纪委监委
}

/// <summary>
/// One action a whistle offers: on which summoned department it is taken (the actor's own for 报到、处置、反馈、拒绝;
/// the rated or referred one for 评价、移交), or none for an action on the whole whistle (闭环、升级、增派).
/// </summary>
public readonly record struct WhistleOffer(WhistleAction Action, Guid? Department);

/// <summary>Who acts on a whistle: their name, their unit (none for an account without one) and their roles.</summary>
public sealed record WhistleActor(string Name, Guid? Unit, IReadOnlyCollection<StaffRole> Roles)
{
    /// <summary>Whether the action is taken by a summoned department on its own summons.</summary>
    public static bool OnOwnSummons(WhistleAction action) =>
        action is WhistleAction.Acknowledge or WhistleAction.Act or WhistleAction.Report or WhistleAction.Refuse;

    /// <summary>Whether the action names the department it is taken on (评价、移交).</summary>
    public static bool NamesDepartment(WhistleAction action) => action is WhistleAction.Rate or WhistleAction.Refer;
}
