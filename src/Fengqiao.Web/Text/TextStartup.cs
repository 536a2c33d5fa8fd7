using Fengqiao.Data;
using Fengqiao.Data.Text;
using Fengqiao.Web.Auth;

namespace Fengqiao.Web.Text;

/// <summary>
/// Brings this node's text intelligence up without delaying start: rebuilds the near-duplicate index from the
/// database, loads (or first trains) the routing model, then catches the index up every
/// <c>Text:IndexCatchUpSeconds</c> with cases other nodes registered.
/// </summary>
public sealed partial class TextStartup(IServiceScopeFactory scopes, CaseMatterIndex index, RoutingService routing, IConfiguration configuration, ILogger<TextStartup> log) : BackgroundService
{
    /// <summary>Set once the first rebuild of the index has finished.</summary>
    public bool IndexReady { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var model = routing.LoadOrTrainAsync(stoppingToken);
        await CatchUpAsync(stoppingToken);
        IndexReady = true;
        IndexRebuilt(log, index.Count, index.MemoryBytes / 1024);
        await model;
        var seconds = configuration.GetValue("Text:IndexCatchUpSeconds", 30);
        if (seconds <= 0)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await CatchUpAsync(stoppingToken);
        }
    }

    private async Task CatchUpAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentPrincipal>().ActAsSystem = true;
            var added = await index.CatchUpAsync(scope.ServiceProvider.GetRequiredService<FengqiaoDbContext>(), stoppingToken);
            if (added > 0 && IndexReady)
            {
                CaughtUp(log, added);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A database blip: the next tick reads the same cases again.
            CatchUpFailed(log, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Case index rebuilt: {Cases} cases, {KiB} KiB")]
    private static partial void IndexRebuilt(ILogger logger, int cases, long kib);

    [LoggerMessage(Level = LogLevel.Information, Message = "Case index caught up: {Added} cases registered elsewhere")]
    private static partial void CaughtUp(ILogger logger, int added);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case index catch-up failed")]
    private static partial void CatchUpFailed(ILogger logger, Exception exception);
}
