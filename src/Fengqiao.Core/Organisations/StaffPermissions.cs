namespace Fengqiao.Core.Organisations;

/// <summary>Acts that only some roles may take, on top of the scope rule (which says on which records).</summary>
public enum StaffAction
{
    ApproveLetter = 1,         // 审签、印发督办函
    AssignContract = 2,        // 包案交办
    RecordFollowUpVisit = 3,   // 回访
    DecideLookBack = 4,        // 回头看认定
    PublishRankingNotice = 5,  // 发布访情通报
    ScoreVillages = 6,         // 双十评分
    EnterVillageEvidence = 7,  // 录入需人工提供的双十指标
    PublishVillageNotice = 8,  // 发布双十通报
    RecordProcuratorate = 9,   // 检察听证、检察建议
    EditWorkCalendar = 10,     // 维护工作日历
    Mediate = 11,              // 办理人民调解
    RegisterMediationCommittee = 12, // 登记人民调解委员会、调解室、调解员
    AnswerSuggestion = 13,     // 答复人民建议（采纳、不予采纳）
    ReferToMediation = 14,     // 访调对接：信访件转人民调解
    DrawBoundaries = 15,       // 网格划分：在地图上绘制村（社区）、网格边界
}

/// <summary>
/// Who may take each <see cref="StaffAction"/>: the one table that endpoints (as authorization policies) and pages (to
/// offer an action or not) both read, so a page never offers what the server refuses.
/// </summary>
public static class StaffPermissions
{
    // Those who sign for a town or the district: leaders, the joint-meeting office and administrators.
    private static readonly StaffRole[] Leaders = [StaffRole.TownLeader, StaffRole.DistrictLeader, StaffRole.JointMeetingOffice, StaffRole.Administrator];

    private static readonly StaffRole[] Assigners = [.. Leaders, StaffRole.Clerk];

    private static readonly Dictionary<StaffAction, StaffRole[]> Table = new()
    {
        [StaffAction.ApproveLetter] = Leaders,
        [StaffAction.AssignContract] = Assigners,
        [StaffAction.RecordFollowUpVisit] = [.. Assigners, StaffRole.PetitionAgent, StaffRole.GridMember],
        [StaffAction.DecideLookBack] = Leaders,
        [StaffAction.PublishRankingNotice] = [StaffRole.JointMeetingOffice, StaffRole.Administrator],
        [StaffAction.ScoreVillages] = Leaders,
        [StaffAction.EnterVillageEvidence] = Leaders,
        [StaffAction.PublishVillageNotice] = Leaders,
        [StaffAction.RecordProcuratorate] = [StaffRole.Procurator, StaffRole.Administrator],
        [StaffAction.EditWorkCalendar] = [StaffRole.Administrator],
        // Village and town staff who mediate where disputes start, and the judicial office (司法所) that guides the committees.
        [StaffAction.Mediate] = [StaffRole.JudicialOfficer, StaffRole.GridMember, StaffRole.PetitionAgent, StaffRole.TownLeader, StaffRole.Administrator],
        // The judicial office and bureau register and guide the committees (人民调解法第五条).
        [StaffAction.RegisterMediationCommittee] = [StaffRole.JudicialOfficer, StaffRole.Administrator],
        // The reception clerks who receive the public's letters and the leaders who sign for the town or district.
        [StaffAction.AnswerSuggestion] = Assigners,
        // Those who route cases, and the judicial office that guides the committees receiving them (访调对接).
        [StaffAction.ReferToMediation] = [.. Assigners, StaffRole.JudicialOfficer],
        // The town or district government that divides its area into grids (网格划分), not the grid members who work in them.
        [StaffAction.DrawBoundaries] = [StaffRole.TownLeader, StaffRole.DistrictLeader, StaffRole.Administrator],
    };

    public static IReadOnlyCollection<StaffRole> RolesFor(StaffAction action) =>
        Table.TryGetValue(action, out var roles) ? roles : throw new ArgumentOutOfRangeException(nameof(action), action, "no rule for this action");

    public static bool Allows(IEnumerable<StaffRole> roles, StaffAction action)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var allowed = RolesFor(action);
        return roles.Any(allowed.Contains);
    }
}
