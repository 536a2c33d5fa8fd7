using System.Diagnostics;
using System.Globalization;
using Fengqiao.Data;
using Fengqiao.Data.Ledger;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fengqiao.Cli.Ledger;

/// <summary>The `fengqiao kpi …` verbs (台账指标).</summary>
internal static class KpiCli
{
    public static void Register(IConfigurator config) =>
        config.AddBranch("kpi", kpi =>
        {
            kpi.SetDescription("Ledger KPIs (台账指标)");
            kpi.AddCommand<KpiRebuildCommand>("rebuild").WithDescription("Recount the monthly KPI roll-up from the cases (after a bulk load around the application, or to check it)");
        });
}

/// <summary>`fengqiao kpi rebuild`: recounts every month of the roll-up, a month per transaction, with a progress bar.</summary>
internal sealed class KpiRebuildCommand(IAnsiConsole console) : AsyncCommand<DatabaseSettingsBase>
{
    public override async Task<int> ExecuteAsync(CommandContext context, DatabaseSettingsBase settings, CancellationToken cancellationToken)
    {
        await using var services = CliServices.Build(settings);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FengqiaoDbContext>();
        var watch = Stopwatch.StartNew();
        KpiRollupRebuild? result = null;
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("指标月汇总 (KPI roll-up)", maxValue: 1);
                var progress = new Progress<(int Done, int Total, YearMonth Month)>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                    task.Description = $"指标月汇总 (KPI roll-up) {p.Month.Year}-{p.Month.Month:00}";
                });
                result = await KpiRollupMaintenance.RebuildAsync(db, progress, cancellationToken);
                task.MaxValue = Math.Max(1, result.Months);
                task.Value = task.MaxValue;
            });
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[green]KPI roll-up rebuilt[/]: {result!.Months} months, {result.Rows} rows, {result.Cases} cases counted ({watch.Elapsed.TotalSeconds:F1} s)"));
        return 0;
    }
}
