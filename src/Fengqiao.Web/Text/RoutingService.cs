using System.IO.Compression;
using Fengqiao.Text.Routing;
using NodaTime;

namespace Fengqiao.Web.Text;

public enum RoutingState
{
    Loading,
    Ready,
    Training,
    Failed,
}

/// <summary>What the routing panel shows: the model in use and any training in progress.</summary>
public sealed record RoutingStatus(RoutingState State, double Progress, IReadOnlyList<string> Classes, int Examples, int OwnExamples, Instant? TrainedAt, string? Error);

/// <summary>
/// The routing model of this node (智能分类). At start it loads <c>Text:ModelPath</c>, or — the first time — trains on
/// the shipped training files and writes that file. An administrator's retraining adds the deployment's own closed
/// cases and overrides and swaps the new model in whole: a suggestion in flight keeps the model it started with.
/// </summary>
public sealed class RoutingService : Fengqiao.Data.Text.IRoutingModel
{
    private readonly string _modelPath;
    private readonly string _trainingFolder;
    private readonly DepartmentTable _departments;
    private readonly IClock _clock;
    private readonly ILogger<RoutingService> _log;
    private readonly Lock _gate = new();
    private volatile MessageRouter? _router;
    private RoutingStatus _status = new(RoutingState.Loading, 0, [], 0, 0, null, null);

    public RoutingService(IConfiguration configuration, IWebHostEnvironment environment, IClock clock, ILogger<RoutingService> log)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        _modelPath = configuration["Text:ModelPath"] is { Length: > 0 } path ? path : Path.Combine("data", "routing.model");
        _trainingFolder = configuration["Text:TrainingData"] is { Length: > 0 } folder ? folder : Path.Combine(AppContext.BaseDirectory, "Text", "Training");
        _departments = configuration["Text:DepartmentTable"] is { Length: > 0 } table ? LoadDepartments(table) : DepartmentTable.Default;
        _clock = clock;
        _log = log;
    }

    /// <summary>Raised when the status changes (progress, a new model); pages re-render on it.</summary>
    public event Action? Changed;

    public RoutingStatus Status
    {
        get { lock (_gate) { return _status; } }
    }

    public DepartmentTable Departments => _departments;

    /// <summary>The top <paramref name="k"/> categories with department and confidence; empty while no model is loaded.</summary>
    public IReadOnlyList<RouteSuggestion> Suggest(string? title, string? detail, int k = 3) =>
        _router is { } router && (!string.IsNullOrWhiteSpace(title) || !string.IsNullOrWhiteSpace(detail))
            ? router.Suggest(title ?? "", detail ?? "", k)
            : [];

    /// <summary>Loads the model file, or trains the first model from the shipped data and saves it.</summary>
    public async Task LoadOrTrainAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (File.Exists(_modelPath))
            {
                var model = await Task.Run(() => RoutingModel.LoadFile(_modelPath), cancellationToken);
                Swap(model, 0, 0, File.GetLastWriteTimeUtc(_modelPath));
                return;
            }
            await TrainAsync([], cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Fail(ex);
        }
    }

    /// <summary>
    /// Starts retraining on the shipped data plus <paramref name="own"/> (closed cases and overrides) in the background.
    /// False when a training is already running.
    /// </summary>
    public bool TryStartRetraining(IReadOnlyList<LabeledMessage> own)
    {
        lock (_gate)
        {
            if (_status.State is RoutingState.Training or RoutingState.Loading)
            {
                return false;
            }
            _status = _status with { State = RoutingState.Training, Progress = 0, Error = null };
        }
        Changed?.Invoke();
        _ = Task.Run(async () =>
        {
            try
            {
                await TrainAsync(own, CancellationToken.None);
            }
            catch (Exception ex)
            {
                Fail(ex);
            }
        });
        return true;
    }

    private async Task TrainAsync(IReadOnlyList<LabeledMessage> own, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _status = _status with { State = _router is null ? RoutingState.Loading : RoutingState.Training, Progress = 0 };
        }
        var examples = ReadShipped().Concat(own).ToList();
        var progress = new CallbackProgress(p =>
        {
            lock (_gate)
            {
                _status = _status with { Progress = p };
            }
            Changed?.Invoke();
        });
        // Training uses one core, leaving the other to the requests being served meanwhile.
        var model = await Task.Run(() => RoutingModel.Train(examples, new RoutingOptions { MaxDegreeOfParallelism = 1 }, progress), cancellationToken);
        var folder = Path.GetDirectoryName(Path.GetFullPath(_modelPath))!;
        Directory.CreateDirectory(folder);
        // Written aside and moved over: a node starting meanwhile never reads half a file.
        var temporary = Path.Combine(folder, $".routing-{Guid.NewGuid():N}.tmp");
        model.SaveFile(temporary);
        File.Move(temporary, _modelPath, overwrite: true);
        Swap(model, examples.Count, own.Count, null);
    }

    private IEnumerable<LabeledMessage> ReadShipped()
    {
        foreach (var name in new[] { "train_messages.csv.gz", "train_titles.csv.gz" })
        {
            var path = Path.Combine(_trainingFolder, name);
            using var file = File.OpenRead(path);
            using var reader = new StreamReader(new GZipStream(file, CompressionMode.Decompress));
            foreach (var message in MessageDataset.Load(reader).Messages)
            {
                yield return message;
            }
        }
    }

    private void Swap(RoutingModel model, int examples, int own, DateTime? fileTime)
    {
        _router = new MessageRouter(model, _departments);
        var at = fileTime is { } t ? Instant.FromDateTimeUtc(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : _clock.GetCurrentInstant();
        lock (_gate)
        {
            _status = new RoutingStatus(RoutingState.Ready, 1, model.Classes, examples, own, at, null);
        }
        RoutingLog.Ready(_log, model.Classes.Count, model.FeatureCount, examples);
        Changed?.Invoke();
    }

    private void Fail(Exception ex)
    {
        RoutingLog.Failed(_log, ex);
        lock (_gate)
        {
            // A failed retraining keeps the model in use.
            _status = _status with { State = _router is null ? RoutingState.Failed : RoutingState.Ready, Error = ex.Message };
        }
        Changed?.Invoke();
    }

    private static DepartmentTable LoadDepartments(string path)
    {
        using var reader = new StreamReader(path);
        return DepartmentTable.Load(reader);
    }

    private sealed class CallbackProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}

internal static partial class RoutingLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Routing model ready: {Classes} categories, {Features} features, {Examples} training examples (0 = loaded from file)")]
    public static partial void Ready(ILogger logger, int classes, int features, int examples);

    [LoggerMessage(Level = LogLevel.Error, Message = "Routing model training failed")]
    public static partial void Failed(ILogger logger, Exception exception);
}
