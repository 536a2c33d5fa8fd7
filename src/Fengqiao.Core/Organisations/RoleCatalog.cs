namespace Fengqiao.Core.Organisations;

/// <summary>What each role may reach and where it may sit. The one table the scope rule and account checks read.</summary>
public static class RoleCatalog
{
    public sealed record RoleRule(StaffRole Role, ScopeKind Scope, bool NeedsUnit, IReadOnlyCollection<UnitKind> UnitKinds);

    private static readonly UnitKind[] AnyUnit = Enum.GetValues<UnitKind>();

    private static readonly Dictionary<StaffRole, RoleRule> Rules = new RoleRule[]
    {
        new(StaffRole.Resident, ScopeKind.Own, NeedsUnit: false, []),
        new(StaffRole.Clerk, ScopeKind.Area, true, [UnitKind.PetitionBureau, UnitKind.Government, UnitKind.ResolutionCentre, UnitKind.VillageCommittee, UnitKind.JointMeetingOffice]),
        new(StaffRole.Handler, ScopeKind.Unit, true, AnyUnit),
        new(StaffRole.GridMember, ScopeKind.Area, true, [UnitKind.VillageCommittee, UnitKind.Government]),
        new(StaffRole.PetitionAgent, ScopeKind.Area, true, [UnitKind.VillageCommittee, UnitKind.Government, UnitKind.ResolutionCentre]),
        new(StaffRole.TownLeader, ScopeKind.Area, true, [UnitKind.Government]),
        new(StaffRole.DistrictLeader, ScopeKind.Area, true, [UnitKind.Government]),
        new(StaffRole.JointMeetingOffice, ScopeKind.Area, true, [UnitKind.JointMeetingOffice, UnitKind.PetitionBureau]),
        new(StaffRole.DisciplineCommission, ScopeKind.Area, true, [UnitKind.DisciplineCommission]),
        new(StaffRole.PolicePlanner, ScopeKind.Unit, true, [UnitKind.PoliceCommand, UnitKind.PoliceStation]),
        new(StaffRole.Procurator, ScopeKind.Unit, true, [UnitKind.Procuratorate]),
        new(StaffRole.JudicialOfficer, ScopeKind.Unit, true, [UnitKind.JudicialOffice]),
        new(StaffRole.Administrator, ScopeKind.All, true, AnyUnit),
        // A lecturer, lawyer, mediator or tax tutor outside the government: sees only the orders matched to them.
        new(StaffRole.ServiceProvider, ScopeKind.Own, NeedsUnit: false, []),
    }.ToDictionary(r => r.Role);

    public static RoleRule For(StaffRole role) => Rules[role];

    /// <summary>Roles of people outside the staff: residents and service providers open no staff page.</summary>
    public static bool IsStaff(StaffRole role) => role is not (StaffRole.Resident or StaffRole.ServiceProvider);

    public static IEnumerable<RoleRule> All => Rules.Values;

    // Those who meet or must contact the person: the registering clerk, the handler, the petition agent acting for
    // them, and the procuratorate and judicial-aid officers on their own cases. Leaders, supervisors, planners and
    // administrators work with masked data (least privilege); every unmasked view is logged.
    private static readonly HashSet<StaffRole> Unmaskers =
        [StaffRole.Clerk, StaffRole.Handler, StaffRole.PetitionAgent, StaffRole.Procurator, StaffRole.JudicialOfficer];

    /// <summary>Whether an account with these roles may reveal a party's full ID number and phone (查看完整个人信息).</summary>
    public static bool MayRevealPersonalData(IEnumerable<StaffRole> roles) => roles.Any(Unmaskers.Contains);

    /// <summary>
    /// Checks that an account with these roles may sit in a unit of this kind. Returns the problems in Chinese
    /// and English, empty when the account is valid.
    /// </summary>
    public static IReadOnlyList<string> Validate(IReadOnlyCollection<StaffRole> roles, UnitKind? unitKind)
    {
        var problems = new List<string>();
        if (roles.Count == 0)
        {
            problems.Add("至少需要一个角色 (an account needs at least one role)");
        }
        if (roles.Contains(StaffRole.Resident) && roles.Count > 1)
        {
            problems.Add("群众账号不能兼任工作人员角色 (a resident account cannot also hold staff roles)");
        }
        if (roles.Contains(StaffRole.ServiceProvider) && roles.Count > 1)
        {
            problems.Add("服务提供者账号不能兼任其他角色 (a service provider account holds no other role)");
        }
        foreach (var role in roles.Distinct())
        {
            var rule = Rules[role];
            if (rule.NeedsUnit && unitKind is null)
            {
                problems.Add($"角色 {role} 必须属于一个单位 (role {role} needs a unit)");
            }
            else if (unitKind is { } kind && rule.NeedsUnit && !rule.UnitKinds.Contains(kind))
            {
                problems.Add($"角色 {role} 不能设在 {kind} 类单位 (role {role} cannot sit in a {kind} unit)");
            }
        }
        return problems;
    }
}
