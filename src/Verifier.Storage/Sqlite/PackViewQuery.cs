using Microsoft.Data.Sqlite;
using Verifier.Core.Packs;

namespace Verifier.Storage.Sqlite;

/// <summary>
/// Reads a <see cref="PackView"/>: committed (visible) batches only, so a half-uploaded batch is never
/// answered. Only on the writer, whose statements are prepared once: every pack command reads its pack
/// there, one after the other, and parsing the statements anew was a good part of that serial time
/// (docs/latency.md).
/// </summary>
internal static class PackViewQuery
{
    private const string ProductSql = "SELECT id, product_code, owner_id, withdrawn, version FROM products WHERE product_code = $product_code";
    private const string ScannedBatchSql =
        "SELECT id, product_id, batch, expiry, recalled, version FROM batches WHERE product_id = $product_id AND batch = $batch AND visible = 1";
    private const string PackSql =
        """
        SELECT batch_id, serial, state, version, changed_at, changed_by_client, changed_by_location, repeat_count
        FROM packs WHERE product_id = $product_id AND serial = $serial
        """;
    private const string BatchByIdSql = "SELECT id, product_id, batch, expiry, recalled, version FROM batches WHERE id = $id AND visible = 1";

    public static PackView Read(SqliteConnection connection, SqliteTransaction transaction, ScannedPack scan)
    {
        var product = PreparedStatements.Single(connection, transaction, ProductSql, ["$product_code"], [scan.ProductCode],
            row => new ProductRecord(row.GetInt64(0), row.GetString(1), row.GetString(2), row.GetInt64(3) != 0, row.GetInt64(4)));
        if (product is null) return PackView.Unknown;

        var scannedBatch = PreparedStatements.Single(connection, transaction, ScannedBatchSql, ["$product_id", "$batch"], [product.Id, scan.Batch], ToBatch);
        var pack = PreparedStatements.Single(connection, transaction, PackSql, ["$product_id", "$serial"], [product.Id, scan.SerialNumber], row => new PackRecord(
            row.GetInt64(0), row.GetString(1), (PackState)row.GetInt64(2), row.GetInt64(3),
            row.IsDBNull(4) ? null : DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(4)),
            row.IsDBNull(5) ? null : row.GetString(5), row.IsDBNull(6) ? null : row.GetString(6), (int)row.GetInt64(7)));
        if (pack is null) return new PackView(product, scannedBatch, null, null);

        var packBatch = pack.BatchId == scannedBatch?.Id ? scannedBatch : PreparedStatements.Single(connection, transaction, BatchByIdSql, ["$id"], [pack.BatchId], ToBatch);
        return packBatch is null
            ? new PackView(product, scannedBatch, null, null)
            : new PackView(product, scannedBatch, pack, packBatch);
    }

    private static BatchRecord ToBatch(SqliteDataReader row) =>
        new(row.GetInt64(0), row.GetInt64(1), row.GetString(2), row.GetString(3), row.GetInt64(4) != 0, row.GetInt64(5));
}
