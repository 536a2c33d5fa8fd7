using Fengqiao.Data.Deadlines;
using Fengqiao.Web.Auth;
using NodaTime;

namespace Fengqiao.Web.Deadlines;

public sealed class DeadlineMonitorOptions
{
    /// <summary>Seconds between sweeps; 0 turns the monitor off on this node.</summary>
    public int SweepSeconds { get; set; } = 60;
}

/// <summary>
/// Runs the deadline sweep on a timer. Every node runs one; the sweep's database lease lets only one of them work
/// at a time, so adding nodes adds no duplicate warnings.
/// </summary>
public sealed partial class DeadlineMonitor(IServiceScopeFactory scopes, IClock clock, Microsoft.Extensions.Options.IOptions<DeadlineMonitorOptions> options, ILogger<DeadlineMonitor> log) : BackgroundService
{
    private readonly string _node = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = options.Value.SweepSeconds;
        if (seconds <= 0)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CurrentPrincipal>().ActAsSystem = true;
                var result = await scope.ServiceProvider.GetRequiredService<DeadlineSweep>().RunOnceAsync(_node, clock.GetCurrentInstant(), stoppingToken);
                if (result.RanHere && (result.MarkedDueSoon > 0 || result.MarkedOverdue > 0))
                {
                    Swept(log, result.Examined, result.MarkedDueSoon, result.MarkedOverdue, result.Notices);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One failed sweep (a database blip) must not stop the monitor; the next tick tries again.
                SweepFailed(log, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deadline sweep: {Examined} examined, {DueSoon} due soon, {Overdue} overdue, {Notices} notices")]
    private static partial void Swept(ILogger logger, int examined, int dueSoon, int overdue, int notices);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deadline sweep failed")]
    private static partial void SweepFailed(ILogger logger, Exception exception);
}
