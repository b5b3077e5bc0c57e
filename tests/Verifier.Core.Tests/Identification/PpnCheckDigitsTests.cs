using Verifier.Core.Identification;

namespace Verifier.Core.Tests.Identification;

public sealed class PpnCheckDigitsTests
{
    [Theory]
    [InlineData("110375286414")]
    [InlineData("111234567842")]
    public void Accepts_correct_check_digits(string ppn) => Assert.True(PpnCheckDigits.IsValid(ppn));

    [Theory]
    [InlineData("110375286415")]  // last digit off
    [InlineData("110375286441")]  // check digits swapped
    [InlineData("1103752864")]    // no check digits
    [InlineData("11037528641A")]
    [InlineData("110375286 14")]
    [InlineData("1a0375286414")]  // lower case is not allowed
    [InlineData("")]
    [InlineData(null)]
    public void Rejects_wrong_or_malformed_ppn(string? ppn) => Assert.False(PpnCheckDigits.IsValid(ppn));

    [Fact]
    public void Check_is_weighted_ascii_sum_mod_97()
    {
        // Σ ASCII(cᵢ)·(i+2) over "1103752864" = 3409; 3409 mod 97 = 14.
        Assert.True(PpnCheckDigits.TryCompute("1103752864", out var check));
        Assert.Equal("14", check);
    }

    [Fact]
    public void Check_digits_are_always_two_digits()
    {
        Assert.True(PpnCheckDigits.TryCompute("A", out var check));
        Assert.Equal(2, check.Length);
        Assert.Equal(((65 * 2) % 97).ToString("00", System.Globalization.CultureInfo.InvariantCulture), check);
    }
}
