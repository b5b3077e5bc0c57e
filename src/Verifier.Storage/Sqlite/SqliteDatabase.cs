using Dapper;
using Microsoft.Data.Sqlite;

namespace Verifier.Storage.Sqlite;

/// <summary>
/// The SQLite file: opens connections with the pragmas durability needs and applies migrations.
/// All writes go through one <see cref="GroupCommitter"/>, SQLite's single writer; reads use
/// their own pooled connections, which WAL lets run beside the writer.
/// </summary>
public sealed class SqliteDatabase : IAsyncDisposable
{
    private readonly string _connectionString;

    public SqliteDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using (var connection = Open())
        {
            // WAL lets readers run beside the writer; synchronous=FULL makes every commit survive
            // a crash or power loss before we acknowledge it.
            connection.Execute("PRAGMA journal_mode=WAL;");
            Migrate(connection);
        }
        var writer = Open();
        // The writer re-reads every pack it decides on; at national scale (a 50M-pack file is
        // 3.4 GB) a 64 MiB page cache made its tail latency 10x worse, 1 GiB restores it.
        // Pages are allocated as used, so small stores stay small.
        writer.Execute("PRAGMA cache_size=-1048576;");
        Writer = new GroupCommitter(writer);
    }

    public string Path { get; }

    /// <summary>The single writer every state change goes through.</summary>
    public GroupCommitter Writer { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        connection.Execute("PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=OFF; PRAGMA cache_size=-65536;");
        return connection;
    }

    private static void Migrate(SqliteConnection connection)
    {
        connection.Execute("CREATE TABLE IF NOT EXISTS schema_migrations (step INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);");
        var applied = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM schema_migrations;");
        for (var step = (int)applied; step < SqliteSchema.Migrations.Length; step++)
        {
            using var transaction = connection.BeginTransaction();
            connection.Execute(SqliteSchema.Migrations[step], transaction: transaction);
            connection.Execute("INSERT INTO schema_migrations (step, applied_at) VALUES (@step, @at);",
                new { step, at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() }, transaction);
            transaction.Commit();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }
}
