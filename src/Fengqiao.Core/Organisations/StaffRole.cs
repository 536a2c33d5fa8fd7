namespace Fengqiao.Core.Organisations;

/// <summary>The roles of Fengqiao. A staff account holds one or more; a resident account holds only <see cref="Resident"/>.</summary>
public enum StaffRole
{
    Resident = 1,             // 群众
    Clerk = 2,                // 接访登记员
    Handler = 3,              // 职能部门承办人
    GridMember = 4,           // 网格员
    PetitionAgent = 5,        // 信访代理员
    TownLeader = 6,           // 镇（街道）领导
    DistrictLeader = 7,       // 区领导
    JointMeetingOffice = 8,   // 信访联席办
    DisciplineCommission = 9, // 纪委监委
    PolicePlanner = 10,       // 情指行勤务规划
    Procurator = 11,          // 检察院 12309
    JudicialOfficer = 12,     // 司法所
    Administrator = 13,       // 系统管理员
    ServiceProvider = 14,     // 服务提供者（讲师、调解员、税务辅导员）: confirms and holds the service orders matched to them
}
