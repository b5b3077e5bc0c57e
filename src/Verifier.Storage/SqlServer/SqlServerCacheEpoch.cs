using Dapper;
using Microsoft.Data.SqlClient;

namespace Verifier.Storage.SqlServer;

/// <summary>
/// The shared cache epoch (docs/cache-coherence.md), read and advanced inside the caller's
/// transaction. An advance holds the row's exclusive lock until its transaction commits, so
/// advances are ordered, and every reader sees the new epoch only with the change it covers.
/// </summary>
internal static class SqlServerCacheEpoch
{
    internal const string ReadSql = "SELECT epoch FROM cache_epoch WHERE id = 1;";

    internal const string AdvanceSql = "UPDATE cache_epoch SET epoch = epoch + 1 OUTPUT inserted.epoch WHERE id = 1;";

    public static Task<long> ReadAsync(SqlConnection connection, SqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(ReadSql, transaction: transaction, cancellationToken: cancellationToken));

    public static Task<long> AdvanceAsync(SqlConnection connection, SqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(AdvanceSql, transaction: transaction, cancellationToken: cancellationToken));

    /// <summary>The epoch a change commits under: advanced unless a cache marker covers the change.</summary>
    public static Task<long> ForChangeAsync(
        SqlConnection connection, SqlTransaction transaction, bool changes, Func<bool>? isMarkedInCache, CancellationToken cancellationToken) =>
        changes && isMarkedInCache?.Invoke() != true
            ? AdvanceAsync(connection, transaction, cancellationToken)
            : ReadAsync(connection, transaction, cancellationToken);
}
