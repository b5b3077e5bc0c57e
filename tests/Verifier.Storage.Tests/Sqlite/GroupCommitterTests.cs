using Dapper;
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
