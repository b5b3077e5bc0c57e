using Verifier.Storage.Sqlite;
using Verifier.Storage.Tests.Contract;

namespace Verifier.Storage.Tests.Sqlite;

/// <summary>A real SQLite file in the temp folder, deleted afterwards; reopened to simulate a restart.</summary>
public sealed class SqliteStoreUnderTest : StoreUnderTest
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"verifier-storage-{Guid.NewGuid():N}.db");

    public SqliteStoreUnderTest() => Database = new SqliteDatabase(_path);

    public SqliteDatabase Database { get; private set; }

    public override IPackStore Packs => new SqlitePackStore(Database);

    public override IMasterDataStore MasterData => new SqliteMasterDataStore(Database);

    public override IAlertStore Alerts => new SqliteAlertStore(Database);

    public override IClientStore Clients => new SqliteClientStore(Database);

    public override IBulkJobStore BulkJobs => new SqliteBulkJobStore(Database);

    public override int UploadChunkRows => SqliteBatchUpload.ChunkRows;

    /// <summary>Closes the file without any clean-up, as a crash would, and opens it again (the start-up steps are the test's).</summary>
    public override async Task RestartAsync()
    {
        await Database.DisposeAsync();
        Database = new SqliteDatabase(_path);
    }

    public override long Scalar(string sql)
    {
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L);
    }

    public override async ValueTask DisposeAsync()
    {
        // Disposing the database closes its pooled connections, so the files can go.
        await Database.DisposeAsync();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_path + suffix);
    }
}
