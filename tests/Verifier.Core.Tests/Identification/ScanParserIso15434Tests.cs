using Verifier.Core.Identification;
using static Verifier.Core.Tests.Identification.Scans;

namespace Verifier.Core.Tests.Identification;

public sealed class ScanParserIso15434Tests
{
    private const string Header = "[)>" + Rs + "06" + Gs;

    [Fact]
    public void Reads_an_ifa_format_06_message()
    {
        var result = ScanParser.Parse(Ifa);

        Assert.Equal(ScanFormat.Iso15434Format06, result.Format);
        Assert.Equal(new UniqueIdentifier(Ppn, ProductCodeScheme.Ppn, "ABC123", "LOT42", "271231", null), result.Identifier);
        Assert.Equal(["9N", "1T", "D", "S"], result.Elements.Select(e => e.Key));
        Assert.Equal([7, 22, 30, 38], result.Elements.Select(e => e.Position));
        Assert.All(result.Elements, e => Assert.True(e.KnownToFmd));
        Assert.Empty(result.Hints);
    }

    [Theory]
    [InlineData("]d1")]
    [InlineData("]d2")]
    [InlineData("]Q1")]
    public void Reads_it_behind_a_symbology_identifier(string prefix)
    {
        var result = ScanParser.Parse(prefix + Ifa);

        Assert.True(result.IsComplete, string.Join("; ", result.Problems));
        Assert.Equal(prefix, result.SymbologyIdentifier);
    }

    [Fact]
    public void Accepts_gtin_and_production_date_and_prefers_the_ppn()
    {
        var result = ScanParser.Parse(Header + "9N" + Ppn + Gs + "8P" + Gtin + Gs + "1TLOT42" + Gs + "16D20250101" + Gs + "D270400" + Gs + "SABC123" + Rs + Eot);

        Assert.True(result.IsComplete, string.Join("; ", result.Problems));
        Assert.Equal(ProductCodeScheme.Ppn, result.Scheme);
        Assert.Equal(new DateOnly(2027, 4, 30), result.ExpiryDate);
        Assert.False(result.Elements.Single(e => e.Key == "16D").KnownToFmd);
    }

    [Fact]
    public void A_gtin_alone_is_the_product_code()
    {
        var result = ScanParser.Parse(Header + "8P" + Gtin + Gs + "1TLOT42" + Gs + "D271231" + Gs + "SABC123" + Rs + Eot);

        Assert.Equal(new UniqueIdentifier(Gtin, ProductCodeScheme.Gtin, "ABC123", "LOT42", "271231", null), result.Identifier);
    }

    [Theory]
    [InlineData(Rs)]
    [InlineData("")]
    public void A_missing_trailer_is_tolerated_with_a_hint(string trailer)
    {
        var scan = Ifa[..^2] + trailer;
        var result = ScanParser.Parse(scan);

        Assert.True(result.IsComplete, string.Join("; ", result.Problems));
        var hint = Assert.Single(result.Hints);
        Assert.Equal(ScanHintCode.TruncatedEnvelope, hint.Code);
        Assert.Equal(Ifa, hint.SuggestedReading);
    }

    [Fact]
    public void Reads_format_05_with_gs1_ais()
    {
        var result = ScanParser.Parse("[)>" + Rs + "05" + Gs + "01" + Gtin + "17271231" + "10LOT42" + Gs + "21ABC123" + Rs + Eot);

        Assert.Equal(ScanFormat.Iso15434Format05, result.Format);
        Assert.Equal(new UniqueIdentifier(Gtin, ProductCodeScheme.Gtin, "ABC123", "LOT42", "271231", null), result.Identifier);
    }

    [Theory]
    [InlineData("[)>06" + Gs + "9N" + Ppn + Gs + "1TLOT42" + Gs + "D271231" + Gs + "SABC123" + Rs + Eot, 3)]  // no RS after [)>
    [InlineData("[)>" + Rs + "07" + Gs + "ABC" + Rs + Eot, 4)]                                                // format 07
    [InlineData("[)>" + Rs + "AB", 4)]
    [InlineData(Ifa + "X", 47)]                                                                                // data after EOT
    [InlineData("[)>" + Rs + "06" + "9N" + Ppn + Rs + Eot, 6)]                                                // no GS after 06
    public void Damaged_envelopes_are_reported(string scan, int position)
    {
        var problem = ScanParser.Parse(scan).Problems.First(p => p.Code == ScanProblemCode.MalformedEnvelope);

        Assert.Equal(position, problem.Position);
    }

    [Theory]
    [InlineData("9N110375286415", ScanProblemCode.PpnCheckDigit)]
    [InlineData("9N11037528641", ScanProblemCode.AiValueTooShort)]
    [InlineData("9N11037528641a", ScanProblemCode.InvalidCharacter)]
    [InlineData("8P04150123456783", ScanProblemCode.GtinCheckDigit)]
    [InlineData("D271301", ScanProblemCode.InvalidDate)]
    [InlineData("D2712", ScanProblemCode.AiValueTooShort)]
    [InlineData("SABCDEFGHIJKLMNOPQRSTU", ScanProblemCode.AiValueTooLong)]
    [InlineData("1TLOT 42", ScanProblemCode.InvalidCharacter)]
    [InlineData("xyz", ScanProblemCode.UnknownDataIdentifier)]
    public void Field_faults_are_reported(string field, ScanProblemCode code)
    {
        var result = ScanParser.Parse(Header + field + Rs + Eot);

        var problem = result.Problems.First();
        Assert.Equal(code, problem.Code);
        Assert.InRange(problem.Position, Header.Length, Header.Length + field.Length);
    }

    [Fact]
    public void Unknown_but_well_formed_data_identifiers_are_kept()
    {
        var result = ScanParser.Parse(Header + "9N" + Ppn + Gs + "1TLOT42" + Gs + "D271231" + Gs + "SABC123" + Gs + "27QXYZ" + Rs + Eot);

        Assert.True(result.IsComplete, string.Join("; ", result.Problems));
        Assert.Contains(new ScanElement("27Q", "XYZ", 46, false), result.Elements);
    }

    [Fact]
    public void A_conflicting_repeat_and_a_doubled_separator_are_reported()
    {
        var result = ScanParser.Parse(Header + "9N" + Ppn + Gs + Gs + "1TLOT42" + Gs + "1TLOT43" + Gs + "D271231" + Gs + "SABC123" + Rs + Eot);

        Assert.Equal([ScanProblemCode.DoubledSeparator, ScanProblemCode.DuplicateAi], result.Problems.Select(p => p.Code));
        Assert.Equal("LOT42", result.Batch);
    }
}
