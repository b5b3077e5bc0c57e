using Verifier.Core.Packs;

namespace Verifier.Cache.Tests;

public sealed class CacheEncodingTests
{
    [Fact]
    public void Product_round_trips()
    {
        var product = new ProductRecord(7, "04150123456782", "mah-1", Withdrawn: true, Version: 12);

        var value = CacheEncoding.Encode(product);

        Assert.Equal("12\u001f7\u001fmah-1\u001f1", value);
        Assert.Equal(product, CacheEncoding.DecodeProduct(product.ProductCode, value));
    }

    [Fact]
    public void Batch_round_trips_with_colons_in_its_name()
    {
        var batch = new BatchRecord(70, 7, "LOT:42/A", "271200", Recalled: false, Version: 3);

        Assert.Equal(batch, CacheEncoding.DecodeBatch(batch.Batch, CacheEncoding.Encode(batch)));
    }

    [Fact]
    public void Pack_round_trips_with_its_batch_name()
    {
        var pack = Samples.Pack();

        var decoded = CacheEncoding.DecodePack(pack.SerialNumber, CacheEncoding.Encode(pack, "LOT42"));

        Assert.Equal((pack, "LOT42"), decoded);
    }

    [Fact]
    public void Active_pack_without_history_round_trips()
    {
        var pack = new PackRecord(2, "S1", PackState.Active, 1, null, null, null, 0);

        Assert.Equal(pack, CacheEncoding.DecodePack("S1", CacheEncoding.Encode(pack, "B"))?.Pack);
    }

    [Fact]
    public void Change_time_comes_back_in_utc_at_the_same_instant()
    {
        var local = new DateTimeOffset(2025, 1, 2, 10, 0, 0, TimeSpan.FromHours(2));
        var pack = Samples.Pack() with { ChangedAt = local };

        var decoded = CacheEncoding.DecodePack(pack.SerialNumber, CacheEncoding.Encode(pack, "B"))!.Value.Pack;

        Assert.Equal(local.UtcDateTime, decoded.ChangedAt!.Value.UtcDateTime);
        Assert.Equal(TimeSpan.Zero, decoded.ChangedAt.Value.Offset);
    }

    [Fact]
    public void Version_comes_first_for_the_write_script()
    {
        var value = CacheEncoding.Encode(Samples.Pack(version: 987654321), "B")!;

        Assert.StartsWith("987654321\u001f", value, StringComparison.Ordinal);
    }

    [Fact]
    public void Field_holding_the_separator_is_not_cached()
    {
        Assert.Null(CacheEncoding.Encode(Samples.Pack() with { ChangedByLocation = "a\u001fb" }, "B"));
        Assert.Null(CacheEncoding.Encode(Samples.Batch() with { Expiry = "27\u001f231" }));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("1\u001f2\u001f3")]
    [InlineData("x\u001f7\u001fmah\u001f0")]
    [InlineData("1\u001f7\u001fmah\u001f2")]
    public void Malformed_product_is_a_miss(string? value) => Assert.Null(CacheEncoding.DecodeProduct("P", value));

    [Theory]
    [InlineData("1\u001f700\u001f70\u001f99\u001f0\u001f\u001fB\u001f\u001f")]
    [InlineData("1\u001f700\u001f70\u001f2\u001f0\u001fnot-ticks\u001fB\u001f\u001f")]
    [InlineData("1\u001f700\u001f70\u001f2\u001f0\u001f\u001fB\u001f")]
    public void Malformed_pack_is_a_miss(string value) => Assert.Null(CacheEncoding.DecodePack("S", value));
}
