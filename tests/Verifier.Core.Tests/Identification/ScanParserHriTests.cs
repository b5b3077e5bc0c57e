using Verifier.Core.Identification;

namespace Verifier.Core.Tests.Identification;

public sealed class ScanParserHriTests
{
    [Fact]
    public void Reads_a_complete_hri()
    {
        var result = ScanParser.Parse("(01)04150123456782(17)271231(10)LOT42(21)ABC123");

        Assert.Equal(ScanFormat.Gs1Hri, result.Format);
        Assert.Null(result.SymbologyIdentifier);
        Assert.Equal(new UniqueIdentifier(Scans.Gtin, ProductCodeScheme.Gtin, "ABC123", "LOT42", "271231", null), result.Identifier);
        Assert.Equal([0, 18, 28, 37], result.Elements.Select(e => e.Position));
    }

    [Fact]
    public void Reads_nhrn_and_other_ais()
    {
        var result = ScanParser.Parse("(01)04150123456782(11)250101(17)271231(10)LOT42(710)12345678(21)ABC123");

        Assert.True(result.IsComplete, string.Join("; ", result.Problems));
        Assert.Equal("12345678", result.Nhrn);
        Assert.Equal("710", result.NhrnKey);
    }

    [Fact]
    public void An_escaped_bracket_belongs_to_the_value()
    {
        var result = ScanParser.Parse("(01)04150123456782(17)271231(10)LOT\\(42(21)ABC123");

        Assert.True(result.IsComplete, string.Join("; ", result.Problems));
        Assert.Equal("LOT(42", result.Batch);
    }

    [Theory]
    [InlineData("(1A)12345", 1)]
    [InlineData("()12345", 1)]
    [InlineData("(1)12345", 1)]
    [InlineData("(12345)12345", 1)]
    [InlineData("(01", 0)]
    [InlineData("(", 0)]
    public void Malformed_ai_brackets_are_reported(string scan, int position)
    {
        var problem = ScanParser.Parse(scan).Problems.First();

        Assert.Equal(ScanProblemCode.MalformedAi, problem.Code);
        Assert.Equal(position, problem.Position);
    }

    [Fact]
    public void An_unknown_ai_is_kept_as_an_element_because_brackets_delimit_it()
    {
        var result = ScanParser.Parse("(01)04150123456782(89)XYZ(17)271231(10)LOT42(21)ABC123");

        Assert.Contains(new ScanElement("89", "XYZ", 18, false), result.Elements);
        Assert.Equal(ScanProblemCode.UnknownAi, Assert.Single(result.Problems).Code);
        Assert.Equal("271231", result.Expiry);
    }

    [Theory]
    [InlineData("(10)(21)ABC", ScanProblemCode.AiValueTooShort)]
    [InlineData("(01)123456789012312(10)12345", ScanProblemCode.AiValueTooLong)]
    [InlineData("(17)9(90)217", ScanProblemCode.AiValueTooShort)]
    [InlineData("(10)12345^", ScanProblemCode.InvalidCharacter)]
    public void Value_faults_are_reported(string scan, ScanProblemCode code) =>
        Assert.Equal(code, ScanParser.Parse(scan).Problems.First().Code);
}
