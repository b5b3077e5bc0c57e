using Dapper;
using Microsoft.Data.Sqlite;

namespace Verifier.Storage.Sqlite;

/// <summary>
/// The SQLite file: applies migrations and hands out connections. All writes go through one
/// <see cref="GroupCommitter"/>, SQLite's single writer; reads use their own pooled connections,
/// which WAL lets run beside the writer.
/// </summary>
public sealed class SqliteDatabase : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly WalCheckpointer _checkpointer;

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
            // Microsoft.Data.Sqlite retries busy and locked errors for this long (seconds), so a
            // reader never needs its own busy_timeout pragma.
            DefaultTimeout = 30,
        }.ToString();

        var writer = Open();
        try
        {
            // WAL lets readers run beside the writer and is stored in the file, so setting it once is enough.
            writer.Execute("PRAGMA journal_mode=WAL;");
            // Only the writer commits. Its commits only write the log (NORMAL); WalSync syncs it on its own thread, and
            // the group committer acknowledges work when its durability is reached (see GroupCommitter).
            writer.Execute("PRAGMA synchronous=NORMAL;");
            // Checkpoints run on WalCheckpointer's connection, never inside a request's commit.
            writer.Execute("PRAGMA wal_autocheckpoint=0;");
            // The writer re-reads every pack it decides on; at national scale (a 50M-pack file is
            // 3.4 GB) a 64 MiB page cache made its tail latency 10x worse, 1 GiB restores it.
            // Pages are allocated as used, so small stores stay small.
            writer.Execute("PRAGMA cache_size=-1048576;");
            Migrate(writer);
            // A power loss may take commits that were written but not yet synced, and a status check may
            // have answered from such a commit and cached what it read in a Redis that outlived the crash.
            // Every start moves the cache epoch on, so nothing cached before it is trusted again.
            writer.Execute("UPDATE cache_epoch SET epoch = epoch + 1 WHERE id = 1;");
        }
        catch
        {
            writer.Dispose();
            throw;
        }
        Writer = new GroupCommitter(writer, Path);
        _checkpointer = new WalCheckpointer(Open());
    }

    public string Path { get; }

    /// <summary>The single writer every state change goes through.</summary>
    public GroupCommitter Writer { get; }

    /// <summary>
    /// A pooled reader connection with SQLite's defaults and no per-open pragma, for the reads off
    /// the pack path (history, alerts, master data). A reader's page cache is dropped whenever the
    /// writer has committed since its last read, which under load is nearly every read, so a larger
    /// cache than the default (about 2 MB) would buy nothing; pack views are read on the writer.
    /// </summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>
    /// One immediate transaction per step, which reads the applied count itself: a second process
    /// opening the same file waits for the lock and then sees the step as applied, never re-runs it.
    /// </summary>
    private static void Migrate(SqliteConnection connection)
    {
        while (true)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            connection.Execute("CREATE TABLE IF NOT EXISTS schema_migrations (step INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);",
                transaction: transaction);
            var step = (int)connection.ExecuteScalar<long>("SELECT COUNT(*) FROM schema_migrations;", transaction: transaction);
            var done = step >= SqliteSchema.Migrations.Length;
            if (!done)
            {
                connection.Execute(SqliteSchema.Migrations[step], transaction: transaction);
                connection.Execute("INSERT INTO schema_migrations (step, applied_at) VALUES (@step, @at);",
                    new { step, at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() }, transaction);
            }
            transaction.Commit();
            if (done) return;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _checkpointer.Dispose();
        await Writer.DisposeAsync();
        // Only this file's pool: other databases in the process keep their connections.
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
    }
}
