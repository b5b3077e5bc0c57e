using Verifier.Core.Identification;

namespace Verifier.Core.Tests.Identification;

public sealed class Gs1CheckDigitTests
{
    [Theory]
    [InlineData("04150123456782")]
    [InlineData("09520123456788")]
    [InlineData("12345678901231")]
    [InlineData("4006381333931")]   // GTIN-13
    [InlineData("96385074")]        // GTIN-8
    [InlineData("123456789012345675")] // SSCC
    [InlineData("00")]
    public void Accepts_correct_check_digits(string digits) => Assert.True(Gs1CheckDigit.IsValid(digits));

    [Theory]
    [InlineData("04150123456783")]
    [InlineData("12345678901232")]
    [InlineData("0415012345678")]  // wrong digit at the end once shortened
    [InlineData("")]
    [InlineData("7")]
    [InlineData(null)]
    [InlineData("0415012345678A")]
    [InlineData("0415O123456782")]
    [InlineData("٠٤١٥٠١٢٣٤٥٦٧٨٢")] // Arabic-Indic digits are not GS1 digits
    public void Rejects_wrong_or_malformed_input(string? digits) => Assert.False(Gs1CheckDigit.IsValid(digits));

    [Theory]
    [InlineData("0415012345678", '2')]
    [InlineData("629104150021", '3')]
    [InlineData("950110153100", '0')]
    [InlineData("0", '0')]
    [InlineData("1", '7')]
    public void Computes_the_check_digit(string body, char expected) => Assert.Equal(expected, Gs1CheckDigit.Compute(body));

    [Theory]
    [InlineData("")]
    [InlineData("12a")]
    [InlineData("⁰⁰⁰")]
    public void Compute_refuses_non_digits(string body)
    {
        Assert.Throws<ArgumentException>(() => Gs1CheckDigit.Compute(body));
        Assert.False(Gs1CheckDigit.TryCompute(body, out _));
    }
}
