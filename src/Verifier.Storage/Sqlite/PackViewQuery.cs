using Dapper;
using Microsoft.Data.Sqlite;
using Verifier.Core.Packs;

namespace Verifier.Storage.Sqlite;

/// <summary>Reads a <see cref="PackView"/>: committed (visible) batches only, so a half-uploaded batch is never answered.</summary>
internal static class PackViewQuery
{
    public static PackView Read(SqliteConnection connection, SqliteTransaction? transaction, ScannedPack scan)
    {
        var product = connection.QuerySingleOrDefault<ProductRow>(
            "SELECT id, product_code, owner_id, withdrawn, version FROM products WHERE product_code = @ProductCode",
            new { scan.ProductCode }, transaction)?.ToRecord();
        if (product is null) return PackView.Unknown;

        var scannedBatch = connection.QuerySingleOrDefault<BatchRow>(
            "SELECT id, product_id, batch, expiry, recalled, version FROM batches WHERE product_id = @Id AND batch = @Batch AND visible = 1",
            new { product.Id, scan.Batch }, transaction)?.ToRecord();
        var pack = connection.QuerySingleOrDefault<PackRow>(
            """
            SELECT batch_id, serial, state, version, changed_at, changed_by_client, changed_by_location, repeat_count
            FROM packs WHERE product_id = @Id AND serial = @SerialNumber
            """,
            new { product.Id, scan.SerialNumber }, transaction)?.ToRecord();
        if (pack is null) return new PackView(product, scannedBatch, null, null);

        var packBatch = pack.BatchId == scannedBatch?.Id
            ? scannedBatch
            : connection.QuerySingleOrDefault<BatchRow>(
                "SELECT id, product_id, batch, expiry, recalled, version FROM batches WHERE id = @BatchId AND visible = 1",
                new { pack.BatchId }, transaction)?.ToRecord();
        return packBatch is null
            ? new PackView(product, scannedBatch, null, null)
            : new PackView(product, scannedBatch, pack, packBatch);
    }

    // Row types mirror the columns (SQLite integers are 64-bit); the domain records are built from them.
#pragma warning disable IDE1006
    private sealed class ProductRow
    {
        public long id { get; init; }
        public string product_code { get; init; } = "";
        public string owner_id { get; init; } = "";
        public long withdrawn { get; init; }
        public long version { get; init; }

        public ProductRecord ToRecord() => new(id, product_code, owner_id, withdrawn != 0, version);
    }

    private sealed class BatchRow
    {
        public long id { get; init; }
        public long product_id { get; init; }
        public string batch { get; init; } = "";
        public string expiry { get; init; } = "";
        public long recalled { get; init; }
        public long version { get; init; }

        public BatchRecord ToRecord() => new(id, product_id, batch, expiry, recalled != 0, version);
    }

    private sealed class PackRow
    {
        public long batch_id { get; init; }
        public string serial { get; init; } = "";
        public long state { get; init; }
        public long version { get; init; }
        public long? changed_at { get; init; }
        public string? changed_by_client { get; init; }
        public string? changed_by_location { get; init; }
        public long repeat_count { get; init; }

        public PackRecord ToRecord() => new(
            batch_id, serial, (PackState)state, version,
            changed_at is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null,
            changed_by_client, changed_by_location, (int)repeat_count);
    }
#pragma warning restore IDE1006
}
