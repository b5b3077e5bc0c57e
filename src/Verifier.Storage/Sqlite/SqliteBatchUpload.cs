using Dapper;
using Microsoft.Data.Sqlite;

namespace Verifier.Storage.Sqlite;

/// <summary>
/// One upload into an invisible batch row. Each chunk is its own bulk group-committer work item,
/// so pack operations wait for one chunk (tens of milliseconds), never for a whole upload; the
/// final work item only flips the batch visible and writes the audit row.
/// </summary>
internal sealed class SqliteBatchUpload : IBatchUpload
{
    /// <summary>Rows per work item: large enough to amortise the commit, small enough to keep the writer responsive.</summary>
    internal const int ChunkRows = 5_000;

    private readonly SqliteDatabase _database;
    private readonly UploadHeader _header;
    private readonly long _productId;
    private readonly long? _batchId;
    private readonly long? _uploadRowId;
    private long _storedCount;
    private bool _foundStored;
    private bool _committed;

    /// <param name="batchId">The invisible batch, or null for a validate-only upload that stores nothing.</param>
    public SqliteBatchUpload(SqliteDatabase database, UploadHeader header, long productId, long? batchId, long? uploadRowId)
    {
        _database = database;
        _header = header;
        _productId = productId;
        _batchId = batchId;
        _uploadRowId = uploadRowId;
    }

    public async Task<ExistingSerials> StoreAsync(IReadOnlyList<string> serialNumbers, IReadOnlyList<long> positions, int describeLimit, CancellationToken cancellationToken)
    {
        var batchId = _batchId ?? throw new InvalidOperationException("A validate-only upload stores nothing.");
        var found = new FoundSerials(positions, describeLimit);
        var offset = 0;
        // Once a serial turns out to be stored the upload cannot commit: the rest is only checked,
        // which is cheaper than writing rows only to delete them again.
        for (; offset < serialNumbers.Count && !_foundStored; offset += ChunkRows)
        {
            var count = Math.Min(ChunkRows, serialNumbers.Count - offset);
            var start = offset;
            var existing = await _database.Writer.RunBulkAsync(
                (connection, transaction) => InsertChunk(connection, transaction, batchId, serialNumbers, start, count), cancellationToken);
            _storedCount += count - existing.Count;
            foreach (var index in existing) found.Add(index);
            _foundStored = existing.Count > 0;
        }
        FindStored(serialNumbers, offset, found);
        return await DescribeAsync(serialNumbers, found, cancellationToken);
    }

    public async Task<ExistingSerials> CheckAsync(IReadOnlyList<string> serialNumbers, IReadOnlyList<long> positions, int describeLimit, CancellationToken cancellationToken)
    {
        var found = new FoundSerials(positions, describeLimit);
        FindStored(serialNumbers, 0, found);
        return await DescribeAsync(serialNumbers, found, cancellationToken);
    }

    public async Task<UploadResult> CommitAsync(long receivedCount, TransactionContext context, CancellationToken cancellationToken)
    {
        var batchId = _batchId ?? throw new InvalidOperationException("A validate-only upload cannot be committed.");
        if (_foundStored) throw new InvalidOperationException($"Upload {_header.UploadId} holds serials stored before; it cannot be committed.");
        var stored = _storedCount;
        await _database.Writer.RunAsync((connection, transaction) =>
        {
            // The upload row first: once an instance removed it as abandoned, this fails before a
            // batch whose packs are being deleted could become visible.
            var finished = connection.Execute(
                "UPDATE uploads SET committed = 1, stored_count = @stored, finished_at = @at WHERE id = @id AND committed = 0",
                new { stored, at = context.Timestamp.ToUnixTimeMilliseconds(), id = _uploadRowId }, transaction);
            if (finished != 1) throw new InvalidOperationException($"Upload {_header.UploadId} was removed as abandoned.");
            var flipped = connection.Execute("UPDATE batches SET visible = 1 WHERE id = @batchId AND visible = 0", new { batchId }, transaction);
            if (flipped != 1) throw new InvalidOperationException($"Upload {_header.UploadId}: its batch is no longer pending.");
            MasterDataAudit.Write(connection, transaction, context, "upload", _header.ProductCode, _header.Batch, _header.Expiry, active: true,
                $"upload_id={_header.UploadId} serials={stored}");
            return flipped;
        }, cancellationToken);
        _committed = true;
        return new UploadResult(_header.UploadId, UploadStatus.Committed, receivedCount, stored, 0, [], Replayed: false);
    }

    public Task TouchAsync(CancellationToken cancellationToken) =>
        _uploadRowId is null ? Task.CompletedTask : _database.Writer.RunAsync((connection, transaction) => Touch(connection, transaction), cancellationToken);

    /// <summary>Tells every instance this upload is alive (see <see cref="IMasterDataStore.RemoveUnfinishedUploadsAsync"/>).</summary>
    private int Touch(SqliteConnection connection, SqliteTransaction transaction)
    {
        var touched = connection.Execute(
            "UPDATE uploads SET touched_at = @at WHERE id = @id AND committed = 0",
            new { at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), id = _uploadRowId }, transaction);
        return touched == 1 ? touched : throw new InvalidOperationException($"Upload {_header.UploadId} was removed as abandoned.");
    }

    public Task AbortAsync(CancellationToken cancellationToken) =>
        _committed || _batchId is not { } batchId ? Task.CompletedTask : RemovePendingAsync(_database, _productId, batchId, long.MaxValue, cancellationToken);

    /// <summary>
    /// Removes the pending upload row first, if it was not touched since <paramref name="before"/>
    /// (from then on its chunks and its commit fail), and stops when an upload row is still there (a
    /// live or committed upload). Then the packs go in chunk-sized work items (the writer stays
    /// responsive), then the batch. Every statement re-checks that the batch is still invisible, so
    /// a committed batch is never touched.
    /// </summary>
    internal static async Task RemovePendingAsync(SqliteDatabase database, long productId, long batchId, long before, CancellationToken cancellationToken)
    {
        var alive = await database.Writer.RunAsync((connection, transaction) =>
        {
            connection.Execute(
                "DELETE FROM uploads WHERE batch_id = @batchId AND committed = 0 AND COALESCE(touched_at, started_at) < @before",
                new { batchId, before }, transaction);
            return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM uploads WHERE batch_id = @batchId", new { batchId }, transaction) > 0;
        }, cancellationToken);
        if (alive) return;
        int deleted;
        do
        {
            deleted = await database.Writer.RunBulkAsync((connection, transaction) => connection.Execute(
                """
                DELETE FROM packs WHERE product_id = @productId AND serial IN (
                    SELECT serial FROM packs WHERE batch_id = @batchId LIMIT @ChunkRows)
                AND EXISTS (SELECT 1 FROM batches WHERE id = @batchId AND visible = 0)
                """,
                new { productId, batchId, ChunkRows }, transaction), cancellationToken);
        }
        while (deleted > 0);
        await database.Writer.RunAsync((connection, transaction) =>
            connection.Execute("DELETE FROM batches WHERE id = @batchId AND visible = 0", new { batchId }, transaction), cancellationToken);
    }

    /// <summary>
    /// One prepared INSERT reused for every row, in key order so the B-tree is walked forwards.
    /// A conflict (changes() = 0) means the product already has this serial: its index is returned.
    /// </summary>
    private List<int> InsertChunk(SqliteConnection connection, SqliteTransaction transaction, long batchId, IReadOnlyList<string> serials, int start, int count)
    {
        // A row already removed as abandoned fails the chunk: nothing goes into a batch that no longer exists.
        Touch(connection, transaction);
        var order = new int[count];
        for (var i = 0; i < count; i++) order[i] = start + i;
        Array.Sort(order, (a, b) => string.CompareOrdinal(serials[a], serials[b]));

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO packs (product_id, serial, batch_id) VALUES ($product, $serial, $batch) ON CONFLICT DO NOTHING";
        insert.Parameters.AddWithValue("$product", _productId);
        insert.Parameters.AddWithValue("$batch", batchId);
        var serial = insert.Parameters.Add("$serial", SqliteType.Text);
        insert.Prepare();
        var existing = new List<int>();
        foreach (var index in order)
        {
            serial.Value = serials[index];
            if (insert.ExecuteNonQuery() == 0) existing.Add(index);
        }
        existing.Sort();
        return existing;
    }

    /// <summary>Point lookups on a reader, from <paramref name="start"/> on: the serials already stored for the product.</summary>
    private void FindStored(IReadOnlyList<string> serialNumbers, int start, FoundSerials found)
    {
        if (start >= serialNumbers.Count) return;
        using var connection = _database.Open();
        using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT 1 FROM packs WHERE product_id = $product AND serial = $serial";
        exists.Parameters.AddWithValue("$product", _productId);
        var serial = exists.Parameters.Add("$serial", SqliteType.Text);
        exists.Prepare();
        for (var i = start; i < serialNumbers.Count; i++)
        {
            serial.Value = serialNumbers[i];
            if (exists.ExecuteScalar() is not null) found.Add(i);
        }
    }

    /// <summary>
    /// Names the batch that holds each described serial, so the MAH can find its own mistake. It is
    /// never this upload's batch: a serial found stored was not written by this upload, and the
    /// caller removes duplicates within the upload.
    /// </summary>
    private async Task<ExistingSerials> DescribeAsync(IReadOnlyList<string> serialNumbers, FoundSerials found, CancellationToken cancellationToken)
    {
        if (found.Count == 0) return new ExistingSerials(0, []);
        await using var connection = _database.Open();
        var problems = new List<UploadProblem>();
        foreach (var index in found.First())
        {
            var serial = serialNumbers[index];
            var holder = await connection.QuerySingleOrDefaultAsync<(string Batch, long Visible)?>(new CommandDefinition(
                "SELECT b.batch, b.visible FROM packs p JOIN batches b ON b.id = p.batch_id WHERE p.product_id = @productId AND p.serial = @serial",
                new { productId = _productId, serial }, cancellationToken: cancellationToken));
            var where = holder switch
            {
                null => "for this product",
                { Visible: 0 } h => $"in batch {h.Batch}, whose upload is still in progress",
                { } h => $"in batch {h.Batch}",
            };
            problems.Add(new UploadProblem(UploadProblemCodes.SerialExists, found.Position(index), serial, $"The serial number is already stored {where}."));
        }
        return new ExistingSerials(found.Count, problems);
    }
}
