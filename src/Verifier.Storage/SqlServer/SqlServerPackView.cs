using Dapper;
using Microsoft.Data.SqlClient;
using Verifier.Core.Packs;

namespace Verifier.Storage.SqlServer;

/// <summary>
/// Reads a <see cref="PackView"/> in one statement: one statement is one snapshot under
/// READ_COMMITTED_SNAPSHOT, so a view never mixes a product from before a commit with a pack from
/// after it. Committed (visible) batches only, so a half-uploaded batch is never answered.
/// </summary>
internal static class SqlServerPackView
{
    /// <summary>What any reader sees.</summary>
    internal const string ReadSql =
        """
        SELECT p.id AS product_id, p.product_code, p.owner_id, p.withdrawn, p.version AS product_version,
            sb.id AS scanned_batch_id, sb.batch AS scanned_batch, sb.expiry AS scanned_expiry, sb.recalled AS scanned_recalled, sb.version AS scanned_version,
            k.batch_id, k.serial, k.state, k.version AS pack_version, k.changed_at, k.changed_by_client, k.changed_by_location, k.repeat_count,
            pb.id AS pack_batch_id, pb.batch AS pack_batch, pb.expiry AS pack_expiry, pb.recalled AS pack_recalled, pb.version AS pack_batch_version
        FROM products p
        LEFT JOIN batches sb ON sb.product_id = p.id AND sb.batch = @Batch AND sb.visible = 1
        LEFT JOIN packs k ON k.product_id = p.id AND k.serial = @SerialNumber
        LEFT JOIN batches pb ON pb.id = k.batch_id AND pb.visible = 1
        WHERE p.product_code = @ProductCode;
        """;

    /// <summary>
    /// Inside a pack command: the pack row is read under an update lock, which UPDLOCK holds until
    /// commit at any isolation level, so the decision is made on the current row and a second
    /// command on the same pack waits here, then decides on the first one's result. No HOLDLOCK:
    /// a pack that does not exist yet cannot be changed by a command (only a committed upload makes
    /// it answerable), so locking the empty key range would only make unknown serials queue.
    /// Update locks do not block plain readers, which read row versions.
    /// </summary>
    internal const string ReadForUpdateSql =
        """
        SELECT p.id AS product_id, p.product_code, p.owner_id, p.withdrawn, p.version AS product_version,
            sb.id AS scanned_batch_id, sb.batch AS scanned_batch, sb.expiry AS scanned_expiry, sb.recalled AS scanned_recalled, sb.version AS scanned_version,
            k.batch_id, k.serial, k.state, k.version AS pack_version, k.changed_at, k.changed_by_client, k.changed_by_location, k.repeat_count,
            pb.id AS pack_batch_id, pb.batch AS pack_batch, pb.expiry AS pack_expiry, pb.recalled AS pack_recalled, pb.version AS pack_batch_version
        FROM products p
        LEFT JOIN batches sb ON sb.product_id = p.id AND sb.batch = @Batch AND sb.visible = 1
        LEFT JOIN packs k WITH (UPDLOCK, ROWLOCK) ON k.product_id = p.id AND k.serial = @SerialNumber
        LEFT JOIN batches pb ON pb.id = k.batch_id AND pb.visible = 1
        WHERE p.product_code = @ProductCode;
        """;

    public static async Task<PackView> ReadAsync(
        SqlConnection connection, SqlTransaction? transaction, ScannedPack scan, bool forUpdate, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ViewRow>(new CommandDefinition(
            forUpdate ? ReadForUpdateSql : ReadSql,
            new { scan.ProductCode, scan.Batch, SerialNumber = SqlServerSerial.Parameter(scan.SerialNumber) },
            transaction, cancellationToken: cancellationToken));
        return row?.ToView() ?? PackView.Unknown;
    }

#pragma warning disable IDE1006 // Column names and SQL Server types, as Dapper maps them.
    private sealed class ViewRow
    {
        public int product_id { get; init; }
        public string product_code { get; init; } = "";
        public string owner_id { get; init; } = "";
        public bool withdrawn { get; init; }
        public long product_version { get; init; }
        public int? scanned_batch_id { get; init; }
        public string? scanned_batch { get; init; }
        public string? scanned_expiry { get; init; }
        public bool? scanned_recalled { get; init; }
        public long? scanned_version { get; init; }
        public int? batch_id { get; init; }
        public string? serial { get; init; }
        public byte? state { get; init; }
        public long? pack_version { get; init; }
        public long? changed_at { get; init; }
        public string? changed_by_client { get; init; }
        public string? changed_by_location { get; init; }
        public int? repeat_count { get; init; }
        public int? pack_batch_id { get; init; }
        public string? pack_batch { get; init; }
        public string? pack_expiry { get; init; }
        public bool? pack_recalled { get; init; }
        public long? pack_batch_version { get; init; }

        /// <summary>As SQLite builds it: a pack whose batch is not visible is no pack at all.</summary>
        public PackView ToView()
        {
            var product = new ProductRecord(product_id, product_code, owner_id, withdrawn, product_version);
            var scannedBatch = scanned_batch_id is { } scannedId
                ? new BatchRecord(scannedId, product_id, scanned_batch!, scanned_expiry!, scanned_recalled!.Value, scanned_version!.Value)
                : null;
            if (batch_id is not { } packBatchId || pack_batch_id is null) return new PackView(product, scannedBatch, null, null);
            var pack = new PackRecord(
                packBatchId, serial!, (PackState)state!.Value, pack_version!.Value,
                changed_at is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null,
                changed_by_client, changed_by_location, repeat_count!.Value);
            var packBatch = new BatchRecord(packBatchId, product_id, pack_batch!, pack_expiry!, pack_recalled!.Value, pack_batch_version!.Value);
            return new PackView(product, scannedBatch, pack, packBatch);
        }
    }
#pragma warning restore IDE1006
}
