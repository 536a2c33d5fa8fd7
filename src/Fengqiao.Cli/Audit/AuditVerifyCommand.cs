using System.ComponentModel;
using System.Text.Json;
using Fengqiao.Data;
using Fengqiao.Data.Audit;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fengqiao.Cli.Audit;

/// <summary>`fengqiao audit verify`: every hash chain of cases, whistles, letters and mediations, and the first broken link of each that fails. Exit 1 when any does.</summary>
internal sealed class AuditVerifyCommand(IAnsiConsole console) : AsyncCommand<AuditVerifyCommand.Settings>
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
        var db = scope.ServiceProvider.GetRequiredService<FengqiaoDbContext>();
        var result = settings.Json
            ? await ChainAudit.VerifyAsync(db, cancellationToken: cancellationToken)
            : await console.Status().StartAsync("校验留痕链 (verifying hash chains) …", _ => ChainAudit.VerifyAsync(db, cancellationToken: cancellationToken));
        if (settings.Json)
        {
            console.WriteLine(JsonSerializer.Serialize(result));
        }
        else if (result.Broken.Count == 0)
        {
            console.MarkupLine($"[green]All {result.CasesChecked} case chains intact[/], and {Tally(result, ChainedLog.Whistle)} whistle, {Tally(result, ChainedLog.Letter)} letter and {Tally(result, ChainedLog.Mediation)} mediation chains ({result.EventsChecked} events)");
        }
        else
        {
            console.MarkupLine($"[red]{result.Broken.Count} of {result.Logs.Sum(l => l.Records)} chains are broken[/]");
            foreach (var b in result.Broken.Take(100))
            {
                console.WriteLine($"  {Name(b.Log)} {b.Reference}: first broken link at event {b.FirstBrokenSequence}");
            }
        }
        return result.Broken.Count == 0 ? 0 : 1;
    }

    private static int Tally(ChainAuditResult result, ChainedLog log) => result.Logs.Where(l => l.Log == log).Sum(l => l.Records);

    private static string Name(ChainedLog log) => log switch
    {
        ChainedLog.Case => "案件 case",
        ChainedLog.Whistle => "吹哨 whistle",
        ChainedLog.Mediation => "调解 mediation",
        _ => "函件 letter",
    };
}
