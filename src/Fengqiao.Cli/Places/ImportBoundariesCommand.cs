using System.ComponentModel;
using System.Diagnostics;
using Fengqiao.Data.Import;
using Fengqiao.Data.Infrastructure;
using Fengqiao.Data.Places;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fengqiao.Cli.Places;

/// <summary>`fengqiao import boundaries &lt;file&gt;`: district, town, village or grid outlines (边界) from GeoJSON or Shapefile.</summary>
internal sealed class ImportBoundariesCommand(IAnsiConsole console) : AsyncCommand<ImportBoundariesCommand.Settings>
{
    internal sealed class Settings : DatabaseSettingsBase
    {
        [CommandArgument(0, "<file>")]
        [Description("A GeoJSON (.geojson/.json) or Shapefile (.shp with its .dbf; .prj if any must be geographic), in WGS-84 or CGCS2000 degrees")]
        public string File { get; init; } = "";

        [CommandOption("--kind <KIND>")]
        [Description("district, town, village or grid; by default taken from each code's length (6, 9, 12 digits). Grids need --kind grid")]
        public string? Kind { get; init; }

        [CommandOption("--code-property <NAME>")]
        [Description("The property holding the division (or grid) code; by default code, adcode or gb")]
        public string? CodeProperty { get; init; }

        [CommandOption("--source <TEXT>")]
        [Description("Where the outlines come from, stored beside them (default: the file's name)")]
        public string? Source { get; init; }

        public override ValidationResult Validate() =>
            Kind is null || Enum.TryParse<BoundaryKind>(Kind, ignoreCase: true, out _)
                ? ValidationResult.Success()
                : ValidationResult.Error($"--kind must be district, town, village or grid, not '{Kind}'");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        BoundaryKind? kind = settings.Kind is null ? null : Enum.Parse<BoundaryKind>(settings.Kind, ignoreCase: true);
        await using var services = CliServices.Build(settings);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var importer = scope.ServiceProvider.GetRequiredService<BoundaryImporter>();
        var watch = Stopwatch.StartNew();
        try
        {
            var result = await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async progress =>
                {
                    var read = progress.AddTask("读取并校验 (read and check)", maxValue: 1);
                    var write = progress.AddTask("写入 (write)", autoStart: false);
                    var reporter = new Progress<ImportProgress>(p =>
                    {
                        if (p.Stage == "read")
                        {
                            read.Value = read.MaxValue;
                        }
                        else
                        {
                            read.Value = read.MaxValue;
                            write.StartTask();
                            write.MaxValue = Math.Max(1, p.Total);
                            write.Value = p.Done;
                        }
                    });
                    return await importer.ImportAsync(settings.File, kind, settings.CodeProperty, settings.Source, reporter, cancellationToken);
                });
            var kinds = string.Join(", ", result.ByKind.OrderBy(k => k.Key).Select(k => $"{k.Value} {k.Key.ToString().ToLowerInvariant()}"));
            console.MarkupLineInterpolated($"[green]Imported[/] {result.Added} new and {result.Replaced} replaced boundaries ({kinds}) in {watch.Elapsed.TotalSeconds:F1} s");
            return 0;
        }
        catch (BoundaryFileException ex)
        {
            console.MarkupLineInterpolated($"[red]边界文件无法导入，未写入任何数据 (the file cannot be imported; nothing was written):[/] {ex.Message}");
            return 1;
        }
        catch (BoundaryImportException ex)
        {
            console.MarkupLineInterpolated($"[red]边界导入失败，未写入任何数据 (import failed; nothing was written): {ex.Problems.Count} problem(s)[/]");
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
