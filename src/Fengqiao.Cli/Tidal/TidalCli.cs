using Spectre.Console.Cli;

namespace Fengqiao.Cli.Tidal;

/// <summary>The `fengqiao tidal …` verbs (tidal duty planner).</summary>
internal static class TidalCli
{
    public static void Register(IConfigurator config)
    {
        _ = config;
    }
}
