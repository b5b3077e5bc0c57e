using System.Security.Cryptography;
using Verifier.V1;

namespace Verifier.Server.Tests.Infrastructure;

/// <summary>
/// The master data the pack tests run against, written as an upload leaves it: one product of the
/// demo MAH with an active, a second, a recalled and an expired batch, and a withdrawn product.
/// Each test makes its own packs, so tests share a server without sharing state.
/// </summary>
public static class Catalog
{
    public const string Gtin = "04150123456782";
    public const string WithdrawnGtin = "04150999999994";
    public const string UnknownGtin = "05901234123457";
    public const string Lot = "LOT-A";
    public const string OtherLot = "LOT-B";
    public const string RecalledLot = "LOT-R";
    public const string ExpiredLot = "LOT-X";
    public const string WithdrawnLot = "LOT-W";
    // Far enough ahead that the catalog stays valid for the life of these tests (DD=31 of 2049).
    public const string Expiry = "491231";
    public const string ExpiredExpiry = "200131";

    private static readonly Dictionary<string, (long Id, long Product, string Expiry)> Batches = new()
    {
        [Lot] = (10, 1, Expiry),
        [OtherLot] = (11, 1, Expiry),
        [RecalledLot] = (12, 1, Expiry),
        [ExpiredLot] = (13, 1, ExpiredExpiry),
        [WithdrawnLot] = (20, 2, Expiry),
    };

    public static Task SeedAsync(VerifierServer server) => server.SeedAsync(
        $"""
        INSERT INTO products (id, product_code, scheme, owner_id, withdrawn) VALUES
            (1, '{Gtin}', 1, 'mah-acme', 0), (2, '{WithdrawnGtin}', 1, 'mah-acme', 1);
        INSERT INTO batches (id, product_id, batch, expiry, recalled, created_at) VALUES
            (10, 1, '{Lot}', '{Expiry}', 0, 0), (11, 1, '{OtherLot}', '{Expiry}', 0, 0),
            (12, 1, '{RecalledLot}', '{Expiry}', 1, 0), (13, 1, '{ExpiredLot}', '{ExpiredExpiry}', 0, 0),
            (20, 2, '{WithdrawnLot}', '{Expiry}', 0, 0);
        """);

    /// <summary>A new active pack in <paramref name="lot"/>; returns its serial.</summary>
    public static async Task<string> NewPackAsync(VerifierServer server, string lot = Lot)
    {
        var serial = NewSerial();
        var batch = Batches[lot];
        await server.SeedAsync("INSERT INTO packs (product_id, serial, batch_id) VALUES (@product, @serial, @batch)",
            new { product = batch.Product, serial, batch = batch.Id });
        return serial;
    }

    public static string NewSerial() => "S" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6));

    public static PackIdentifier Fields(string serial, string lot = Lot, string? expiry = null, string gtin = Gtin) => new()
    {
        Fields = new PackFields
        {
            ProductCode = gtin,
            SerialNumber = serial,
            Batch = lot,
            Expiry = expiry ?? (Batches.TryGetValue(lot, out var b) ? b.Expiry : Expiry),
        },
    };

    /// <summary>The same pack as a scanner's HRI text.</summary>
    public static PackIdentifier Scan(string serial, string lot = Lot, string gtin = Gtin) =>
        new() { Scan = $"(01){gtin}(17){Batches[lot].Expiry}(10){lot}(21){serial}" };

    public static string NewTransactionId() => Guid.NewGuid().ToString("N");
}
