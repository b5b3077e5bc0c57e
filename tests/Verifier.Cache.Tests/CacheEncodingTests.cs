using Verifier.Core.Packs;

namespace Verifier.Cache.Tests;

public sealed class CacheEncodingTests
{
    [Fact]
    public void Product_round_trips_with_its_epoch()
    {
        var product = new ProductRecord(7, "04150123456782", "mah-1", Withdrawn: true, Version: 12);

        var value = CacheEncoding.Value(CacheEncoding.Encode(product)!.Value, epoch: 9);

        Assert.Equal("12\u001f9\u001f\u001f7\u001fmah-1\u001f1", value);
        Assert.Equal((product, 9L), CacheEncoding.DecodeProduct(product.ProductCode, value));
    }

    [Fact]
    public void Batch_round_trips_with_colons_in_its_name()
    {
        var batch = new BatchRecord(70, 7, "LOT:42/A", "271200", Recalled: false, Version: 3);

        var value = CacheEncoding.Value(CacheEncoding.Encode(batch)!.Value, epoch: 4);

        Assert.Equal((batch, 4L), CacheEncoding.DecodeBatch(batch.Batch, value));
    }

    [Fact]
    public void Pack_round_trips_with_its_batch_name_and_epoch()
    {
        var pack = Samples.Pack();

        var decoded = CacheEncoding.DecodePack(pack.SerialNumber, Stored(pack, "LOT42", epoch: 5));

        Assert.Equal((pack, "LOT42", 5L), decoded);
    }

    [Fact]
    public void Active_pack_without_history_round_trips()
    {
        var pack = new PackRecord(2, "S1", PackState.Active, 1, null, null, null, 0);

        Assert.Equal(pack, CacheEncoding.DecodePack("S1", Stored(pack, "B"))?.Pack);
    }

    [Fact]
    public void Change_time_comes_back_in_utc_at_the_same_instant()
    {
        var local = new DateTimeOffset(2025, 1, 2, 10, 0, 0, TimeSpan.FromHours(2));
        var pack = Samples.Pack() with { ChangedAt = local };

        var decoded = CacheEncoding.DecodePack(pack.SerialNumber, Stored(pack, "B"))!.Value.Pack;

        Assert.Equal(local.UtcDateTime, decoded.ChangedAt!.Value.UtcDateTime);
        Assert.Equal(TimeSpan.Zero, decoded.ChangedAt.Value.Offset);
    }

    [Fact]
    public void Header_comes_first_for_the_scripts()
    {
        var encoded = CacheEncoding.Encode(Samples.Pack(version: 987654321), "B")!.Value;

        Assert.Equal(987654321, encoded.Version);
        Assert.StartsWith("987654321\u001f5\u001f\u001f", CacheEncoding.Value(encoded, epoch: 5), StringComparison.Ordinal);
    }

    [Fact]
    public void Field_holding_the_separator_is_not_cached()
    {
        Assert.Null(CacheEncoding.Encode(Samples.Pack() with { ChangedByLocation = "a\u001fb" }, "B"));
        Assert.Null(CacheEncoding.Encode(Samples.Batch() with { Expiry = "27\u001f231" }));
    }

    [Theory]
    [InlineData("tok1")]
    [InlineData("tok1,tok2")]
    public void Marked_value_is_a_miss(string markers)
    {
        var product = Samples.Product("P");
        var pack = Samples.Pack();

        Assert.Null(CacheEncoding.DecodeProduct("P", CacheEncoding.Value(CacheEncoding.Encode(product)!.Value, 1, markers)));
        Assert.Null(CacheEncoding.DecodePack(pack.SerialNumber, CacheEncoding.Value(CacheEncoding.Encode(pack, "B")!.Value, 1, markers)));
        // A key holding markers only, as the Mark script leaves an absent key.
        Assert.Null(CacheEncoding.DecodeProduct("P", $"0\u001f0\u001f{markers}"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("1\u001f2\u001f")]
    [InlineData("1\u001f7\u001fmah\u001f0")]
    [InlineData("x\u001f1\u001f\u001f7\u001fmah\u001f0")]
    [InlineData("1\u001fx\u001f\u001f7\u001fmah\u001f0")]
    [InlineData("1\u001f\u001f\u001f7\u001fmah\u001f0")]
    [InlineData("1\u001f1\u001f\u001f7\u001fmah\u001f2")]
    [InlineData("1\u001f1\u001f\u001f7\u001fmah\u001f0\u001fextra")]
    public void Malformed_product_is_a_miss(string? value) => Assert.Null(CacheEncoding.DecodeProduct("P", value));

    /// <summary>The well-formed value the malformed cases below each break in one field.</summary>
    [Fact]
    public void Hand_written_pack_value_decodes() =>
        Assert.Equal(
            (new PackRecord(70, "S", PackState.Supplied, 1, null, null, null, 0), "B", 1L),
            CacheEncoding.DecodePack("S", "1\u001f1\u001f\u001f70\u001f2\u001f0\u001f\u001fB\u001f\u001f"));

    [Theory]
    [InlineData("1\u001f1\u001f\u001f70\u001f99\u001f0\u001f\u001fB\u001f\u001f")]
    [InlineData("1\u001f1\u001f\u001f70\u001f2\u001fx\u001f\u001fB\u001f\u001f")]
    [InlineData("1\u001f1\u001f\u001f70\u001f2\u001f0\u001fnot-ticks\u001fB\u001f\u001f")]
    [InlineData("1\u001f1\u001f\u001f70\u001f2\u001f0\u001f-1\u001fB\u001f\u001f")]
    [InlineData("1\u001f1\u001f\u001f70\u001f2\u001f0\u001f\u001fB\u001f")]
    [InlineData("1\u001f70\u001f2\u001f0\u001f\u001fB\u001f\u001f")]
    public void Malformed_pack_is_a_miss(string value) => Assert.Null(CacheEncoding.DecodePack("S", value));

    private static string Stored(PackRecord pack, string batchName, long epoch = 1) =>
        CacheEncoding.Value(CacheEncoding.Encode(pack, batchName)!.Value, epoch);
}
