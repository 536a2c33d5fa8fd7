using System.ComponentModel;
using Fengqiao.Data.Import;
using Fengqiao.Data.Infrastructure;
using Fengqiao.Data.Seeding;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fengqiao.Cli.Database;

/// <summary>`fengqiao seed demo`: the demo districts, units, accounts, residents and cases, into an empty database.</summary>
internal sealed class SeedDemoCommand(IAnsiConsole console) : AsyncCommand<SeedDemoCommand.Settings>
{
    internal sealed class Settings : DatabaseSettingsBase
    {
        [CommandOption("--password <PASSWORD>")]
        [Description("Password of every demo account (default Fengqiao@2026)")]
        public string Password { get; init; } = DemoAccounts.DefaultPassword;

        [CommandOption("--scale <SCALE>")]
        [Description("Year (default): a simulated year of cases on top of the compact demo; Compact: the compact demo only")]
        public DemoScale Scale { get; init; } = DemoScale.Year;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var services = CliServices.Build(settings);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
        if (!await seeder.IsEmptyAsync(cancellationToken))
        {
            console.MarkupLine("[yellow]数据库非空，未写入演示数据 (the database is not empty; the demo seeds only an empty database)[/]");
            return 1;
        }
        var result = await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask("演示数据 (demo data)", maxValue: 5);
                var reporter = new Progress<ImportProgress>(p =>
                {
                    if (p.Total == 5)
                    {
                        task.Value = p.Done;
                        task.Description = $"演示数据 (demo data): {p.Stage}";
                    }
                });
                return await seeder.SeedAsync(settings.Scale, settings.Password, reporter, cancellationToken);
            });
        console.MarkupLine($"[green]Seeded[/] {result.Divisions} divisions, {result.Units} units, {result.Accounts} accounts, {result.Residents} residents, {result.Cases} cases");
        return 0;
    }
}
