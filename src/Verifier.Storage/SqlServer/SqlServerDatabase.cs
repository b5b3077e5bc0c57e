using System.Data;
using Dapper;
using Microsoft.Data.SqlClient;

namespace Verifier.Storage.SqlServer;

/// <summary>
/// A SQL Server database shared by any number of instances: applies migrations at start and runs
/// units of work (a read, or one short transaction) on pooled connections. There is no single
/// writer: each command is its own transaction, and row locks order the ones that touch one pack.
/// </summary>
public sealed class SqlServerDatabase
{
    internal const string AcquireSchemaLockSql =
        """
        DECLARE @result int;
        EXEC @result = sp_getapplock @Resource = N'verifier:schema_migrations', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = 600000;
        SELECT @result;
        """;

    internal const string CreateMigrationsTableSql =
        """
        IF OBJECT_ID(N'dbo.schema_migrations', N'U') IS NULL
            CREATE TABLE dbo.schema_migrations (step int NOT NULL CONSTRAINT pk_schema_migrations PRIMARY KEY, applied_at bigint NOT NULL);
        """;

    internal const string CountMigrationsSql = "SELECT COUNT(*) FROM dbo.schema_migrations;";

    internal const string RecordMigrationSql = "INSERT INTO dbo.schema_migrations (step, applied_at) VALUES (@step, @at);";

    /// <summary>
    /// Errors after which the whole unit of work may run again: deadlock victim, lock timeout,
    /// Azure SQL throttling and fail-over, broken or timed-out connections. A transaction that hit
    /// one was rolled back (or is rolled back when its connection is disposed), so nothing of it stays.
    /// </summary>
    private static readonly int[] TransientErrors =
        [1205, 1222, 4060, 4221, 40143, 40197, 40501, 40540, 40613, 49918, 49919, 49920, 10928, 10929, 10053, 10054, 10060, 233, 64, -2];

    private readonly string _connectionString;

    // Both come from SqlClient's configurable retry logic: one retries opening a connection (always
    // safe), the other a whole unit of work. Single commands are never retried on their own: inside
    // a transaction a deadlock has already rolled back everything before them, so a retried
    // statement would run outside the transaction it belonged to.
    private readonly SqlRetryLogicBaseProvider _openRetry = SqlConfigurableRetryFactory.CreateExponentialRetryProvider(RetryOptions());
    private readonly SqlRetryLogicBaseProvider _workRetry = SqlConfigurableRetryFactory.CreateExponentialRetryProvider(RetryOptions());

    /// <summary>Connects and brings the schema forward; any number of instances may start at once.</summary>
    public SqlServerDatabase(string connectionString)
    {
        _connectionString = connectionString;
        Migrate();
    }

    /// <summary>A pooled connection, opened with retries.</summary>
    internal async Task<SqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqlConnection(_connectionString) { RetryLogicProvider = _openRetry };
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs reads on their own connection; run again as a whole after a transient error.</summary>
    internal Task<T> ReadAsync<T>(Func<SqlConnection, Task<T>> read, CancellationToken cancellationToken) =>
        _workRetry.ExecuteAsync(this, async () =>
        {
            await using var connection = await OpenAsync(cancellationToken);
            return await read(connection);
        }, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in one READ COMMITTED transaction (row versions under
    /// READ_COMMITTED_SNAPSHOT; state changes take update locks on what they decide on) and commits.
    /// After a transient error before the commit the whole transaction runs again, re-reading
    /// everything it decides on. A failed commit is ambiguous (it may have been applied), so it is
    /// retried only when <paramref name="commitIsIdempotent"/>: a pack command with a client
    /// transaction id, whose second run finds the first one's audit row and replays its answer.
    /// </summary>
    internal Task<T> WriteAsync<T>(Func<SqlConnection, SqlTransaction, Task<T>> work, CancellationToken cancellationToken, bool commitIsIdempotent = false) =>
        _workRetry.ExecuteAsync(this, async () =>
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var transaction = (SqlTransaction)await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            var result = await work(connection, transaction);
            try
            {
                await transaction.CommitAsync(cancellationToken);
            }
            catch (SqlException e) when (!commitIsIdempotent)
            {
                // Not a SqlException any more, so the retry logic lets it through.
                throw new InvalidOperationException("The commit failed and may or may not have been applied; it is not retried.", e);
            }
            return result;
        }, cancellationToken);

    private static SqlRetryLogicOption RetryOptions() => new()
    {
        NumberOfTries = 5,
        DeltaTime = TimeSpan.FromMilliseconds(50),
        MaxTimeInterval = TimeSpan.FromSeconds(2),
        TransientErrors = TransientErrors,
    };

    /// <summary>
    /// One transaction per step under an exclusive application lock (sp_getapplock, owned by the
    /// transaction): instances starting together queue on the lock, and each reads the applied
    /// count only once it holds it, so no step ever runs twice. DDL is transactional in SQL Server,
    /// so a step that fails leaves nothing behind.
    /// </summary>
    private void Migrate()
    {
        using var connection = new SqlConnection(_connectionString) { RetryLogicProvider = _openRetry };
        connection.Open();
        while (true)
        {
            using var transaction = connection.BeginTransaction(IsolationLevel.ReadCommitted);
            var locked = connection.ExecuteScalar<int>(AcquireSchemaLockSql, transaction: transaction, commandTimeout: 660);
            if (locked < 0) throw new InvalidOperationException($"Could not take the schema migration lock (sp_getapplock returned {locked}).");
            connection.Execute(CreateMigrationsTableSql, transaction: transaction);
            var step = connection.ExecuteScalar<int>(CountMigrationsSql, transaction: transaction);
            var done = step >= SqlServerSchema.Migrations.Length;
            if (!done)
            {
                connection.Execute(SqlServerSchema.Migrations[step], transaction: transaction, commandTimeout: 0);
                connection.Execute(RecordMigrationSql, new { step, at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() }, transaction);
            }
            transaction.Commit();
            if (done) return;
        }
    }
}
