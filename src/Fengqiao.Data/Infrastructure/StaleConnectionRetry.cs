using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace Fengqiao.Data.Infrastructure;

/// <summary>
/// Retries an operation once, at once, when the database could not be reached (<see cref="DatabaseOutage"/>), after
/// emptying the connection pool it came from. A PostgreSQL restart leaves every idle pooled connection dead, and
/// Npgsql finds out only when one is used: without this each of them answered one request with an error after the
/// database was back. When the database is really down the retry fails as fast and the caller answers 503.
/// </summary>
/// <remarks>
/// Nothing is retried inside a transaction the caller began: the transaction is gone with its connection, and a
/// retry would run outside it. <see cref="RetriesOnFailure"/> says false although it retries: EF reads it to buffer
/// every query's whole result (so that a row stream could be re-read) and to refuse callers' transactions, neither of
/// which a retry of the first round trip needs; a failure in the middle of a stream is not retried.
/// </remarks>
public sealed class StaleConnectionRetry(ExecutionStrategyDependencies dependencies)
    : NpgsqlRetryingExecutionStrategy(dependencies, maxRetryCount: 1, maxRetryDelay: TimeSpan.Zero, errorCodesToAdd: null)
{
    public override bool RetriesOnFailure => false;

    protected override bool ShouldRetryOn(Exception? exception)
    {
        if (!DatabaseOutage.Is(exception) || Dependencies.CurrentContext.Context.Database.CurrentTransaction is not null)
        {
            return false;
        }
        if (Dependencies.CurrentContext.Context.Database.GetDbConnection() is NpgsqlConnection connection)
        {
            NpgsqlConnection.ClearPool(connection);
        }
        return true;
    }

    protected override TimeSpan? GetNextDelay(Exception lastException) =>
        ExceptionsEncountered.Count <= MaxRetryCount ? TimeSpan.Zero : null;
}
