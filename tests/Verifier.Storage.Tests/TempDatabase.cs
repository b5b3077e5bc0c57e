using Verifier.Core.Access;
using Verifier.Storage.Sqlite;

namespace Verifier.Storage.Tests;

/// <summary>A real SQLite file in the temp folder, deleted afterwards; reopened to simulate a restart.</summary>
public sealed class TempDatabase : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    public TempDatabase()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"verifier-storage-{Guid.NewGuid():N}.db");
        Database = new SqliteDatabase(Path);
        MasterData = new SqliteMasterDataStore(Database);
        Packs = new SqlitePackStore(Database);
    }

    public string Path { get; }

    public SqliteDatabase Database { get; private set; }

    public SqliteMasterDataStore MasterData { get; private set; }

    public SqlitePackStore Packs { get; private set; }

    /// <summary>Closes the file without any clean-up, as a crash would, and opens it again (the start-up steps are the test's).</summary>
    public async Task RestartAsync()
    {
        await Database.DisposeAsync();
        Database = new SqliteDatabase(Path);
        MasterData = new SqliteMasterDataStore(Database);
        Packs = new SqlitePackStore(Database);
    }

    public static TransactionContext Context(string clientId = "mah-acme", ClientRole role = ClientRole.Mah, DateTimeOffset? at = null) =>
        new(Identifiers.NewSystemTransactionId(at ?? Now), null, at ?? Now, clientId, role, "MAH-LOC", null);

    public long Scalar(string sql)
    {
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L);
    }

    public async ValueTask DisposeAsync()
    {
        // Disposing the database closes its pooled connections, so the files can go.
        await Database.DisposeAsync();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(Path + suffix);
    }
}
