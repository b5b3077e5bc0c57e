using Verifier.Core.Identification;

namespace Verifier.Core.Tests.Identification;

public sealed class ScanParserDigitalLinkTests
{
    [Theory]
    [InlineData("https://id.gs1.org/01/04150123456782/10/LOT42/21/ABC123?17=271231")]
    [InlineData("HTTPS://example.com/some/stem/01/04150123456782/10/LOT42/21/ABC123?17=271231&foo=bar#top")]
    [InlineData("]Q1https://id.gs1.org/01/04150123456782/10/LOT42/21/ABC123?17=271231")]
    [InlineData("]d1http://id.gs1.org/01/04150123456782/10/LOT42/21/ABC123?17=271231")]
    public void Reads_a_unique_identifier_from_a_digital_link(string uri)
    {
        var result = ScanParser.Parse(uri);

        Assert.Equal(ScanFormat.Gs1DigitalLink, result.Format);
        Assert.Equal(new UniqueIdentifier(Scans.Gtin, ProductCodeScheme.Gtin, "ABC123", "LOT42", "271231", null), result.Identifier);
    }

    [Fact]
    public void Decodes_percent_escapes()
    {
        var result = ScanParser.Parse("https://a/01/04150123456782/10/LOT%2F42/21/A%2BB?17=271231");

        Assert.Equal("LOT/42", result.Batch);
        Assert.Equal("A+B", result.SerialNumber);
    }

    [Theory]
    [InlineData("https://a/01/04150123456782/21/ABC123/10/LOT42?17=271231", ScanProblemCode.MalformedDigitalLink)]  // qualifiers out of order
    [InlineData("https://a/01/04150123456782/10/LOT42/21/ABC123?10=LOT42", ScanProblemCode.MalformedDigitalLink)]   // qualifier in the query
    [InlineData("https://a/01/04150123456782/10/LOT42/21/ABC123/", ScanProblemCode.MalformedDigitalLink)]
    [InlineData("https://a/01/4150123456782/10/LOT42", ScanProblemCode.AiValueTooShort)]                          // zero-suppressed GTIN
    [InlineData("https://a/01/04150123456782?17=271231&17=271231", ScanProblemCode.DuplicateAi)]
    [InlineData("https://a/01/04150123456782?99=A%00B", ScanProblemCode.MalformedDigitalLink)]
    [InlineData("https://a/01/04150123456782?99=A%G0", ScanProblemCode.MalformedDigitalLink)]
    [InlineData("https://a b/01/04150123456782", ScanProblemCode.MalformedDigitalLink)]
    [InlineData("https:///01/04150123456782", ScanProblemCode.MalformedDigitalLink)]
    [InlineData("https://a/gtin/04150123456782", ScanProblemCode.MalformedDigitalLink)]
    [InlineData("https://a/01/04150123456782?999=x", ScanProblemCode.UnknownAi)]
    public void Reports_malformed_uris(string uri, ScanProblemCode code) =>
        Assert.Contains(ScanParser.Parse(uri).Problems, p => p.Code == code);

    [Theory]
    [InlineData("HtTpS://a/01/04150123456782")]
    [InlineData("ftp://a/01/04150123456782")]
    public void Other_schemes_are_not_digital_links(string uri) =>
        Assert.Equal(ScanFormat.Unknown, ScanParser.Parse(uri).Format);
}
