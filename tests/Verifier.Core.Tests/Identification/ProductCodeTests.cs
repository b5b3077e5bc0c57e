using Verifier.Core.Identification;

namespace Verifier.Core.Tests.Identification;

public sealed class ProductCodeTests
{
    [Theory]
    [InlineData("04150123456782", ProductCodeScheme.Gtin)]
    [InlineData("04150123456783", ProductCodeScheme.Gtin)]  // shape only, the check digit is IsValid's job
    [InlineData("110375286414", ProductCodeScheme.Ppn)]
    [InlineData("11ABCDEFGH14", ProductCodeScheme.Ppn)]
    public void Detects_the_scheme_by_shape(string code, ProductCodeScheme scheme) => Assert.Equal(scheme, ProductCode.Detect(code));

    [Theory]
    [InlineData("4150123456782")]
    [InlineData("0415012345678X")]
    [InlineData("11037528641")]
    [InlineData("11037528641a")]
    [InlineData("")]
    [InlineData(null)]
    public void Detects_nothing_for_other_shapes(string? code) => Assert.Null(ProductCode.Detect(code));

    [Theory]
    [InlineData("04150123456782", ProductCodeScheme.Gtin, true)]
    [InlineData("04150123456783", ProductCodeScheme.Gtin, false)]
    [InlineData("4150123456782", ProductCodeScheme.Gtin, false)]
    [InlineData("110375286414", ProductCodeScheme.Ppn, true)]
    [InlineData("110375286415", ProductCodeScheme.Ppn, false)]
    [InlineData("1103752864", ProductCodeScheme.Ppn, false)]
    [InlineData("110375286414", ProductCodeScheme.Gtin, false)]
    [InlineData(null, ProductCodeScheme.Ppn, false)]
    public void Validates_length_and_check_digits(string? code, ProductCodeScheme scheme, bool valid) =>
        Assert.Equal(valid, ProductCode.IsValid(code, scheme));
}
