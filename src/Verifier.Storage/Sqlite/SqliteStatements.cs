using Microsoft.Data.Sqlite;

namespace Verifier.Storage.Sqlite;

/// <summary>
/// Runs a statement that both the writer and the snapshot readers run, through the connection's
/// prepared statements (<see cref="PreparedStatements"/>): both kinds of connection stay open for
/// the store's life.
/// </summary>
internal readonly struct SqliteStatements(SqliteConnection connection, SqliteTransaction transaction)
{
    /// <summary>The first row mapped by <paramref name="map"/>, or null when there is none.</summary>
    public T? Single<T>(string sql, string[] names, object?[] values, Func<SqliteDataReader, T> map) where T : class
    {
        var command = PreparedStatements.Get(connection, transaction, sql, names).Bind(values);
        using var reader = command.ExecuteReader();
        return reader.Read() ? map(reader) : null;
    }

    /// <summary>The first column of the first row (a statement without parameters).</summary>
    public object? Scalar(string sql) => PreparedStatements.Get(connection, transaction, sql).ExecuteScalar();
}
