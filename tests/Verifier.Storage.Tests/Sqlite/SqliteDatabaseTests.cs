using Dapper;
using Microsoft.Data.Sqlite;
using Verifier.Storage.Sqlite;

namespace Verifier.Storage.Tests.Sqlite;

/// <summary>Opening the file: the writer's durability settings, the cache epoch, and migrations that two openers cannot apply twice.</summary>
public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "verifier-tests", Guid.NewGuid().ToString("N"));

    private string FilePath => Path.Combine(_directory, "open.db");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task The_writer_commits_to_the_log_and_leaves_syncs_and_checkpoints_to_their_own_threads()
    {
        await using var database = new SqliteDatabase(FilePath);

        var settings = await database.Writer.RunAsync((c, t) =>
            (c.ExecuteScalar<string>("PRAGMA journal_mode", transaction: t), c.ExecuteScalar<long>("PRAGMA synchronous", transaction: t),
                c.ExecuteScalar<long>("PRAGMA wal_autocheckpoint", transaction: t)),
            CancellationToken.None);

        Assert.Equal(("wal", 1L, 0L), settings);
    }

    [Fact]
    public async Task Full_durability_is_acknowledged_after_a_sync_and_delayed_durability_once_committed()
    {
        await using var database = new SqliteDatabase(FilePath);
        await database.Writer.RunAsync((c, t) => c.Execute("CREATE TABLE items (n INTEGER PRIMARY KEY)", transaction: t), CancellationToken.None);

        var syncs = database.Writer.Syncs;
        await database.Writer.RunAsync((c, t) => c.Execute("INSERT INTO items (n) VALUES (1)", transaction: t), CancellationToken.None);
        Assert.True(database.Writer.Syncs > syncs, "a fully durable item is acknowledged only after a sync of the log");

        await database.Writer.RunAsync((c, t) => c.Execute("INSERT INTO items (n) VALUES (2)", transaction: t), CancellationToken.None, Durability.Delayed);
        await using var reader = database.Open();
        Assert.Equal(2L, reader.ExecuteScalar<long>("SELECT COUNT(*) FROM items"));
    }

    [Fact]
    public async Task Every_open_moves_the_cache_epoch_on()
    {
        long first;
        await using (var database = new SqliteDatabase(FilePath))
        {
            await using var connection = database.Open();
            first = connection.ExecuteScalar<long>("SELECT epoch FROM cache_epoch");
        }
        await using (var reopened = new SqliteDatabase(FilePath))
        {
            await using var connection = reopened.Open();
            Assert.Equal(first + 1, connection.ExecuteScalar<long>("SELECT epoch FROM cache_epoch"));
        }
    }

    [Fact]
    public async Task A_second_opener_waits_for_a_migration_in_progress_and_does_not_repeat_it()
    {
        // Another process, mid-migration: it holds the write lock and has applied every step, uncommitted.
        Directory.CreateDirectory(_directory);
        await using var other = new SqliteConnection($"Data Source={FilePath};Pooling=False");
        other.Open();
        other.Execute("PRAGMA journal_mode=WAL; CREATE TABLE schema_migrations (step INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);");
        using var migrating = other.BeginTransaction(deferred: false);
        for (var step = 0; step < SqliteSchema.Migrations.Length; step++)
        {
            other.Execute(SqliteSchema.Migrations[step], transaction: migrating);
            other.Execute("INSERT INTO schema_migrations (step, applied_at) VALUES (@step, 0)", new { step }, migrating);
        }

        var opening = Task.Run(() => new SqliteDatabase(FilePath));
        // Gives the opener time to reach the lock; the outcome must not depend on whether it did.
        await Task.Delay(300);
        migrating.Commit();
        await using var database = await opening;

        await using var connection = database.Open();
        var steps = await connection.QueryAsync<long>("SELECT step FROM schema_migrations ORDER BY step");
        Assert.Equal(Enumerable.Range(0, SqliteSchema.Migrations.Length).Select(i => (long)i), steps);
    }
}
