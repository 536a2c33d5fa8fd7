using Fengqiao.Data.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fengqiao.Cli.Database;

/// <summary>`fengqiao db migrate`: bring the schema up to date (run once per deployment, before the web nodes start).</summary>
internal sealed class DbMigrateCommand(IAnsiConsole console) : AsyncCommand<DatabaseSettingsBase>
{
    public override async Task<int> ExecuteAsync(CommandContext context, DatabaseSettingsBase settings, CancellationToken cancellationToken)
    {
        await using var services = CliServices.Build(settings);
        await using var scope = services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<DatabaseSettings>();
        await console.Status().StartAsync($"Migrating {database.Provider} …", _ => scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken));
        console.MarkupLine($"[green]Schema up to date[/] ({database.Provider})");
        return 0;
    }
}
