using Fengqiao.Data.Infrastructure;
using Fengqiao.Web.Auth;
using NodaTime;

namespace Fengqiao.Web.Jobs;

/// <summary>
/// Runs one <see cref="ILeasedJob"/> on a timer on this node. Every node runs one of these per job; the job's
/// database lease lets only one of them work at a time, so adding nodes adds capacity, not duplicates.
/// </summary>
public sealed partial class LeasedJobService<TJob>(IServiceScopeFactory scopes, IClock clock, TimeSpan interval, ILogger<LeasedJobService<TJob>> log) : BackgroundService
    where TJob : ILeasedJob
{
    private readonly string _node = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (interval <= TimeSpan.Zero)
        {
            return;
        }
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CurrentPrincipal>().ActAsSystem = true;
                if (await scope.ServiceProvider.GetRequiredService<TJob>().RunAndDescribeAsync(_node, clock.GetCurrentInstant(), stoppingToken) is { } summary)
                {
                    Ran(log, summary);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One failed pass (a database blip) must not stop the job; the next tick tries again.
                Failed(log, typeof(TJob).Name, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Summary}")]
    private static partial void Ran(ILogger logger, string summary);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Job} failed")]
    private static partial void Failed(ILogger logger, string job, Exception exception);
}

public static class LeasedJobRegistration
{
    /// <summary>Registers a job with its interval from configuration (seconds; 0 turns it off on this node).</summary>
    public static IServiceCollection AddLeasedJob<TJob>(this IServiceCollection services, IConfiguration configuration, string secondsKey, int defaultSeconds)
        where TJob : ILeasedJob
    {
        var seconds = configuration.GetValue(secondsKey, defaultSeconds);
        return services.AddHostedService(sp => new LeasedJobService<TJob>(
            sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<IClock>(), TimeSpan.FromSeconds(seconds),
            sp.GetRequiredService<ILogger<LeasedJobService<TJob>>>()));
    }
}
