using Verifier.Core.Access;

namespace Verifier.Storage.Tests.Contract;

/// <summary>
/// One provider's stores on a fresh, empty database of the test's own, deleted afterwards. The
/// contract tests run against every provider through this; SQL text given to <see cref="Scalar"/>
/// must be plain enough for both SQLite and SQL Server.
/// </summary>
public abstract class StoreUnderTest : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    public abstract IPackStore Packs { get; }

    public abstract IMasterDataStore MasterData { get; }

    public abstract IAlertStore Alerts { get; }

    public abstract IClientStore Clients { get; }

    public abstract IBulkJobStore BulkJobs { get; }

    /// <summary>How many serials the provider's upload stores per chunk transaction.</summary>
    public abstract int UploadChunkRows { get; }

    /// <summary>Drops every connection and open state, as a crash would, and opens the same database again.</summary>
    public abstract Task RestartAsync();

    public abstract long Scalar(string sql);

    public abstract ValueTask DisposeAsync();

    public static TransactionContext Context(string clientId = "mah-acme", ClientRole role = ClientRole.Mah, DateTimeOffset? at = null) =>
        new(Identifiers.NewSystemTransactionId(at ?? Now), null, at ?? Now, clientId, role, "MAH-LOC", null);
}
