using Spectre.Console.Cli;

namespace Fengqiao.Cli;

/// <summary>Every verb of the `fengqiao` command, one line per feature so features plug in without touching each other.</summary>
internal static class CliRegistration
{
    public static void Register(IConfigurator config)
    {
        Tidal.TidalCli.Register(config);
        Text.TextCli.Register(config);
    }
}
