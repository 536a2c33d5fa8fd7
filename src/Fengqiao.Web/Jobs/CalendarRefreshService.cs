using Fengqiao.Data.Calendar;
using Fengqiao.Web.Auth;

namespace Fengqiao.Web.Jobs;

/// <summary>
/// Every node re-reads the edited work calendar now and then (Calendar:RefreshSeconds), so a year saved on one node
/// governs deadlines on all of them. Not leased: each node needs its own copy.
/// </summary>
public sealed partial class CalendarRefreshService(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<CalendarRefreshService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = configuration.GetValue("Calendar:RefreshSeconds", 300);
        if (seconds <= 0)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CurrentPrincipal>().ActAsSystem = true;
                await scope.ServiceProvider.GetRequiredService<WorkCalendarStore>().RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Failed(log, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the work calendar failed; the previous calendar stays in use")]
    private static partial void Failed(ILogger logger, Exception exception);
}
