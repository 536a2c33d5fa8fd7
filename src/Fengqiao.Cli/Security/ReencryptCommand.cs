using System.ComponentModel;
using System.Text.Json;
using Fengqiao.Data.Security;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fengqiao.Cli.Security;

/// <summary>
/// `fengqiao security reencrypt`: after a key rotation, moves every encrypted ID number and phone to the current key,
/// so an old key can be retired. Rerunnable and safe to interrupt.
/// </summary>
internal sealed class ReencryptCommand(IAnsiConsole console) : AsyncCommand<ReencryptCommand.Settings>
{
    internal sealed class Settings : DatabaseSettingsBase
    {
        [CommandOption("--json")]
        [Description("Print the result as JSON")]
        public bool Json { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var services = CliServices.Build(settings);
        await using var scope = services.CreateAsyncScope();
        var reencryption = scope.ServiceProvider.GetRequiredService<PersonalDataReencryption>();
        ReencryptionResult result;
        if (settings.Json)
        {
            result = await reencryption.RunAsync(cancellationToken: cancellationToken);
            console.WriteLine(JsonSerializer.Serialize(result));
            return 0;
        }
        result = await console.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask("重新加密个人信息 (re-encrypting personal data)");
            return await reencryption.RunAsync(new Progress<(int Done, int Total)>(p =>
            {
                task.MaxValue = Math.Max(1, p.Total);
                task.Value = p.Done;
            }), cancellationToken);
        });
        console.MarkupLine($"[green]{result.Checked} records checked, {result.Reencrypted} values moved to the current key[/]");
        return 0;
    }
}
