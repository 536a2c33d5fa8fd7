using Fengqiao.Core.Organisations;
using Fengqiao.Data.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data.Accounts;

public sealed record NewAccount(string UserName, string DisplayName, string Password, Guid? UnitId, IReadOnlyCollection<StaffRole> Roles, string? Email = null);

/// <summary>Field → messages, for forms and ProblemDetails alike. Empty means success.</summary>
public sealed record AccountResult(string? UserId, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static AccountResult Fail(string field, params string[] messages) => new(null, new Dictionary<string, string[]> { [field] = messages });
}

/// <summary>
/// Creates sign-in accounts. Every rule is checked before anything is written, and the writes share one
/// transaction, so a refused account leaves no half-made user or role behind.
/// </summary>
public sealed class StaffAccounts(FengqiaoDbContext db, UserManager<StaffUser> users, RoleManager<IdentityRole> roles)
{
    public static string RoleName(StaffRole role) => role.ToString();

    public async Task EnsureRolesAsync()
    {
        foreach (var role in Enum.GetValues<StaffRole>())
        {
            if (!await roles.RoleExistsAsync(RoleName(role)))
            {
                var result = await roles.CreateAsync(new IdentityRole(RoleName(role)));
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
                }
            }
        }
    }

    /// <summary>The accounts the viewer may see (<see cref="StaffDirectory"/>).</summary>
    public Task<IReadOnlyList<StaffListItem>> VisibleAsync(CancellationToken cancellationToken = default) => StaffDirectory.VisibleAsync(db, cancellationToken);

    public async Task<AccountResult> CreateAsync(NewAccount request, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message) => (errors.TryGetValue(field, out var list) ? list : errors[field] = []).Add(message);

        var userName = request.UserName.Trim();
        if (userName.Length is < 3 or > 64 || !userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            Add(nameof(request.UserName), "用户名应为 3–64 位字母、数字或 . _ - (user name must be 3–64 letters, digits or . _ -)");
        }
        else if (await users.FindByNameAsync(userName) is not null)
        {
            Add(nameof(request.UserName), $"用户名 {userName} 已被使用 (user name {userName} is taken)");
        }
        if (string.IsNullOrWhiteSpace(request.DisplayName))
        {
            Add(nameof(request.DisplayName), "姓名不能为空 (display name is required)");
        }

        UnitKind? unitKind = null;
        if (request.UnitId is { } unitId)
        {
            var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, cancellationToken);
            if (unit is null)
            {
                Add(nameof(request.UnitId), "所选单位不存在 (the unit does not exist)");
            }
            else
            {
                unitKind = unit.Kind;
            }
        }
        var roleProblems = RoleCatalog.Validate(request.Roles, unitKind);
        if (request.UnitId is not null && unitKind is null)
        {
            roleProblems = roleProblems.Where(p => !p.Contains("needs a unit", StringComparison.Ordinal)).ToList();
        }
        foreach (var problem in roleProblems)
        {
            Add(nameof(request.Roles), problem);
        }
        if (request.Roles.Contains(StaffRole.Resident) && request.UnitId is not null)
        {
            Add(nameof(request.UnitId), "群众账号不属于任何单位 (a resident account has no unit)");
        }

        var user = new StaffUser { UserName = userName, DisplayName = request.DisplayName.Trim(), UnitId = request.UnitId, Email = request.Email };
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, request.Password);
            foreach (var error in result.Errors)
            {
                Add(nameof(request.Password), PasswordMessage(error));
            }
        }
        if (errors.Count > 0)
        {
            return new AccountResult(null, errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(user, request.Password);
        if (created.Succeeded)
        {
            created = await users.AddToRolesAsync(user, request.Roles.Distinct().Select(RoleName));
        }
        if (!created.Succeeded)
        {
            // A concurrent registration of the same name ends here; the transaction leaves nothing behind.
            await transaction.RollbackAsync(cancellationToken);
            return AccountResult.Fail(nameof(request.UserName), [.. created.Errors.Select(e => e.Code == "DuplicateUserName" ? $"用户名 {userName} 已被使用 (user name {userName} is taken)" : e.Description)]);
        }
        await transaction.CommitAsync(cancellationToken);
        return new AccountResult(user.Id, new Dictionary<string, string[]>());
    }

    private static string PasswordMessage(IdentityError error) => error.Code switch
    {
        "PasswordTooShort" => "密码至少 8 位 (password must have at least 8 characters)",
        "PasswordRequiresDigit" => "密码需要包含数字 (password needs a digit)",
        "PasswordRequiresLower" => "密码需要包含小写字母 (password needs a lower-case letter)",
        "PasswordRequiresUpper" => "密码需要包含大写字母 (password needs an upper-case letter)",
        "PasswordRequiresNonAlphanumeric" => "密码需要包含符号 (password needs a symbol)",
        "PasswordRequiresUniqueChars" => "密码需要包含更多不同的字符 (password needs more different characters)",
        _ => error.Description,
    };
}
