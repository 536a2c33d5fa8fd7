using Fengqiao.Data.Cases;
using Fengqiao.Data.Categories;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fengqiao.Data.Tests.Categories;

public sealed class CategoryImporterTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    [Fact]
    public async Task The_shipped_taxonomy_has_fifteen_first_level_classes_and_every_leaf_under_its_parents()
    {
        await using var db = fixture.Database.Context();
        var all = await db.Categories.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        var codes = all.ToDictionary(c => c.Code);

        Assert.Equal(15, all.Count(c => c.Level == 1));
        Assert.Equal(517, all.Count(c => c.Level == 3));
        Assert.All(all.Where(c => c.Level > 1), c => Assert.True(codes.ContainsKey(c.ParentCode!) && c.Code.StartsWith(c.ParentCode!, StringComparison.Ordinal)));
        Assert.Equal("城乡建设", codes["01"].Name);
    }

    [Fact]
    public async Task Reimporting_keeps_codes_stable()
    {
        await using var db = fixture.Database.Context();
        var before = await db.Categories.CountAsync(TestContext.Current.CancellationToken);
        await CategoryImporter.ImportAsync(db, CategoryImporter.ShippedFile, TestContext.Current.CancellationToken);
        Assert.Equal(before, await db.Categories.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void A_row_without_three_names_is_refused_with_its_line()
    {
        var ex = Assert.Throws<FormatException>(() => CategoryImporter.Parse(new StringReader("一级分类,二级分类,三级分类\n城乡建设,安全生产,事故处理\n城乡建设,,缺二级\n")));
        Assert.Contains("categories.csv:3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Intake_refuses_an_unknown_category()
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        await using var db = fixture.Database.Context();
        var bureau = await db.Units.SingleAsync(u => u.Name == "垦利区信访局", TestContext.Current.CancellationToken);
        var request = new NewCase(Core.Cases.CaseKind.Petition, Core.Cases.CaseChannel.Visit, "分类测试", null, "370505001001", null, "99", false,
            [new NewParty("测试人", null, "13900007777", false)], null, bureau.Id, null, null, null);
        var ex = await Assert.ThrowsAsync<CaseValidationException>(() => scope.ServiceProvider.GetRequiredService<CaseWorkflow>().RegisterAsync(request, "clerk", TestContext.Current.CancellationToken));
        Assert.Contains("CategoryCode", ex.Errors.Keys);
    }
}
