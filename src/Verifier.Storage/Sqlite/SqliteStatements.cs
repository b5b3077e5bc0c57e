using Microsoft.Data.Sqlite;

namespace Verifier.Storage.Sqlite;

/// <summary>
/// Runs a read on the writer through its prepared statements (<see cref="PreparedStatements"/>),
/// mapping the first row.
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
