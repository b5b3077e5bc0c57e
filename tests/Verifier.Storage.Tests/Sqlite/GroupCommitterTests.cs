using Dapper;
using Microsoft.Data.Sqlite;
using Verifier.Storage.Sqlite;

namespace Verifier.Storage.Tests.Sqlite;

/// <summary>The single writer on a real SQLite file: group commits, isolation of failures, durability order.</summary>
public sealed class GroupCommitterTests : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "verifier-tests", Guid.NewGuid().ToString("N"), "group.db");
    private SqliteDatabase _database = null!;

    public Task InitializeAsync()
    {
        _database = new SqliteDatabase(_path);
        return _database.Writer.RunAsync((c, t) => c.Execute("CREATE TABLE items (n INTEGER PRIMARY KEY)", transaction: t), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
    }

    [Fact]
    public async Task Concurrent_items_share_commits()
    {
        var commitsBefore = _database.Writer.Commits;

        await Task.WhenAll(Enumerable.Range(1, 2000).Select(n =>
            _database.Writer.RunAsync((c, t) => c.Execute("INSERT INTO items (n) VALUES (@n)", new { n }, t), CancellationToken.None)));

        Assert.Equal(2000, await Count());
        Assert.True(_database.Writer.Commits - commitsBefore < 2000, "2000 concurrent items should need fewer than 2000 commits");
    }

    [Fact]
    public async Task A_failing_item_fails_alone_and_leaves_nothing()
    {
        var good = _database.Writer.RunAsync((c, t) => c.Execute("INSERT INTO items (n) VALUES (1)", transaction: t), CancellationToken.None);
        var bad = _database.Writer.RunAsync<int>((c, t) =>
        {
            c.Execute("INSERT INTO items (n) VALUES (2)", transaction: t);
            throw new InvalidOperationException("refused");
        }, CancellationToken.None);
        var alsoGood = _database.Writer.RunAsync((c, t) => c.Execute("INSERT INTO items (n) VALUES (3)", transaction: t), CancellationToken.None);

        await good;
        await alsoGood;
        await Assert.ThrowsAsync<InvalidOperationException>(() => bad);
        Assert.Equal(new long[] { 1, 3 }, await Numbers());
    }

    [Fact]
    public async Task An_acknowledged_item_is_visible_to_a_new_connection()
    {
        await _database.Writer.RunAsync((c, t) => c.Execute("INSERT INTO items (n) VALUES (42)", transaction: t), CancellationToken.None);

        Assert.Equal(new long[] { 42 }, await Numbers());
    }

    [Fact]
    public async Task A_group_carries_at_most_one_bulk_item_after_every_small_item_waiting()
    {
        var release = await HoldWriterAsync(_database.Writer);
        // Each item returns its group's transaction: one transaction object per group.
        var bulk = Enumerable.Range(1, 5).Select(n => _database.Writer.RunBulkAsync((c, t) => Insert(c, t, n), CancellationToken.None)).ToList();
        var small = Enumerable.Range(100, 50).Select(n => _database.Writer.RunAsync((c, t) => Insert(c, t, n), CancellationToken.None)).ToList();
        release();

        var bulkGroups = await Task.WhenAll(bulk);
        var smallGroups = await Task.WhenAll(small);

        Assert.Equal(bulk.Count, bulkGroups.Distinct().Count());
        // Queued behind five chunks, the small items still wait for one only.
        Assert.Same(bulkGroups[0], Assert.Single(smallGroups.Distinct()));
        Assert.Equal(55, await Count());
    }

    [Fact]
    public async Task A_failing_commit_fails_its_whole_group_and_the_writer_goes_on()
    {
        // A deferred foreign key is checked only at COMMIT: the item succeeds, its group's commit fails.
        var path = Path.Combine(Path.GetDirectoryName(_path)!, "fk.db");
        var connection = new SqliteConnection($"Data Source={path};Pooling=False;Foreign Keys=True");
        connection.Open();
        connection.Execute(
            """
            PRAGMA journal_mode=WAL;
            CREATE TABLE parents (id INTEGER PRIMARY KEY);
            CREATE TABLE children (parent_id INTEGER NOT NULL REFERENCES parents(id) DEFERRABLE INITIALLY DEFERRED);
            """);
        await using var writer = new GroupCommitter(connection, path);
        var release = await HoldWriterAsync(writer);
        var orphan = writer.RunAsync((c, t) => c.Execute("INSERT INTO children (parent_id) VALUES (7)", transaction: t), CancellationToken.None);
        var innocent = writer.RunAsync((c, t) => c.Execute("INSERT INTO parents (id) VALUES (1)", transaction: t), CancellationToken.None);
        release();

        var failure = await Assert.ThrowsAsync<SqliteException>(() => orphan);
        Assert.Same(failure, await Assert.ThrowsAsync<SqliteException>(() => innocent));
        Assert.Equal(19, failure.SqliteErrorCode); // SQLITE_CONSTRAINT
        await writer.RunAsync((c, t) => c.Execute("INSERT INTO parents (id) VALUES (2)", transaction: t), CancellationToken.None);
        var parents = await writer.RunAsync((c, t) => c.Query<long>("SELECT id FROM parents ORDER BY id", transaction: t).ToArray(), CancellationToken.None);
        Assert.Equal([2L], parents);
        Assert.Equal(0, await writer.RunAsync((c, t) => c.ExecuteScalar<long>("SELECT COUNT(*) FROM children", transaction: t), CancellationToken.None));
    }

    /// <summary>
    /// Blocks the writer inside a work item until the returned action is called, so the items
    /// queued meanwhile are grouped together, deterministically.
    /// </summary>
    private static async Task<Action> HoldWriterAsync(GroupCommitter writer)
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new ManualResetEventSlim();
        _ = writer.RunAsync((_, _) =>
        {
            entered.SetResult();
            gate.Wait();
            return 0;
        }, CancellationToken.None);
        await entered.Task;
        return gate.Set;
    }

    private static SqliteTransaction Insert(SqliteConnection connection, SqliteTransaction transaction, int n)
    {
        connection.Execute("INSERT INTO items (n) VALUES (@n)", new { n }, transaction);
        return transaction;
    }

    private async Task<long> Count()
    {
        await using var connection = _database.Open();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM items");
    }

    private async Task<long[]> Numbers()
    {
        await using var connection = _database.Open();
        return (await connection.QueryAsync<long>("SELECT n FROM items ORDER BY n")).ToArray();
    }
}
