using Fengqiao.Core.Organisations;
using Fengqiao.Data.Import;
using Fengqiao.Data.Infrastructure;
using Fengqiao.Data.Seeding;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data.Tests.Import;

public sealed class DivisionImporterTests : IAsyncLifetime
{
    private TestDatabase _database = default!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private async Task<DivisionImportResult> ImportAsync(string folder)
    {
        await using var db = _database.Context();
        return await new DivisionImporter(db, _database.Settings).ImportAsync(folder, cancellationToken: TestContext.Current.CancellationToken);
    }

    private async Task<int> CountAsync()
    {
        await using var db = _database.Context();
        return await db.Divisions.CountAsync(TestContext.Current.CancellationToken);
    }

    private static string CopyOfShippedFolder()
    {
        var folder = Directory.CreateTempSubdirectory("fq-divisions-").FullName;
        foreach (var file in Directory.GetFiles(DemoDistricts.ShippedDivisionsFolder))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
        return folder;
    }

    [Fact]
    public async Task The_shipped_demo_districts_import_with_every_town_and_village()
    {
        var result = await ImportAsync(DemoDistricts.ShippedDivisionsFolder);

        Assert.Equal(9, result.Counties);
        Assert.Equal(126, result.Towns);
        Assert.Equal(1904, result.Villages);
        await using var db = _database.Context();
        var kenliVillages = await db.Divisions.CountAsync(d => d.Level == DivisionLevel.Village && d.Code.StartsWith("370505"), TestContext.Current.CancellationToken);
        Assert.Equal(368, kenliVillages);
    }

    [Fact]
    public async Task Importing_twice_updates_in_place_without_duplicates()
    {
        var first = await ImportAsync(DemoDistricts.ShippedDivisionsFolder);
        var folder = CopyOfShippedFolder();
        var areas = Path.Combine(folder, "areas.csv");
        await File.WriteAllTextAsync(areas, (await File.ReadAllTextAsync(areas, TestContext.Current.CancellationToken)).Replace("垦利区", "垦利区（更名）", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        await ImportAsync(folder);

        Assert.Equal(first.Total, await CountAsync());
        await using var db = _database.Context();
        Assert.Equal("垦利区（更名）", (await db.Divisions.SingleAsync(d => d.Code == "370505", TestContext.Current.CancellationToken)).Name);
    }

    [Fact]
    public async Task A_bad_row_anywhere_aborts_the_whole_import_and_names_file_and_line()
    {
        var folder = CopyOfShippedFolder();
        var streets = Path.Combine(folder, "streets.csv");
        var lines = (await File.ReadAllLinesAsync(streets, TestContext.Current.CancellationToken)).ToList();
        lines[2] = "37050X001,\"坏街道\",370505,37,3705";
        lines.Add("370506001,\"错上级\",370505,37,3705");
        await File.WriteAllLinesAsync(streets, lines, TestContext.Current.CancellationToken);

        var ex = await Assert.ThrowsAsync<DivisionImportException>(() => ImportAsync(folder));

        Assert.Contains(ex.Problems, p => p.StartsWith("streets.csv:3:", StringComparison.Ordinal) && p.Contains("37050X001", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith($"streets.csv:{lines.Count}:", StringComparison.Ordinal));
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task A_partial_import_may_hang_under_divisions_already_stored_but_not_under_missing_ones()
    {
        await ImportAsync(DemoDistricts.ShippedDivisionsFolder);
        var folder = Directory.CreateTempSubdirectory("fq-partial-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "provinces.csv"), "code,name\n37,\"山东省\"\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "villages.csv"),
            "code,name,streetCode,provinceCode,cityCode,areaCode\n370505001999,\"新建社区\",370505001,37,3705,370505\n", TestContext.Current.CancellationToken);
        var before = await CountAsync();

        await ImportAsync(folder);
        Assert.Equal(before + 1, await CountAsync());

        await File.WriteAllTextAsync(Path.Combine(folder, "villages.csv"),
            "code,name,streetCode,provinceCode,cityCode,areaCode\n370599001001,\"无处可挂\",370599001,37,3705,370599\n", TestContext.Current.CancellationToken);
        var ex = await Assert.ThrowsAsync<DivisionImportException>(() => ImportAsync(folder));
        Assert.Contains("370599001", ex.Problems.Single(), StringComparison.Ordinal);
        Assert.Equal(before + 1, await CountAsync());
    }

    [Fact]
    public async Task A_missing_folder_is_refused_clearly()
    {
        var ex = await Assert.ThrowsAsync<DivisionImportException>(() => ImportAsync("/nonexistent/divisions"));
        Assert.Contains("folder not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_full_national_set_imports_when_the_shared_data_is_present()
    {
        var shared = SharedData.Find();
        Assert.SkipWhen(shared is null, "shared data folder not found; the national division set is not part of the repository");

        var result = await ImportAsync(Path.Combine(shared!, "reference"));

        Assert.Equal(620_573, result.Villages);
        Assert.Equal(41_352, result.Towns);
        Assert.Equal(result.Total, await CountAsync());
    }
}
