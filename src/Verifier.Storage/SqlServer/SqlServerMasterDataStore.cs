using System.Text.Json;
using Dapper;
using Microsoft.Data.SqlClient;
using Verifier.Core.Packs;

namespace Verifier.Storage.SqlServer;

/// <summary>
/// Master data and uploads on SQL Server, with SQLite's outcomes. Where SQLite relies on its
/// single writer, each write here reads the rows it decides on under UPDLOCK, HOLDLOCK (the key
/// range too, when the row does not exist yet), so racing instances queue instead of both deciding.
/// </summary>
public sealed class SqlServerMasterDataStore(SqlServerDatabase database) : IMasterDataStore
{
    internal const string FindProductSql = "SELECT id, product_code, owner_id, withdrawn, version FROM products WHERE product_code = @productCode;";

    internal const string LockProductSql =
        "SELECT id, owner_id, master_version FROM products WITH (UPDLOCK, HOLDLOCK) WHERE product_code = @ProductCode;";

    internal const string InsertProductSql =
        """
        INSERT INTO products (product_code, scheme, owner_id, withdrawn, version, master_version)
        OUTPUT inserted.id
        VALUES (@ProductCode, @scheme, @OwnerId, 0, 1, 1);
        """;

    internal const string CurrentVersionDataSql = "SELECT data FROM product_versions WHERE product_id = @Id AND version = @MasterVersion;";

    internal const string UpdateProductOwnerSql = "UPDATE products SET owner_id = @OwnerId, master_version = @version WHERE id = @Id;";

    internal const string InsertVersionSql =
        "INSERT INTO product_versions (product_id, version, data, created_at, created_by) VALUES (@productId, @version, @data, @at, @clientId);";

    internal const string LockVisibleBatchSql =
        """
        SELECT b.id, b.product_id, b.batch, b.expiry, b.recalled, b.version
        FROM batches b WITH (UPDLOCK, HOLDLOCK) JOIN products p ON p.id = b.product_id
        WHERE p.product_code = @productCode AND b.batch = @batch AND b.visible = 1;
        """;

    internal const string RecallSql = "UPDATE batches SET recalled = 1, version = version + 1 WHERE id = @Id;";

    internal const string CountBatchPacksSql = "SELECT COUNT_BIG(*) FROM packs WHERE batch_id = @Id;";

    internal const string LockProductForWithdrawalSql =
        "SELECT id, owner_id, withdrawn, version FROM products WITH (UPDLOCK, HOLDLOCK) WHERE product_code = @productCode;";

    internal const string InsertWithdrawalSql =
        """
        INSERT INTO product_withdrawals (product_id, market, reason, withdrawn_at, withdrawn_by)
        SELECT @Id, @market, @reason, @at, @ClientId
        WHERE NOT EXISTS (SELECT 1 FROM product_withdrawals WITH (UPDLOCK, HOLDLOCK) WHERE product_id = @Id AND market = @market);
        """;

    internal const string WithdrawSql = "UPDATE products SET withdrawn = 1, version = version + 1 WHERE id = @Id;";

    internal const string VisibleBatchSql =
        """
        SELECT b.id, b.expiry, b.recalled FROM batches b JOIN products p ON p.id = b.product_id
        WHERE p.product_code = @productCode AND b.batch = @batch AND b.visible = 1;
        """;

    // Covered by packs_batch (batch_id, state): a count per state without touching the packs themselves.
    internal const string CountByStateSql = "SELECT state, COUNT_BIG(*) FROM packs WHERE batch_id = @Id GROUP BY state;";

    internal const string ProductIdSql = "SELECT id FROM products WHERE product_code = @ProductCode;";

    internal const string LockEarlierUploadSql =
        """
        SELECT product_id, batch, expiry, committed, stored_count FROM uploads WITH (UPDLOCK, HOLDLOCK)
        WHERE client_id = @ClientId AND upload_id = @UploadId;
        """;

    internal const string LockBatchSql = "SELECT id, expiry, visible FROM batches WITH (UPDLOCK, HOLDLOCK) WHERE product_id = @productId AND batch = @Batch;";

    internal const string InsertInvisibleBatchSql =
        """
        INSERT INTO batches (product_id, batch, expiry, recalled, version, visible, created_at)
        OUTPUT inserted.id
        VALUES (@productId, @Batch, @Expiry, 0, 1, 0, @at);
        """;

    internal const string InsertUploadSql =
        """
        INSERT INTO uploads (client_id, upload_id, product_id, batch_id, batch, expiry, committed, started_at)
        OUTPUT inserted.id
        VALUES (@ClientId, @UploadId, @productId, @batchId, @Batch, @Expiry, 0, @at);
        """;

    internal const string AbandonedBatchesSql =
        """
        SELECT b.id FROM batches b
        WHERE b.visible = 0 AND NOT EXISTS (
            SELECT 1 FROM uploads u WHERE u.batch_id = b.id AND u.committed = 0 AND COALESCE(u.touched_at, u.started_at) >= @before);
        """;

    private static readonly JsonSerializerOptions VersionJson = new() { WriteIndented = false };

    public Task<ProductRecord?> FindProductAsync(string productCode, CancellationToken cancellationToken) =>
        database.ReadAsync(async connection =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<(int Id, string Code, string Owner, bool Withdrawn, long Version)?>(
                new CommandDefinition(FindProductSql, new { productCode }, cancellationToken: cancellationToken));
            return row is { } r ? new ProductRecord(r.Id, r.Code, r.Owner, r.Withdrawn, r.Version) : null;
        }, cancellationToken);

    public Task<ProductUpsertResult> UpsertProductAsync(ProductMasterData product, bool allowOwnerChange, TransactionContext context, CancellationToken cancellationToken)
    {
        var data = JsonSerializer.Serialize(product, VersionJson);
        return database.WriteAsync(async (connection, transaction) =>
        {
            var at = context.Timestamp.ToUnixTimeMilliseconds();
            var current = await connection.QuerySingleOrDefaultAsync<(int Id, string Owner, long MasterVersion)?>(
                new CommandDefinition(LockProductSql, new { product.ProductCode }, transaction, cancellationToken: cancellationToken));
            if (current is not { } existing)
            {
                var id = await connection.ExecuteScalarAsync<int>(new CommandDefinition(InsertProductSql,
                    new { product.ProductCode, scheme = (int)product.Scheme, product.OwnerId }, transaction, cancellationToken: cancellationToken));
                await InsertVersionAsync(connection, transaction, id, 1, data, at, context.ClientId, cancellationToken);
                await SqlServerAuditTrail.AppendMasterDataAsync(connection, transaction, context, "product-upsert", product.ProductCode, null, null, true,
                    "version=1", cancellationToken);
                return new ProductUpsertResult(1, Changed: true, OwnedByAnother: false);
            }

            if (existing.Owner != product.OwnerId && !allowOwnerChange)
            {
                return new ProductUpsertResult((int)existing.MasterVersion, Changed: false, OwnedByAnother: true);
            }
            var currentData = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(CurrentVersionDataSql,
                new { existing.Id, existing.MasterVersion }, transaction, cancellationToken: cancellationToken));
            if (currentData == data) return new ProductUpsertResult((int)existing.MasterVersion, Changed: false, OwnedByAnother: false);

            var version = existing.MasterVersion + 1;
            await connection.ExecuteAsync(new CommandDefinition(UpdateProductOwnerSql,
                new { product.OwnerId, version, existing.Id }, transaction, cancellationToken: cancellationToken));
            await InsertVersionAsync(connection, transaction, existing.Id, version, data, at, context.ClientId, cancellationToken);
            await SqlServerAuditTrail.AppendMasterDataAsync(connection, transaction, context, "product-upsert", product.ProductCode, null, null, true,
                $"version={version}", cancellationToken);
            return new ProductUpsertResult((int)version, Changed: true, OwnedByAnother: false);
        }, cancellationToken);
    }

    public Task<UploadOpening> OpenUploadAsync(UploadHeader header, TransactionContext context, bool validateOnly, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => OpenAsync(connection, transaction, header, context, validateOnly, cancellationToken), cancellationToken);

    public async Task<RecallResult?> RecallBatchAsync(
        string productCode, string batch, string? reason, TransactionContext context, Func<bool> isMarkedInCache, CancellationToken cancellationToken)
    {
        var recalled = await database.WriteAsync<(BatchRecord Batch, bool Changed, long Epoch)?>(async (connection, transaction) =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<(int Id, int ProductId, string Batch, string Expiry, bool Recalled, long Version)?>(
                new CommandDefinition(LockVisibleBatchSql, new { productCode, batch }, transaction, cancellationToken: cancellationToken));
            if (row is not { } b) return null;
            var changed = !b.Recalled;
            if (changed) await connection.ExecuteAsync(new CommandDefinition(RecallSql, new { b.Id }, transaction, cancellationToken: cancellationToken));
            await SqlServerAuditTrail.AppendMasterDataAsync(connection, transaction, context, "recall", productCode, b.Batch, b.Expiry, active: false,
                changed ? reason : "already recalled" + (reason is null ? "" : ": " + reason), cancellationToken);
            var epoch = await SqlServerCacheEpoch.ForChangeAsync(connection, transaction, changed, isMarkedInCache, cancellationToken);
            return (new BatchRecord(b.Id, b.ProductId, b.Batch, b.Expiry, Recalled: true, changed ? b.Version + 1 : b.Version), changed, epoch);
        }, cancellationToken);
        if (recalled is not { } result) return null;

        // Counted after the commit: a million-pack count has no business holding the batch's lock.
        var packs = await database.ReadAsync(connection => connection.ExecuteScalarAsync<long>(
            new CommandDefinition(CountBatchPacksSql, new { Id = (int)result.Batch.Id }, cancellationToken: cancellationToken)), cancellationToken);
        return new RecallResult(packs, result.Changed, result.Batch, result.Epoch);
    }

    public Task<WithdrawResult?> WithdrawProductAsync(
        string productCode, string market, string servedMarket, string? reason, TransactionContext context, Func<bool> isMarkedInCache,
        CancellationToken cancellationToken) =>
        database.WriteAsync<WithdrawResult?>(async (connection, transaction) =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<(int Id, string Owner, bool Withdrawn, long Version)?>(
                new CommandDefinition(LockProductForWithdrawalSql, new { productCode }, transaction, cancellationToken: cancellationToken));
            if (row is not { } p) return null;
            var changed = await connection.ExecuteAsync(new CommandDefinition(InsertWithdrawalSql,
                new { p.Id, market, reason, at = context.Timestamp.ToUnixTimeMilliseconds(), context.ClientId },
                transaction, cancellationToken: cancellationToken)) == 1;
            var product = new ProductRecord(p.Id, productCode, p.Owner, p.Withdrawn, p.Version);
            // Only the served market's withdrawal changes answers, so only it bumps the version the cache checks.
            var changesAnswers = changed && market == servedMarket && !product.Withdrawn;
            if (changesAnswers)
            {
                await connection.ExecuteAsync(new CommandDefinition(WithdrawSql, new { p.Id }, transaction, cancellationToken: cancellationToken));
                product = product with { Withdrawn = true, Version = p.Version + 1 };
            }
            var epoch = await SqlServerCacheEpoch.ForChangeAsync(connection, transaction, changesAnswers, isMarkedInCache, cancellationToken);
            await SqlServerAuditTrail.AppendMasterDataAsync(connection, transaction, context, "withdraw", productCode, null, null, active: false,
                $"market={market}" + (changed ? "" : " already withdrawn") + (reason is null ? "" : " reason=" + reason), cancellationToken);
            return new WithdrawResult(changed, product, epoch);
        }, cancellationToken);

    public Task<BatchSummary?> BatchSummaryAsync(string productCode, string batch, CancellationToken cancellationToken) =>
        database.ReadAsync(async connection =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<(int Id, string Expiry, bool Recalled)?>(
                new CommandDefinition(VisibleBatchSql, new { productCode, batch }, cancellationToken: cancellationToken));
            if (row is not { } b) return null;
            var counts = (await connection.QueryAsync<(byte State, long Count)>(
                new CommandDefinition(CountByStateSql, new { b.Id }, cancellationToken: cancellationToken)))
                .ToDictionary(c => (PackState)c.State, c => c.Count);
            return new BatchSummary(productCode, batch, b.Expiry, b.Recalled, counts.Values.Sum(), counts);
        }, cancellationToken);

    /// <summary>
    /// Only uploads create invisible batches; one whose upload stored nothing for
    /// <paramref name="idleFor"/> is abandoned (its stream broke, or its instance died). An upload
    /// still streaming touches its row with every chunk, and a chunk or commit that finds its row
    /// gone fails, so removing a slow upload loses nothing that was acknowledged.
    /// </summary>
    public async Task<int> RemoveUnfinishedUploadsAsync(TimeSpan idleFor, CancellationToken cancellationToken)
    {
        var before = DateTimeOffset.UtcNow.Add(-idleFor).ToUnixTimeMilliseconds();
        var leftovers = await database.ReadAsync(async connection => (await connection.QueryAsync<int>(
            new CommandDefinition(AbandonedBatchesSql, new { before }, cancellationToken: cancellationToken))).ToList(), cancellationToken);
        foreach (var batchId in leftovers) await SqlServerBatchUpload.RemovePendingAsync(database, batchId, before, cancellationToken);
        return leftovers.Count;
    }

    private async Task<UploadOpening> OpenAsync(
        SqlConnection connection, SqlTransaction transaction, UploadHeader header, TransactionContext context, bool validateOnly, CancellationToken cancellationToken)
    {
        var productId = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(ProductIdSql, new { header.ProductCode }, transaction,
            cancellationToken: cancellationToken))
            ?? throw new InvalidOperationException($"Product {header.ProductCode} is unknown; check before opening an upload.");

        var earlier = await connection.QuerySingleOrDefaultAsync<(int ProductId, string Batch, string Expiry, bool Committed, long Stored)?>(
            new CommandDefinition(LockEarlierUploadSql, new { context.ClientId, header.UploadId }, transaction, cancellationToken: cancellationToken));
        if (earlier is { } e)
        {
            if (e.ProductId != productId || e.Batch != header.Batch || e.Expiry != header.Expiry)
            {
                return HeaderProblem(UploadProblemCodes.UploadIdReused, $"Upload id {header.UploadId} was already used for batch {e.Batch} (expiry {e.Expiry}).");
            }
            if (!e.Committed) return HeaderProblem(UploadProblemCodes.BatchUploadInProgress, $"Upload {header.UploadId} is still in progress.");
            return new UploadOpening(null, new UploadResult(header.UploadId, UploadStatus.Committed, e.Stored, e.Stored, 0, [], Replayed: true), null);
        }

        var batch = await connection.QuerySingleOrDefaultAsync<(int Id, string Expiry, bool Visible)?>(
            new CommandDefinition(LockBatchSql, new { productId, header.Batch }, transaction, cancellationToken: cancellationToken));
        if (batch is { } b)
        {
            if (b.Expiry != header.Expiry)
            {
                return HeaderProblem(UploadProblemCodes.BatchExpiryConflict, $"Batch {header.Batch} exists with expiry {b.Expiry}, not {header.Expiry}.");
            }
            return b.Visible
                ? HeaderProblem(UploadProblemCodes.BatchExists, $"Batch {header.Batch} is already uploaded; a batch is uploaded in one upload.")
                : HeaderProblem(UploadProblemCodes.BatchUploadInProgress, $"Another upload of batch {header.Batch} is in progress.");
        }

        if (validateOnly) return new UploadOpening(new SqlServerBatchUpload(database, header, productId, null, null), null, null);

        var at = context.Timestamp.ToUnixTimeMilliseconds();
        var batchId = await connection.ExecuteScalarAsync<int>(new CommandDefinition(InsertInvisibleBatchSql,
            new { productId, header.Batch, header.Expiry, at }, transaction, cancellationToken: cancellationToken));
        var uploadRowId = await connection.ExecuteScalarAsync<int>(new CommandDefinition(InsertUploadSql,
            new { context.ClientId, header.UploadId, productId, batchId, header.Batch, header.Expiry, at }, transaction, cancellationToken: cancellationToken));
        return new UploadOpening(new SqlServerBatchUpload(database, header, productId, batchId, uploadRowId), null, null);
    }

    private static UploadOpening HeaderProblem(string code, string message) => new(null, null, new UploadProblem(code, -1, null, message));

    private static Task<int> InsertVersionAsync(
        SqlConnection connection, SqlTransaction transaction, int productId, long version, string data, long at, string clientId, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(InsertVersionSql, new { productId, version, data, at, clientId }, transaction,
            cancellationToken: cancellationToken));
}
