using System.Data.Common;
using System.Diagnostics;
using Npgsql;

namespace Fengqiao.Bench.Cases;

/// <summary>
/// Records the SQL (text and parameters) that EF Core sends, from its DiagnosticSource events, so the benchmark can
/// EXPLAIN exactly what the product runs without touching the product's context options.
/// </summary>
internal sealed class SqlCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly List<IDisposable> _subscriptions = [];
    private readonly Dictionary<string, CapturedCommand> _byText = new(StringComparer.Ordinal);
    private readonly List<CapturedCommand> _order = [];
    private readonly Lock _lock = new();

    public SqlCapture() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

    /// <summary>Distinct commands in the order first seen.</summary>
    public IReadOnlyList<CapturedCommand> Commands
    {
        get
        {
            lock (_lock)
            {
                return [.. _order];
            }
        }
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == "Microsoft.EntityFrameworkCore")
        {
            lock (_lock)
            {
                _subscriptions.Add(value.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key != "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuting")
        {
            return;
        }
        var command = value.Value?.GetType().GetProperty("Command")?.GetValue(value.Value) as DbCommand;
        if (command is null)
        {
            return;
        }
        lock (_lock)
        {
            if (!_byText.ContainsKey(command.CommandText))
            {
                var captured = new CapturedCommand(command.CommandText, [.. command.Parameters.Cast<NpgsqlParameter>().Select(p => p.Clone())]);
                _byText[command.CommandText] = captured;
                _order.Add(captured);
            }
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        foreach (var s in _subscriptions)
        {
            s.Dispose();
        }
    }
}

internal sealed record CapturedCommand(string Text, IReadOnlyList<NpgsqlParameter> Parameters);
