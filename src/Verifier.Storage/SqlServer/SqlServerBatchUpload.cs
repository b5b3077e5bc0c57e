using System.Data;
using Dapper;
using Microsoft.Data.SqlClient;

namespace Verifier.Storage.SqlServer;

/// <summary>
/// One upload into an invisible batch row. Each chunk is bulk-copied into a session temp table and
/// moved into packs in its own short transaction, which first touches the upload row (so every
/// instance sees the upload alive, and a chunk of an upload removed as abandoned fails); the final
/// transaction only flips the batch visible and writes the audit row.
/// </summary>
internal sealed class SqlServerBatchUpload : IBatchUpload
{
    /// <summary>Rows per chunk transaction: large enough to amortise the round trips, small enough to keep locks short.</summary>
    internal const int ChunkRows = 5_000;

    /// <summary>Serials per look-up when only checking: no locks are taken, so larger sets cost nothing more.</summary>
    private const int CheckRows = 50_000;

    internal const string TouchSql = "UPDATE uploads SET touched_at = @at WHERE id = @id AND committed = 0;";

    internal const string CreateChunkTableSql =
        "CREATE TABLE #chunk (idx int NOT NULL, serial varchar(20) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY);";

    /// <summary>
    /// Inserts the chunk's serials the product does not have yet and returns the others. The
    /// key-range locks of UPDLOCK, HOLDLOCK make a concurrent upload of the same serial wait here
    /// and then find it stored, rather than fail on the primary key.
    /// </summary>
    internal const string InsertChunkSql =
        """
        DECLARE @inserted TABLE (serial varchar(20) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY);
        INSERT INTO packs (product_id, serial, batch_id)
        OUTPUT inserted.serial INTO @inserted (serial)
        SELECT @productId, c.serial, @batchId FROM #chunk c
        WHERE NOT EXISTS (SELECT 1 FROM packs k WITH (UPDLOCK, HOLDLOCK) WHERE k.product_id = @productId AND k.serial = c.serial);
        SELECT c.idx FROM #chunk c WHERE NOT EXISTS (SELECT 1 FROM @inserted i WHERE i.serial = c.serial);
        """;

    internal const string DropChunkTableSql = "DROP TABLE #chunk;";

    // No key on serial: a serial checked twice is reported twice, as SQLite's point look-ups do.
    internal const string CreateCheckTableSql =
        "CREATE TABLE #check (idx int NOT NULL PRIMARY KEY, serial varchar(20) COLLATE Latin1_General_100_BIN2 NOT NULL);";

    internal const string FindStoredSql =
        "SELECT c.idx FROM #check c WHERE EXISTS (SELECT 1 FROM packs k WHERE k.product_id = @productId AND k.serial = c.serial);";

    internal const string DropCheckTableSql = "DROP TABLE #check;";

    internal const string HolderSql =
        "SELECT b.batch, b.visible FROM packs p JOIN batches b ON b.id = p.batch_id WHERE p.product_id = @productId AND p.serial = @serial;";

    internal const string FinishUploadSql =
        "UPDATE uploads SET committed = 1, stored_count = @stored, finished_at = @at WHERE id = @id AND committed = 0;";

    internal const string MakeVisibleSql = "UPDATE batches SET visible = 1 WHERE id = @batchId AND visible = 0;";

    internal const string DeletePendingUploadSql =
        "DELETE FROM uploads WHERE batch_id = @batchId AND committed = 0 AND COALESCE(touched_at, started_at) < @before;";

    internal const string UploadRowsSql = "SELECT COUNT(*) FROM uploads WHERE batch_id = @batchId;";

    internal const string DeletePendingPacksSql =
        """
        DELETE TOP (@ChunkRows) FROM packs
        WHERE batch_id = @batchId AND EXISTS (SELECT 1 FROM batches WHERE id = @batchId AND visible = 0);
        """;

    internal const string DeletePendingBatchSql = "DELETE FROM batches WHERE id = @batchId AND visible = 0;";

    private readonly SqlServerDatabase _database;
    private readonly UploadHeader _header;
    private readonly int _productId;
    private readonly int? _batchId;
    private readonly int? _uploadRowId;
    private long _storedCount;
    private bool _foundStored;
    private bool _committed;

    /// <param name="batchId">The invisible batch, or null for a validate-only upload that stores nothing.</param>
    public SqlServerBatchUpload(SqlServerDatabase database, UploadHeader header, int productId, int? batchId, int? uploadRowId)
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
            var existing = await _database.WriteAsync(
                (connection, transaction) => InsertChunkAsync(connection, transaction, batchId, serialNumbers, start, count, cancellationToken), cancellationToken);
            _storedCount += count - existing.Count;
            foreach (var index in existing) found.Add(index);
            _foundStored = existing.Count > 0;
        }
        await FindStoredAsync(serialNumbers, offset, found, cancellationToken);
        return await DescribeAsync(serialNumbers, found, cancellationToken);
    }

    public async Task<ExistingSerials> CheckAsync(IReadOnlyList<string> serialNumbers, IReadOnlyList<long> positions, int describeLimit, CancellationToken cancellationToken)
    {
        var found = new FoundSerials(positions, describeLimit);
        await FindStoredAsync(serialNumbers, 0, found, cancellationToken);
        return await DescribeAsync(serialNumbers, found, cancellationToken);
    }

    /// <summary>
    /// The upload row is finished first: once an instance removed it as abandoned, this fails
    /// before the batch could become visible half deleted.
    /// </summary>
    public async Task<UploadResult> CommitAsync(long receivedCount, TransactionContext context, CancellationToken cancellationToken)
    {
        var batchId = _batchId ?? throw new InvalidOperationException("A validate-only upload cannot be committed.");
        if (_foundStored) throw new InvalidOperationException($"Upload {_header.UploadId} holds serials stored before; it cannot be committed.");
        var stored = _storedCount;
        await _database.WriteAsync(async (connection, transaction) =>
        {
            var finished = await connection.ExecuteAsync(new CommandDefinition(FinishUploadSql,
                new { stored, at = context.Timestamp.ToUnixTimeMilliseconds(), id = _uploadRowId }, transaction, cancellationToken: cancellationToken));
            if (finished != 1) throw new InvalidOperationException($"Upload {_header.UploadId} was removed as abandoned.");
            var flipped = await connection.ExecuteAsync(new CommandDefinition(MakeVisibleSql, new { batchId }, transaction, cancellationToken: cancellationToken));
            if (flipped != 1) throw new InvalidOperationException($"Upload {_header.UploadId}: its batch is no longer pending.");
            await SqlServerAuditTrail.AppendMasterDataAsync(connection, transaction, context, "upload", _header.ProductCode, _header.Batch, _header.Expiry,
                active: true, $"upload_id={_header.UploadId} serials={stored}", cancellationToken);
            return flipped;
        }, cancellationToken);
        _committed = true;
        return new UploadResult(_header.UploadId, UploadStatus.Committed, receivedCount, stored, 0, [], Replayed: false);
    }

    public Task TouchAsync(CancellationToken cancellationToken) =>
        _uploadRowId is null
            ? Task.CompletedTask
            : _database.WriteAsync((connection, transaction) => TouchRowAsync(connection, transaction, cancellationToken), cancellationToken);

    public Task AbortAsync(CancellationToken cancellationToken) =>
        _committed || _batchId is not { } batchId ? Task.CompletedTask : RemovePendingAsync(_database, batchId, long.MaxValue, cancellationToken);

    /// <summary>
    /// Removes the pending upload row first, if it was not touched since <paramref name="before"/>
    /// (from then on its chunks and its commit fail), and stops when an upload row is still there (a
    /// live or committed upload). Then the packs go in chunk-sized transactions (short locks,
    /// bounded log), then the batch. Every statement re-checks that the batch is still invisible, so
    /// a committed batch is never touched.
    /// </summary>
    internal static async Task RemovePendingAsync(SqlServerDatabase database, int batchId, long before, CancellationToken cancellationToken)
    {
        var alive = await database.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(new CommandDefinition(DeletePendingUploadSql, new { batchId, before }, transaction, cancellationToken: cancellationToken));
            return await connection.ExecuteScalarAsync<int>(new CommandDefinition(UploadRowsSql, new { batchId }, transaction, cancellationToken: cancellationToken)) > 0;
        }, cancellationToken);
        if (alive) return;
        int deleted;
        do
        {
            deleted = await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(DeletePendingPacksSql,
                new { batchId, ChunkRows }, transaction, cancellationToken: cancellationToken)), cancellationToken);
        }
        while (deleted > 0);
        await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(DeletePendingBatchSql,
            new { batchId }, transaction, cancellationToken: cancellationToken)), cancellationToken);
    }

    /// <summary>Tells every instance this upload is alive; fails once it was removed as abandoned.</summary>
    private async Task<int> TouchRowAsync(SqlConnection connection, SqlTransaction transaction, CancellationToken cancellationToken)
    {
        var touched = await connection.ExecuteAsync(new CommandDefinition(TouchSql,
            new { at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), id = _uploadRowId }, transaction, cancellationToken: cancellationToken));
        return touched == 1 ? touched : throw new InvalidOperationException($"Upload {_header.UploadId} was removed as abandoned.");
    }

    /// <summary>
    /// Returns the indexes (ascending) of the chunk's serials not stored: already held by the
    /// product, or repeated within the chunk (as SQLite's insert-or-ignore reports them).
    /// </summary>
    private async Task<List<int>> InsertChunkAsync(
        SqlConnection connection, SqlTransaction transaction, int batchId, IReadOnlyList<string> serials, int start, int count, CancellationToken cancellationToken)
    {
        await TouchRowAsync(connection, transaction, cancellationToken);
        var rows = SerialTable();
        var existing = new List<int>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var index = start; index < start + count; index++)
        {
            if (seen.Add(serials[index])) rows.Rows.Add(index, serials[index]);
            else existing.Add(index);
        }
        await connection.ExecuteAsync(new CommandDefinition(CreateChunkTableSql, transaction: transaction, cancellationToken: cancellationToken));
        await BulkCopyAsync(connection, transaction, "#chunk", rows, cancellationToken);
        existing.AddRange(await connection.QueryAsync<int>(new CommandDefinition(InsertChunkSql,
            new { productId = _productId, batchId }, transaction, cancellationToken: cancellationToken)));
        await connection.ExecuteAsync(new CommandDefinition(DropChunkTableSql, transaction: transaction, cancellationToken: cancellationToken));
        existing.Sort();
        return existing;
    }

    /// <summary>Set look-ups from <paramref name="start"/> on, outside any transaction: the serials already stored for the product.</summary>
    private async Task FindStoredAsync(IReadOnlyList<string> serialNumbers, int start, FoundSerials found, CancellationToken cancellationToken)
    {
        for (var offset = start; offset < serialNumbers.Count; offset += CheckRows)
        {
            var rows = SerialTable();
            for (var index = offset; index < Math.Min(offset + CheckRows, serialNumbers.Count); index++) rows.Rows.Add(index, serialNumbers[index]);
            var stored = await _database.ReadAsync(async connection =>
            {
                await connection.ExecuteAsync(new CommandDefinition(CreateCheckTableSql, cancellationToken: cancellationToken));
                await BulkCopyAsync(connection, null, "#check", rows, cancellationToken);
                var indexes = await connection.QueryAsync<int>(new CommandDefinition(FindStoredSql, new { productId = _productId }, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(DropCheckTableSql, cancellationToken: cancellationToken));
                return indexes;
            }, cancellationToken);
            foreach (var index in stored.Order()) found.Add(index);
        }
    }

    /// <summary>
    /// Names the batch that holds each described serial, so the MAH can find its own mistake. It is
    /// never this upload's batch: a serial found stored was not written by this upload.
    /// </summary>
    private async Task<ExistingSerials> DescribeAsync(IReadOnlyList<string> serialNumbers, FoundSerials found, CancellationToken cancellationToken)
    {
        if (found.Count == 0) return new ExistingSerials(0, []);
        var problems = await _database.ReadAsync(async connection =>
        {
            var described = new List<UploadProblem>();
            foreach (var index in found.First())
            {
                var serial = serialNumbers[index];
                var holder = await connection.QuerySingleOrDefaultAsync<(string Batch, bool Visible)?>(new CommandDefinition(HolderSql,
                    new { productId = _productId, serial = SqlServerSerial.Parameter(serial) }, cancellationToken: cancellationToken));
                var where = holder switch
                {
                    null => "for this product",
                    { Visible: false } h => $"in batch {h.Batch}, whose upload is still in progress",
                    { } h => $"in batch {h.Batch}",
                };
                described.Add(new UploadProblem(UploadProblemCodes.SerialExists, found.Position(index), serial, $"The serial number is already stored {where}."));
            }
            return described;
        }, cancellationToken);
        return new ExistingSerials(found.Count, problems);
    }

    private static DataTable SerialTable()
    {
        var table = new DataTable();
        table.Columns.Add("idx", typeof(int));
        table.Columns.Add("serial", typeof(string));
        return table;
    }

    private static async Task BulkCopyAsync(SqlConnection connection, SqlTransaction? transaction, string table, DataTable rows, CancellationToken cancellationToken)
    {
        using var copy = new SqlBulkCopy(connection, SqlBulkCopyOptions.Default, transaction) { DestinationTableName = table, BatchSize = rows.Rows.Count };
        copy.ColumnMappings.Add("idx", "idx");
        copy.ColumnMappings.Add("serial", "serial");
        await copy.WriteToServerAsync(rows, cancellationToken);
    }
}
