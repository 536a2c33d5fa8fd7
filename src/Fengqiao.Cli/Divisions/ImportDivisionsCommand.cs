using System.ComponentModel;
using System.Diagnostics;
using Fengqiao.Data.Import;
using Fengqiao.Data.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fengqiao.Cli.Divisions;

/// <summary>`fengqiao import divisions &lt;folder&gt;`: the GB/T 2260 tree from provinces/cities/areas/streets/villages CSV files.</summary>
internal sealed class ImportDivisionsCommand(IAnsiConsole console) : AsyncCommand<ImportDivisionsCommand.Settings>
{
    internal sealed class Settings : DatabaseSettingsBase
    {
        [CommandArgument(0, "<folder>")]
        [Description("Folder with provinces.csv, cities.csv, areas.csv, streets.csv and villages.csv (or .csv.gz)")]
        public string Folder { get; init; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var services = CliServices.Build(settings);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var importer = scope.ServiceProvider.GetRequiredService<DivisionImporter>();
        var watch = Stopwatch.StartNew();
        try
        {
            var result = await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async progress =>
                {
                    var read = progress.AddTask("读取并校验 (read and check)", maxValue: 5);
                    var write = progress.AddTask("写入 (write)", autoStart: false);
                    var reporter = new Progress<ImportProgress>(p =>
                    {
                        if (p.Stage.StartsWith("read", StringComparison.Ordinal))
                        {
                            read.Increment(1);
                        }
                        else
                        {
                            read.Value = read.MaxValue;
                            write.StartTask();
                            write.MaxValue = Math.Max(1, p.Total);
                            write.Value = p.Done;
                        }
                    });
                    return await importer.ImportAsync(settings.Folder, reporter, cancellationToken);
                });
            console.MarkupLine($"[green]Imported[/] {result.Provinces} provinces, {result.Cities} cities, {result.Counties} districts/counties, {result.Towns} streets/towns, {result.Villages} villages in {watch.Elapsed.TotalSeconds:F1} s");
            return 0;
        }
        catch (DivisionImportException ex)
        {
            console.MarkupLine($"[red]区划导入失败，未写入任何数据 (import failed; nothing was written): {ex.Problems.Count} problem(s)[/]");
            foreach (var problem in ex.Problems.Take(50))
            {
                console.WriteLine("  " + problem);
            }
            if (ex.Problems.Count > 50)
            {
                console.WriteLine($"  … and {ex.Problems.Count - 50} more");
            }
            return 1;
        }
    }
}
