using Verifier.Core.Packs;

namespace Verifier.Cache.Tests;

/// <summary>A product with one batch and one dispensed pack; codes are unique per call so tests never share keys.</summary>
internal static class Samples
{
    public const string Lot = "LOT42";
    public const string Serial = "ABC123:x";

    public static readonly DateTimeOffset DispensedAt = new DateTimeOffset(2025, 3, 14, 9, 26, 53, TimeSpan.Zero).AddTicks(5_358_979);

    public static string NewProductCode() => "0415" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999);

    public static ProductRecord Product(string code, long version = 1, bool withdrawn = false) =>
        new(7, code, "mah-1", withdrawn, version);

    public static BatchRecord Batch(string name = Lot, long id = 70, long version = 1, bool recalled = false) =>
        new(id, 7, name, "271231", recalled, version);

    public static PackRecord Pack(long batchId = 70, long version = 3, PackState state = PackState.Supplied) =>
        new(batchId, Serial, state, version, DispensedAt, "client-9", "pharmacy-5", 1);

    public static PackView View(string code)
    {
        var batch = Batch();
        return new PackView(Product(code), batch, Pack(), batch);
    }
}
