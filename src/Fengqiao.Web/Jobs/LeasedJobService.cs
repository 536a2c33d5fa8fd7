using Fengqiao.Data;
using Fengqiao.Data.Infrastructure;
using Fengqiao.Web.Auth;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;

namespace Fengqiao.Web.Jobs;

/// <summary>This node's name as a lease holder: new at every start, so a restarted node never mistakes an old lease for its own.</summary>
public sealed class LeaseHolder
{
    public string Name { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
}

/// <summary>
/// Runs one <see cref="ILeasedJob"/> on a timer on this node. Every node runs one of these per job; the job's
/// database lease lets only one of them work at a time, so adding nodes adds capacity, not duplicates. Every
/// <see cref="Leases.RenewEvery"/> (or the job's interval, when shorter) the holder renews the lease, also in the
/// middle of a long pass, and the others try to take it; a node that takes it runs a pass at once. Stopping gives
/// the lease up, so a restart does not leave the job standing for a whole term.
/// </summary>
public sealed partial class LeasedJobService<TJob>(IServiceScopeFactory scopes, IClock clock, LeaseHolder holder, TimeSpan interval, ILogger<LeasedJobService<TJob>> log) : BackgroundService
    where TJob : ILeasedJob
{
    private readonly TimeSpan _beat = interval < Leases.RenewEvery.ToTimeSpan() ? interval : Leases.RenewEvery.ToTimeSpan();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (interval <= TimeSpan.Zero)
        {
            return;
        }
        using var timer = new PeriodicTimer(_beat);
        var held = false;
        var sincePass = TimeSpan.Zero;
        do
        {
            try
            {
                var taken = !held;
                held = await TryHoldAsync(stoppingToken);
                sincePass += _beat;
                if (held && (taken || sincePass >= interval))
                {
                    sincePass = TimeSpan.Zero;
                    await RunPassAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // One failed pass (a database blip) must not stop the job; the next beat tries again.
                Failed(log, typeof(TJob).Name, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // A pass still running when the host gave up waiting keeps the lease until it expires, so no node overlaps it.
        if (interval <= TimeSpan.Zero || ExecuteTask is { IsCompleted: false })
        {
            return;
        }
        // One short UPDATE, given a few seconds of its own even when the host's grace is spent: without it the job
        // stands still on every node for the rest of the term.
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await using var scope = SystemScope();
            if (await Leases.ReleaseAsync(scope.ServiceProvider.GetRequiredService<FengqiaoDbContext>(), TJob.LeaseName, holder.Name, grace.Token))
            {
                Released(log, TJob.LeaseName);
            }
        }
        catch (Exception ex)
        {
            // The database may be going away too; the lease then expires after its term.
            Failed(log, typeof(TJob).Name, ex);
        }
    }

    private async Task RunPassAsync(CancellationToken stoppingToken)
    {
        using var pass = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var keeping = KeepHoldingAsync(pass);
        try
        {
            await using var scope = SystemScope();
            if (await scope.ServiceProvider.GetRequiredService<TJob>().RunAndDescribeAsync(holder.Name, clock.GetCurrentInstant(), pass.Token) is { } summary)
            {
                Ran(log, summary);
            }
        }
        finally
        {
            await pass.CancelAsync();
            await keeping;
        }
    }

    /// <summary>Renews the lease while a pass runs, however long it takes; stops the pass if another node has taken it.</summary>
    private async Task KeepHoldingAsync(CancellationTokenSource pass)
    {
        using var timer = new PeriodicTimer(_beat);
        try
        {
            while (await timer.WaitForNextTickAsync(pass.Token))
            {
                try
                {
                    if (!await TryHoldAsync(pass.Token))
                    {
                        Lost(log, TJob.LeaseName);
                        await pass.CancelAsync();
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Renewal failed (a database blip): the lease still runs for the rest of its term; try again next beat.
                    Failed(log, typeof(TJob).Name, ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The pass ended.
        }
    }

    private async Task<bool> TryHoldAsync(CancellationToken cancellationToken)
    {
        await using var scope = SystemScope();
        return await Leases.TryAcquireAsync(scope.ServiceProvider.GetRequiredService<FengqiaoDbContext>(), TJob.LeaseName, holder.Name, clock.GetCurrentInstant(), cancellationToken);
    }

    private AsyncServiceScope SystemScope()
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentPrincipal>().ActAsSystem = true;
        return scope;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Summary}")]
    private static partial void Ran(ILogger logger, string summary);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Job} failed")]
    private static partial void Failed(ILogger logger, string job, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the {Lease} lease to another node in the middle of a pass; the pass stops")]
    private static partial void Lost(ILogger logger, string lease);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gave up the {Lease} lease on stopping")]
    private static partial void Released(ILogger logger, string lease);
}

public static class LeasedJobRegistration
{
    /// <summary>Registers a job with its interval from configuration (seconds; 0 turns it off on this node).</summary>
    public static IServiceCollection AddLeasedJob<TJob>(this IServiceCollection services, IConfiguration configuration, string secondsKey, int defaultSeconds)
        where TJob : ILeasedJob
    {
        var seconds = configuration.GetValue(secondsKey, defaultSeconds);
        services.TryAddSingleton<LeaseHolder>();
        return services.AddHostedService(sp => new LeasedJobService<TJob>(
            sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<IClock>(), sp.GetRequiredService<LeaseHolder>(),
            TimeSpan.FromSeconds(seconds), sp.GetRequiredService<ILogger<LeasedJobService<TJob>>>()));
    }
}
