using Fengqiao.Data.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fengqiao.Cli;

/// <summary>The `fengqiao` command, built once for Program and for tests.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, IAnsiConsole? console = null)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("fengqiao");
            config.ConfigureConsole(console ?? AnsiConsole.Console);
            config.PropagateExceptions();
            CliRegistration.Register(config);
        });
        var output = console ?? AnsiConsole.Console;
        try
        {
            return await app.RunAsync(args);
        }
        catch (CommandAppException ex)
        {
            output.MarkupLine($"[red]{Markup.Escape(ex.Message)}[/]");
            return 2;
        }
        catch (DatabaseConfigurationException ex)
        {
            output.MarkupLine($"[red]{Markup.Escape(ex.Message)}[/]");
            return 2;
        }
    }
}
