using Microsoft.Data.SqlClient;
using Verifier.Storage.SqlServer;
using Verifier.Storage.Tests.Contract;

namespace Verifier.Storage.Tests.SqlServer;

/// <summary>
/// A database of its own on the SQL Server named by VERIFIER_SQLSERVER (a connection string with
/// rights to create databases), created with READ_COMMITTED_SNAPSHOT as production runs, and dropped afterwards.
/// </summary>
public sealed class SqlServerStoreUnderTest : StoreUnderTest
{
    public const string Variable = "VERIFIER_SQLSERVER";

    private readonly string _server;
    private readonly string _name = $"verifier_test_{Guid.NewGuid():N}";

    public SqlServerStoreUnderTest()
    {
        _server = Environment.GetEnvironmentVariable(Variable)
            ?? throw new InvalidOperationException($"{Variable} is not set; SQL Server tests must be skipped (SqlServerStoreFactAttribute).");
        OnServer($"CREATE DATABASE [{_name}]; ALTER DATABASE [{_name}] SET READ_COMMITTED_SNAPSHOT ON;");
        ConnectionString = new SqlConnectionStringBuilder(_server) { InitialCatalog = _name }.ConnectionString;
        Database = new SqlServerDatabase(ConnectionString);
    }

    /// <summary>Null when the variable is set; otherwise why SQL Server contract tests are skipped.</summary>
    public static string? SkipReason => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 }
        ? null
        : $"{Variable} is not set (a SQL Server connection string allowed to create databases); SQL Server store tests skipped";

    public string ConnectionString { get; }

    public SqlServerDatabase Database { get; private set; }

    public override IPackStore Packs => new SqlServerPackStore(Database);

    public override IMasterDataStore MasterData => new SqlServerMasterDataStore(Database);

    public override IAlertStore Alerts => new SqlServerAlertStore(Database);

    public override IClientStore Clients => new SqlServerClientStore(Database);

    public override IBulkJobStore BulkJobs => new SqlServerBulkJobStore(Database);

    public override int UploadChunkRows => SqlServerBatchUpload.ChunkRows;

    public override Task RestartAsync()
    {
        SqlConnection.ClearAllPools();
        Database = new SqlServerDatabase(ConnectionString);
        return Task.CompletedTask;
    }

    public override long Scalar(string sql)
    {
        using var connection = new SqlConnection(ConnectionString);
        connection.Open();
        using var command = new SqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L);
    }

    public override ValueTask DisposeAsync()
    {
        SqlConnection.ClearAllPools();
        OnServer($"ALTER DATABASE [{_name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{_name}];");
        return ValueTask.CompletedTask;
    }

    private void OnServer(string sql)
    {
        using var connection = new SqlConnection(new SqlConnectionStringBuilder(_server) { InitialCatalog = "master" }.ConnectionString);
        connection.Open();
        using var command = new SqlCommand(sql, connection) { CommandTimeout = 120 };
        command.ExecuteNonQuery();
    }
}
