using System.Diagnostics;

namespace Fengqiao.Web.Tidal;

/// <summary>
/// One roster run on a worker thread, so the solver never blocks a Blazor circuit or a request thread. It reports
/// its phase and elapsed time against the time limit (the progress bar) and can be cancelled.
/// </summary>
public sealed class TidalPlanRun : IProgress<string>
{
    private readonly Func<TidalPlanRun, PlanOutcome> _work;
    private readonly CancellationTokenSource _cancel = new();
    private readonly Stopwatch _clock = new();
    private Task<PlanOutcome>? _task;

    internal TidalPlanRun(PlanSettings settings, Func<TidalPlanRun, PlanOutcome> work)
    {
        Settings = settings;
        _work = work;
    }

    public PlanSettings Settings { get; }

    /// <summary>The solver's current phase as it reports it ("local search …", "phase 1 …", "phase 2 …").</summary>
    public string Phase { get; private set; } = "starting";

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>0–1: elapsed time over the time limit; the solver stops at the limit, so this is an honest bar.</summary>
    public double Fraction => Math.Clamp(_clock.Elapsed.TotalSeconds / Math.Max(1, Settings.TimeLimitSeconds + 2), 0, 1);

    public bool IsCompleted => _task?.IsCompleted ?? false;

    public bool IsCancelled => _task?.IsCanceled ?? false;

    public Exception? Error => _task?.Exception?.GetBaseException();

    public PlanOutcome? Outcome => _task is { IsCompletedSuccessfully: true } t ? t.Result : null;

    public Task<PlanOutcome> Task => _task ?? throw new InvalidOperationException("the run has not started");

    internal CancellationToken Token => _cancel.Token;

    internal event Action<PlanOutcome>? Completed;

    public void Cancel() => _cancel.Cancel();

    // Pages poll Phase and Elapsed while they wait, so a report only records the phase.
    void IProgress<string>.Report(string value) => Phase = value;

    internal void Start()
    {
        _clock.Start();
        _task = System.Threading.Tasks.Task.Run(
            () =>
            {
                try
                {
                    var outcome = _work(this);
                    Completed?.Invoke(outcome);
                    return outcome;
                }
                finally
                {
                    _clock.Stop();
                }
            },
            _cancel.Token);
    }
}
