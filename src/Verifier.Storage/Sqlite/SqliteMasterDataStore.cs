using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Verifier.Core.Packs;

namespace Verifier.Storage.Sqlite;

/// <summary>
/// Master data and uploads on SQLite. Every write goes through the group committer; an upload
/// writes chunk by chunk into an invisible batch (see <see cref="SqliteBatchUpload"/>).
/// </summary>
public sealed class SqliteMasterDataStore(SqliteDatabase database) : IMasterDataStore
{
    private static readonly JsonSerializerOptions VersionJson = new() { WriteIndented = false };

    private readonly SqliteDatabase _database = database;

    public async Task<ProductRecord?> FindProductAsync(string productCode, CancellationToken cancellationToken)
    {
        await using var connection = _database.Open();
        var row = await connection.QuerySingleOrDefaultAsync<(long Id, string Code, string Owner, long Withdrawn, long Version)?>(
            "SELECT id, product_code, owner_id, withdrawn, version FROM products WHERE product_code = @productCode", new { productCode });
        return row is { } r ? new ProductRecord(r.Id, r.Code, r.Owner, r.Withdrawn != 0, r.Version) : null;
    }

    public Task<ProductUpsertResult> UpsertProductAsync(ProductMasterData product, bool allowOwnerChange, TransactionContext context, CancellationToken cancellationToken)
    {
        var data = JsonSerializer.Serialize(product, VersionJson);
        return _database.Writer.RunAsync((connection, transaction) =>
        {
            var at = context.Timestamp.ToUnixTimeMilliseconds();
            var current = connection.QuerySingleOrDefault<(long Id, string Owner, long MasterVersion)?>(
                "SELECT id, owner_id, master_version FROM products WHERE product_code = @ProductCode", new { product.ProductCode }, transaction);
            if (current is not { } existing)
            {
                var id = connection.ExecuteScalar<long>(
                    """
                    INSERT INTO products (product_code, scheme, owner_id, withdrawn, version, master_version)
                    VALUES (@ProductCode, @scheme, @OwnerId, 0, 1, 1) RETURNING id
                    """,
                    new { product.ProductCode, scheme = (int)product.Scheme, product.OwnerId }, transaction);
                InsertVersion(connection, transaction, id, 1, data, at, context.ClientId);
                MasterDataAudit.Write(connection, transaction, context, "product-upsert", product.ProductCode, null, null, true, "version=1");
                return new ProductUpsertResult(1, Changed: true, OwnedByAnother: false);
            }

            if (existing.Owner != product.OwnerId && !allowOwnerChange)
            {
                return new ProductUpsertResult((int)existing.MasterVersion, Changed: false, OwnedByAnother: true);
            }
            var currentData = connection.ExecuteScalar<string?>(
                "SELECT data FROM product_versions WHERE product_id = @Id AND version = @MasterVersion", new { existing.Id, existing.MasterVersion }, transaction);
            if (currentData == data) return new ProductUpsertResult((int)existing.MasterVersion, Changed: false, OwnedByAnother: false);

            var version = existing.MasterVersion + 1;
            connection.Execute(
                "UPDATE products SET owner_id = @OwnerId, master_version = @version WHERE id = @Id",
                new { product.OwnerId, version, existing.Id }, transaction);
            InsertVersion(connection, transaction, existing.Id, version, data, at, context.ClientId);
            MasterDataAudit.Write(connection, transaction, context, "product-upsert", product.ProductCode, null, null, true, $"version={version}");
            return new ProductUpsertResult((int)version, Changed: true, OwnedByAnother: false);
        }, cancellationToken);
    }

    public Task<UploadOpening> OpenUploadAsync(UploadHeader header, TransactionContext context, bool validateOnly, CancellationToken cancellationToken) =>
        _database.Writer.RunAsync((connection, transaction) => Open(connection, transaction, header, context, validateOnly), cancellationToken);

    public async Task<RecallResult?> RecallBatchAsync(
        string productCode, string batch, string? reason, TransactionContext context, Func<bool> isMarkedInCache, CancellationToken cancellationToken)
    {
        var recalled = await _database.Writer.RunAsync<(BatchRecord Batch, bool Changed, long Epoch)?>((connection, transaction) =>
        {
            var row = connection.QuerySingleOrDefault<(long Id, long ProductId, string Batch, string Expiry, long Recalled, long Version)?>(
                """
                SELECT b.id, b.product_id, b.batch, b.expiry, b.recalled, b.version FROM batches b JOIN products p ON p.id = b.product_id
                WHERE p.product_code = @productCode AND b.batch = @batch AND b.visible = 1
                """,
                new { productCode, batch }, transaction);
            if (row is not { } b) return null;
            var changed = b.Recalled == 0;
            if (changed) connection.Execute("UPDATE batches SET recalled = 1, version = version + 1 WHERE id = @Id", new { b.Id }, transaction);
            MasterDataAudit.Write(connection, transaction, context, "recall", productCode, b.Batch, b.Expiry, active: false,
                changed ? reason : "already recalled" + (reason is null ? "" : ": " + reason));
            var epoch = CacheEpochRow.ForChange(connection, transaction, changed, isMarkedInCache);
            return (new BatchRecord(b.Id, b.ProductId, b.Batch, b.Expiry, Recalled: true, changed ? b.Version + 1 : b.Version), changed, epoch);
        }, cancellationToken);
        if (recalled is not { } result) return null;

        // Counted after the commit on a reader: a million-pack count has no business holding the writer.
        await using var connection = _database.Open();
        var packs = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM packs WHERE batch_id = @Id", new { result.Batch.Id });
        return new RecallResult(packs, result.Changed, result.Batch, result.Epoch);
    }

    public Task<WithdrawResult?> WithdrawProductAsync(
        string productCode, string market, string servedMarket, string? reason, TransactionContext context, Func<bool> isMarkedInCache,
        CancellationToken cancellationToken) =>
        _database.Writer.RunAsync<WithdrawResult?>((connection, transaction) =>
        {
            var row = connection.QuerySingleOrDefault<(long Id, string Owner, long Withdrawn, long Version)?>(
                "SELECT id, owner_id, withdrawn, version FROM products WHERE product_code = @productCode", new { productCode }, transaction);
            if (row is not { } p) return null;
            var changed = connection.Execute(
                """
                INSERT INTO product_withdrawals (product_id, market, reason, withdrawn_at, withdrawn_by)
                VALUES (@Id, @market, @reason, @at, @ClientId) ON CONFLICT DO NOTHING
                """,
                new { p.Id, market, reason, at = context.Timestamp.ToUnixTimeMilliseconds(), context.ClientId }, transaction) == 1;
            var product = new ProductRecord(p.Id, productCode, p.Owner, p.Withdrawn != 0, p.Version);
            // Only the served market's withdrawal changes answers, so only it bumps the version the cache checks.
            var changesAnswers = changed && market == servedMarket && !product.Withdrawn;
            if (changesAnswers)
            {
                connection.Execute("UPDATE products SET withdrawn = 1, version = version + 1 WHERE id = @Id", new { p.Id }, transaction);
                product = product with { Withdrawn = true, Version = p.Version + 1 };
            }
            var epoch = CacheEpochRow.ForChange(connection, transaction, changesAnswers, isMarkedInCache);
            MasterDataAudit.Write(connection, transaction, context, "withdraw", productCode, null, null, active: false,
                $"market={market}" + (changed ? "" : " already withdrawn") + (reason is null ? "" : " reason=" + reason));
            return new WithdrawResult(changed, product, epoch);
        }, cancellationToken);

    public async Task<BatchSummary?> BatchSummaryAsync(string productCode, string batch, CancellationToken cancellationToken)
    {
        await using var connection = _database.Open();
        var row = await connection.QuerySingleOrDefaultAsync<(long Id, string Expiry, long Recalled)?>(
            """
            SELECT b.id, b.expiry, b.recalled FROM batches b JOIN products p ON p.id = b.product_id
            WHERE p.product_code = @productCode AND b.batch = @batch AND b.visible = 1
            """,
            new { productCode, batch });
        if (row is not { } b) return null;
        // Covered by packs_batch (batch_id, state): a count per state without touching the packs themselves.
        var counts = (await connection.QueryAsync<(long State, long Count)>(
            "SELECT state, COUNT(*) FROM packs WHERE batch_id = @Id GROUP BY state", new { b.Id }))
            .ToDictionary(c => (PackState)c.State, c => c.Count);
        return new BatchSummary(productCode, batch, b.Expiry, b.Recalled != 0, counts.Values.Sum(), counts);
    }

    private UploadOpening Open(SqliteConnection connection, SqliteTransaction transaction, UploadHeader header, TransactionContext context, bool validateOnly)
    {
        var productId = connection.ExecuteScalar<long?>(
            "SELECT id FROM products WHERE product_code = @ProductCode", new { header.ProductCode }, transaction)
            ?? throw new InvalidOperationException($"Product {header.ProductCode} is unknown; check before opening an upload.");

        var earlier = connection.QuerySingleOrDefault<(long ProductId, string Batch, string Expiry, long Committed, long Stored)?>(
            "SELECT product_id, batch, expiry, committed, stored_count FROM uploads WHERE client_id = @ClientId AND upload_id = @UploadId",
            new { context.ClientId, header.UploadId }, transaction);
        if (earlier is { } e)
        {
            if (e.ProductId != productId || e.Batch != header.Batch || e.Expiry != header.Expiry)
            {
                return HeaderProblem(UploadProblemCodes.UploadIdReused, $"Upload id {header.UploadId} was already used for batch {e.Batch} (expiry {e.Expiry}).");
            }
            if (e.Committed == 0) return HeaderProblem(UploadProblemCodes.BatchUploadInProgress, $"Upload {header.UploadId} is still in progress.");
            return new UploadOpening(null, new UploadResult(header.UploadId, UploadStatus.Committed, e.Stored, e.Stored, 0, [], Replayed: true), null);
        }

        var batch = connection.QuerySingleOrDefault<(long Id, string Expiry, long Visible)?>(
            "SELECT id, expiry, visible FROM batches WHERE product_id = @productId AND batch = @Batch", new { productId, header.Batch }, transaction);
        if (batch is { } b)
        {
            if (b.Expiry != header.Expiry)
            {
                return HeaderProblem(UploadProblemCodes.BatchExpiryConflict, $"Batch {header.Batch} exists with expiry {b.Expiry}, not {header.Expiry}.");
            }
            return b.Visible == 0
                ? HeaderProblem(UploadProblemCodes.BatchUploadInProgress, $"Another upload of batch {header.Batch} is in progress.")
                : HeaderProblem(UploadProblemCodes.BatchExists, $"Batch {header.Batch} is already uploaded; a batch is uploaded in one upload.");
        }

        if (validateOnly) return new UploadOpening(new SqliteBatchUpload(_database, header, productId, null, null), null, null);

        var at = context.Timestamp.ToUnixTimeMilliseconds();
        var batchId = connection.ExecuteScalar<long>(
            "INSERT INTO batches (product_id, batch, expiry, recalled, version, visible, created_at) VALUES (@productId, @Batch, @Expiry, 0, 1, 0, @at) RETURNING id",
            new { productId, header.Batch, header.Expiry, at }, transaction);
        var uploadRowId = connection.ExecuteScalar<long>(
            """
            INSERT INTO uploads (client_id, upload_id, product_id, batch_id, batch, expiry, committed, started_at)
            VALUES (@ClientId, @UploadId, @productId, @batchId, @Batch, @Expiry, 0, @at) RETURNING id
            """,
            new { context.ClientId, header.UploadId, productId, batchId, header.Batch, header.Expiry, at }, transaction);
        return new UploadOpening(new SqliteBatchUpload(_database, header, productId, batchId, uploadRowId), null, null);
    }

    private static UploadOpening HeaderProblem(string code, string message) => new(null, null, new UploadProblem(code, -1, null, message));

    private static void InsertVersion(SqliteConnection connection, SqliteTransaction transaction, long productId, long version, string data, long at, string clientId) =>
        connection.Execute(
            "INSERT INTO product_versions (product_id, version, data, created_at, created_by) VALUES (@productId, @version, @data, @at, @clientId)",
            new { productId, version, data, at, clientId }, transaction);

    /// <summary>
    /// Only uploads create invisible batches; one whose upload stored nothing for
    /// <paramref name="idleFor"/> is abandoned (its stream broke, or its instance died). An upload
    /// still streaming touches its row with every chunk, and a chunk or commit that finds its row
    /// gone fails, so removing a slow upload loses nothing that was acknowledged.
    /// </summary>
    public async Task<int> RemoveUnfinishedUploadsAsync(TimeSpan idleFor, CancellationToken cancellationToken)
    {
        var before = DateTimeOffset.UtcNow.Add(-idleFor).ToUnixTimeMilliseconds();
        List<(long Id, long ProductId)> leftovers;
        await using (var connection = _database.Open())
        {
            leftovers = (await connection.QueryAsync<(long, long)>(
                """
                SELECT b.id, b.product_id FROM batches b
                WHERE b.visible = 0 AND NOT EXISTS (
                    SELECT 1 FROM uploads u WHERE u.batch_id = b.id AND u.committed = 0 AND COALESCE(u.touched_at, u.started_at) >= @before)
                """, new { before })).ToList();
        }
        foreach (var (batchId, productId) in leftovers) await SqliteBatchUpload.RemovePendingAsync(_database, productId, batchId, before, cancellationToken);
        return leftovers.Count;
    }
}
