using Fengqiao.Core.Organisations;

namespace Fengqiao.Data.Seeding;

/// <summary>The documented demo logins (README). All share one password, <see cref="DefaultPassword"/> unless configured.</summary>
public static class DemoAccounts
{
    public const string DefaultPassword = "Fengqiao@2026";

    /// <summary>User name, display name, role, and which demo unit (by key) it belongs to.</summary>
    public sealed record Account(string UserName, string DisplayName, StaffRole Role, string? UnitKey);

    public static IReadOnlyList<Account> All { get; } =
    [
        new("admin", "系统管理员 王敏", StaffRole.Administrator, "370505:bureau"),
        new("clerk", "信访局接访员 李娜", StaffRole.Clerk, "370505:bureau"),
        new("handler", "住建局承办人 张伟", StaffRole.Handler, "370505:housing"),
        new("housing.chief", "住建局副局长 刘建华", StaffRole.Handler, "370505:housing"),
        new("grid", "网格员 刘洋", StaffRole.GridMember, "370505:village"),
        new("agent", "信访代理员 陈静", StaffRole.PetitionAgent, "370505:town"),
        new("townlead", "镇党委书记 杨帆", StaffRole.TownLeader, "370505:town"),
        new("distlead", "区委副书记 赵强", StaffRole.DistrictLeader, "370505:government"),
        new("jointoffice", "联席办 孙丽", StaffRole.JointMeetingOffice, "370505:joint"),
        new("discipline", "纪委监委 周涛", StaffRole.DisciplineCommission, "370505:discipline"),
        new("police", "情指行勤务 吴刚", StaffRole.PolicePlanner, "370505:police"),
        new("procurator", "检察院 12309 郑洁", StaffRole.Procurator, "370505:procuratorate"),
        new("judicial", "司法所 冯磊", StaffRole.JudicialOfficer, "370505:judicial"),
        new("qingpu.clerk", "青浦区信访局接访员 何雪", StaffRole.Clerk, "310118:bureau"),
        new("resident", "群众 马建国", StaffRole.Resident, null),
        // Service providers (服务提供者), each linked to a provider of the service menu: they confirm their own orders.
        new("lecturer", "普法讲师 王立法", StaffRole.ServiceProvider, null),
        new("mediator", "人民调解员 刘和顺", StaffRole.ServiceProvider, null),
        new("taxtutor", "税务辅导员 孙税通", StaffRole.ServiceProvider, null),
    ];
}
