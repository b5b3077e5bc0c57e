using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Verifier.Storage.Sqlite;

/// <summary>
/// Prepared statements of the writer connection, kept for its life. Every pack command, status checks
/// included, runs the same few statements there; preparing each anew cost more than running it
/// (docs/latency.md). Only for the writer: it is used by one thread, so the commands need no locking.
/// </summary>
internal static class PreparedStatements
{
    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> Prepared = new();

    /// <param name="parameters">Parameter names, bound by the caller through <see cref="Bind"/> in this order.</param>
    public static SqliteCommand Get(SqliteConnection connection, SqliteTransaction? transaction, string sql, params string[] parameters)
    {
        var commands = Prepared.GetValue(connection, _ => new Dictionary<string, SqliteCommand>(StringComparer.Ordinal));
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters) command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
            commands[sql] = command;
        }
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Finalizes the connection's statements before it closes, so the file is released at once.</summary>
    public static void Release(SqliteConnection connection)
    {
        if (!Prepared.TryGetValue(connection, out var commands)) return;
        foreach (var command in commands.Values) command.Dispose();
        Prepared.Remove(connection);
    }

    /// <summary>The first row of a prepared read, mapped by <paramref name="map"/>, or null when there is none.</summary>
    public static T? Single<T>(
        SqliteConnection connection, SqliteTransaction transaction, string sql, string[] names, object?[] values, Func<SqliteDataReader, T> map)
        where T : class
    {
        using var reader = Get(connection, transaction, sql, names).Bind(values).ExecuteReader();
        return reader.Read() ? map(reader) : null;
    }

    public static SqliteCommand Bind(this SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        return command;
    }
}
