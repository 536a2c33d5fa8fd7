using Fengqiao.Core.Organisations;
using Fengqiao.Data.Accounts;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fengqiao.Data.Tests.Accounts;

public sealed class StaffAccountsTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    private async Task<(AccountResult Result, int UsersBefore, int UsersAfter)> CreateAsync(NewAccount request)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FengqiaoDbContext>();
        var before = await db.Users.CountAsync(TestContext.Current.CancellationToken);
        var result = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync(request, TestContext.Current.CancellationToken);
        await using var check = fixture.Database.Context();
        return (result, before, await check.Users.CountAsync(TestContext.Current.CancellationToken));
    }

    private async Task<Guid> UnitAsync(string name)
    {
        await using var db = fixture.Database.Context();
        return (await db.Units.SingleAsync(u => u.Name == name, TestContext.Current.CancellationToken)).Id;
    }

    [Fact]
    public async Task A_valid_handler_account_is_created_with_its_role()
    {
        var unit = await UnitAsync("垦利区人力资源和社会保障局");
        var (result, before, after) = await CreateAsync(new NewAccount("hr.handler", "人社局 承办人", "Handler2026", unit, [StaffRole.Handler]));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.SelectMany(e => e.Value)));
        Assert.Equal(before + 1, after);
    }

    [Fact]
    public async Task A_duplicate_user_name_is_refused_and_nothing_changes()
    {
        var unit = await UnitAsync("垦利区信访局");
        var (result, before, after) = await CreateAsync(new NewAccount("clerk", "重名", "Another2026", unit, [StaffRole.Clerk]));

        Assert.False(result.Succeeded);
        Assert.Contains("taken", Assert.Single(result.Errors["UserName"]), StringComparison.Ordinal);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_staff_role_without_a_unit_is_refused_and_nothing_changes()
    {
        var (result, before, after) = await CreateAsync(new NewAccount("nounit", "无单位", "NoUnit2026", null, [StaffRole.Handler]));

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors["Roles"], m => m.Contains("needs a unit", StringComparison.Ordinal));
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_role_in_the_wrong_kind_of_unit_is_refused()
    {
        var unit = await UnitAsync("垦利区住房和城乡建设局");
        var (result, before, after) = await CreateAsync(new NewAccount("fake.procurator", "错单位", "Wrong2026x", unit, [StaffRole.Procurator]));

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors["Roles"], m => m.Contains("cannot sit in", StringComparison.Ordinal));
        Assert.Equal(before, after);
    }

    [Theory]
    [InlineData("a", "short user name")]
    [InlineData("有 空格", "non-ascii user name")]
    public async Task Malformed_user_names_are_refused(string userName, string because)
    {
        var unit = await UnitAsync("垦利区信访局");
        var (result, before, after) = await CreateAsync(new NewAccount(userName, "x", "Valid2026x", unit, [StaffRole.Clerk]));
        Assert.False(result.Succeeded, because);
        Assert.True(result.Errors.ContainsKey("UserName"));
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Weak_passwords_unknown_units_and_resident_with_unit_each_get_a_field_message()
    {
        var unit = await UnitAsync("垦利区信访局");
        var (weak, _, _) = await CreateAsync(new NewAccount("weakpass", "x", "short", unit, [StaffRole.Clerk]));
        Assert.True(weak.Errors.ContainsKey("Password"));

        var (unknown, _, _) = await CreateAsync(new NewAccount("ghostunit", "x", "Valid2026x", Guid.NewGuid(), [StaffRole.Clerk]));
        Assert.True(unknown.Errors.ContainsKey("UnitId"));

        var (resident, before, after) = await CreateAsync(new NewAccount("resident2", "x", "Valid2026x", unit, [StaffRole.Resident]));
        Assert.True(resident.Errors.ContainsKey("UnitId"));
        Assert.Equal(before, after);
    }
}
