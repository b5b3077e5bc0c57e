using Microsoft.Data.Sqlite;

namespace Verifier.Storage.Sqlite;

/// <summary>
/// Runs a statement that both the writer and readers run: on the writer through its prepared
/// statements (<see cref="WriterStatements"/>, kept for its life), elsewhere through a command of its
/// own, prepared for this one call.
/// </summary>
/// <param name="onWriter">True on the writer's connection, inside its transaction.</param>
internal readonly struct SqliteStatements(SqliteConnection connection, SqliteTransaction? transaction, bool onWriter)
{
    /// <summary>The first row mapped by <paramref name="map"/>, or null when there is none.</summary>
    public T? Single<T>(string sql, string[] names, object?[] values, Func<SqliteDataReader, T> map) where T : class
    {
        var command = Command(sql, names);
        try
        {
            command.Bind(values);
            using var reader = command.ExecuteReader();
            return reader.Read() ? map(reader) : null;
        }
        finally
        {
            Release(command);
        }
    }

    /// <summary>The first column of the first row (a statement without parameters).</summary>
    public object? Scalar(string sql)
    {
        var command = Command(sql, []);
        try
        {
            return command.ExecuteScalar();
        }
        finally
        {
            Release(command);
        }
    }

    private SqliteCommand Command(string sql, string[] names)
    {
        if (onWriter) return WriterStatements.Get(connection, transaction!, sql, names);
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var name in names) command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        return command;
    }

    // The writer's statements live as long as its connection.
    private void Release(SqliteCommand command)
    {
        if (!onWriter) command.Dispose();
    }
}
