using Fengqiao.Cli;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("fengqiao");
    config.PropagateExceptions();
    CliRegistration.Register(config);
});

try
{
    return await app.RunAsync(args);
}
catch (CommandAppException ex)
{
    Spectre.Console.AnsiConsole.MarkupLine($"[red]{Spectre.Console.Markup.Escape(ex.Message)}[/]");
    return 2;
}
