using Spectre.Console.Cli;

namespace Fengqiao.Cli.Text;

internal sealed class DupesCommand : Command<CommandSettings>
{
    public override int Execute(CommandContext context, CommandSettings settings, CancellationToken cancellationToken) => 0;
}

internal sealed class HotCommand : Command<CommandSettings>
{
    public override int Execute(CommandContext context, CommandSettings settings, CancellationToken cancellationToken) => 0;
}

internal sealed class RepliesCommand : Command<CommandSettings>
{
    public override int Execute(CommandContext context, CommandSettings settings, CancellationToken cancellationToken) => 0;
}
