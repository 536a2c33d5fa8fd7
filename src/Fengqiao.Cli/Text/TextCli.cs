using Spectre.Console.Cli;

namespace Fengqiao.Cli.Text;

/// <summary>The `fengqiao route …` and `fengqiao text …` verbs (text intelligence).</summary>
internal static class TextCli
{
    public static void Register(IConfigurator config)
    {
        _ = config;
    }
}
