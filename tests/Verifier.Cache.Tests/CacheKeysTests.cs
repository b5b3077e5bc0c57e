namespace Verifier.Cache.Tests;

public sealed class CacheKeysTests
{
    private readonly CacheKeys _keys = new("vf2:");

    [Fact]
    public void Layout_is_one_key_per_product_batch_and_pack()
    {
        Assert.Equal("vf2:p:04150123456782", _keys.Product("04150123456782"));
        Assert.Equal("vf2:b:04150123456782:LOT42", _keys.Batch("04150123456782", "LOT42"));
        Assert.Equal("vf2:k:04150123456782:ABC123", _keys.Pack("04150123456782", "ABC123"));
    }

    [Fact]
    public void Serials_are_case_sensitive_keys() =>
        Assert.NotEqual(_keys.Pack("P", "abc"), _keys.Pack("P", "ABC"));

    [Fact]
    public void Keys_carry_no_cluster_hash_tag_so_they_spread_over_slots() =>
        Assert.DoesNotContain('{', _keys.Pack("04150123456782", "ABC123"));

    [Theory]
    [InlineData("04150123456782", true)]
    [InlineData("111234567842", true)]
    [InlineData("0415:0123", false)]
    [InlineData("", false)]
    public void Only_product_codes_without_colon_are_cached(string code, bool cacheable) =>
        Assert.Equal(cacheable, CacheKeys.IsCacheable(code));
}
