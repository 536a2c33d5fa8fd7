using Fengqiao.Core.Organisations;

namespace Fengqiao.Core.Letters;

/// <summary>What staff do to a letter once drafted. <see cref="Letter.Offers"/> says which of them a person may take now.</summary>
public enum LetterAction
{
    Approve = 1,     // 审签
    Issue = 2,       // 印发
    Acknowledge = 3, // 签收
    Reply = 4,       // 回复
}

/// <summary>Who acts on a letter: their name, their unit (none for an account without one) and their roles.</summary>
public sealed record LetterActor(string Name, Guid? Unit, IReadOnlyCollection<StaffRole> Roles)
{
    /// <summary>
    /// Why this person may not sign for <paramref name="issuingUnit"/> (审签、印发), or null when they may: a leader of
    /// the issuing unit (<see cref="StaffAction.ApproveLetter"/>), or an administrator, who signs for any unit.
    /// </summary>
    public string? SignRefusal(Guid issuingUnit) =>
        !StaffPermissions.Allows(Roles, StaffAction.ApproveLetter) ? "只有领导或联席办可以审签、印发函件 (only a leader or the joint-meeting office may approve or issue letters)"
        : Unit != issuingUnit && !Roles.Contains(StaffRole.Administrator) ? "只有发文单位可以审签、印发 (only the issuing unit may approve or issue its letters)"
        : null;
}
