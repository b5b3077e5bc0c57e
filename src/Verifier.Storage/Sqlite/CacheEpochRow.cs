using Dapper;
using Microsoft.Data.Sqlite;

namespace Verifier.Storage.Sqlite;

/// <summary>The shared cache epoch (docs/cache-coherence.md), read and advanced inside the caller's transaction.</summary>
internal static class CacheEpochRow
{
    /// <summary>On the writer (a prepared statement).</summary>
    public static long Read(SqliteConnection connection, SqliteTransaction transaction) =>
        (long)PreparedStatements.Get(connection, transaction, "SELECT epoch FROM cache_epoch WHERE id = 1").ExecuteScalar()!;

    public static long Advance(SqliteConnection connection, SqliteTransaction transaction) =>
        connection.ExecuteScalar<long>("UPDATE cache_epoch SET epoch = epoch + 1 WHERE id = 1 RETURNING epoch", transaction: transaction);

    /// <summary>The epoch a change commits under: advanced unless a cache marker covers the change.</summary>
    public static long ForChange(SqliteConnection connection, SqliteTransaction transaction, bool changes, Func<bool>? isMarkedInCache) =>
        changes && isMarkedInCache?.Invoke() != true ? Advance(connection, transaction) : Read(connection, transaction);
}
