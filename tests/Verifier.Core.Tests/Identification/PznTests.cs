using Verifier.Core.Identification;

namespace Verifier.Core.Tests.Identification;

public sealed class PznTests
{
    [Theory]
    [InlineData("03752864")]
    [InlineData("12345678")]
    public void Accepts_pzns_with_their_mod_11_check_digit(string pzn) => Assert.True(Pzn.IsValid(pzn));

    [Theory]
    [InlineData("03752865")]
    [InlineData("0375286")]
    [InlineData("0375286A")]
    [InlineData(null)]
    public void Rejects_other_input(string? pzn) => Assert.False(Pzn.IsValid(pzn));

    [Fact]
    public void Remainder_ten_is_never_a_valid_pzn()
    {
        // 1·0 + 2·0 + 3·0 + 4·0 + 5·0 + 6·0 + 7·3 = 21 → remainder 10: no check digit exists.
        Assert.All(Enumerable.Range(0, 10), d => Assert.False(Pzn.IsValid("0000003" + d)));
    }

    [Fact]
    public void Converts_to_ppn_and_ntin()
    {
        Assert.Equal("110375286414", Pzn.ToPpn("03752864"));
        Assert.Equal("04150037528643", Pzn.ToNtin("03752864"));
        Assert.True(ProductCode.IsValid(Pzn.ToNtin("12345678"), ProductCodeScheme.Gtin));
        Assert.True(ProductCode.IsValid(Pzn.ToPpn("12345678"), ProductCodeScheme.Ppn));
    }

    [Fact]
    public void Refuses_to_convert_an_invalid_pzn() => Assert.Throws<ArgumentException>(() => Pzn.ToPpn("03752865"));

    [Theory]
    [InlineData("110375286414", "03752864")]
    [InlineData("04150037528643", "03752864")]
    public void Finds_the_pzn_in_german_product_codes(string productCode, string pzn)
    {
        Assert.True(Pzn.TryFromProductCode(productCode, out var found));
        Assert.Equal(pzn, found);
    }

    [Theory]
    [InlineData("09520123456788")]   // not a German NTIN
    [InlineData("110375286415")]     // bad PPN check digits
    [InlineData(null)]
    public void Finds_no_pzn_elsewhere(string? productCode) => Assert.False(Pzn.TryFromProductCode(productCode, out _));
}
