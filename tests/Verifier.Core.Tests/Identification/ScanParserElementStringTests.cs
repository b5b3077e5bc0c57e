using Verifier.Core.Identification;
using static Verifier.Core.Tests.Identification.Scans;

namespace Verifier.Core.Tests.Identification;

public sealed class ScanParserElementStringTests
{
    [Fact]
    public void Reads_a_complete_gs1_datamatrix_scan()
    {
        var result = ScanParser.Parse(Complete);

        Assert.True(result.IsComplete, string.Join("; ", result.Problems));
        Assert.Equal(ScanFormat.Gs1ElementString, result.Format);
        Assert.Equal("]d2", result.SymbologyIdentifier);
        Assert.Equal(new UniqueIdentifier(Gtin, ProductCodeScheme.Gtin, "ABC123", "LOT42", "271231", null), result.Identifier);
        Assert.Equal(new DateOnly(2027, 12, 31), result.ExpiryDate);
        Assert.Empty(result.Problems);
        Assert.Empty(result.Hints);
        Assert.Equal(
            [new ScanElement("01", Gtin, 3, true), new ScanElement("17", "271231", 19, true), new ScanElement("10", "LOT42", 27, true), new ScanElement("21", "ABC123", 35, true)],
            result.Elements);
    }

    [Theory]
    [InlineData("]d2")]
    [InlineData("]C1")]
    [InlineData("]Q3")]
    [InlineData("]e0")]
    [InlineData("]J1")]
    [InlineData("")]       // keyboard wedge without AIM identifier
    [InlineData(Gs)]       // FNC1 in first position transmitted as GS
    [InlineData("]d2" + Gs)]
    public void Accepts_every_gs1_symbology_identifier_and_none(string prefix)
    {
        var result = ScanParser.Parse(prefix + "01" + Gtin + "17271231" + "10LOT42" + Gs + "21ABC123");

        Assert.True(result.IsComplete, string.Join("; ", result.Problems));
        Assert.Equal(prefix.StartsWith(']') ? prefix[..3] : null, result.SymbologyIdentifier);
    }

    [Theory]
    [InlineData("01" + Gtin + "17271231" + "10LOT42" + Gs + "21ABC123")]
    [InlineData("01" + Gtin + "21ABC123" + Gs + "17271231" + "10LOT42")]
    [InlineData("21ABC123" + Gs + "10LOT42" + Gs + "01" + Gtin + "17271231")]
    [InlineData("17271231" + "21ABC123" + Gs + "01" + Gtin + "10LOT42")]
    [InlineData("10LOT42" + Gs + "17271231" + "01" + Gtin + "21ABC123")]
    [InlineData("10LOT42" + Gs + "21ABC123" + Gs + "17271231" + "01" + Gtin)]
    public void Accepts_ais_in_any_order(string data)
    {
        var result = ScanParser.Parse("]d2" + data);

        Assert.Equal(new UniqueIdentifier(Gtin, ProductCodeScheme.Gtin, "ABC123", "LOT42", "271231", null), result.Identifier);
    }

    [Fact]
    public void Reads_the_brief_example_with_serial_before_expiry_exactly()
    {
        var result = ScanParser.Parse("]d2010415012345678221ABC123" + Gs + "1727123110LOT42");

        Assert.Equal(new UniqueIdentifier(Gtin, ProductCodeScheme.Gtin, "ABC123", "LOT42", "271231", null), result.Identifier);
        Assert.Empty(result.Hints);
    }

    [Theory]
    [InlineData("11250101", "11")]                    // production date, predefined length: no GS needed
    [InlineData("7004123" + Gs, "7004")]              // active potency, variable: GS
    [InlineData("8200https://example.com/x" + Gs, "8200")]
    [InlineData("240ADDITIONAL" + Gs, "240")]
    [InlineData("91INTERNAL" + Gs, "91")]
    [InlineData("3103000195", "3103")]
    [InlineData("22CPV" + Gs, "22")]
    public void Skips_ais_the_fmd_does_not_use(string extra, string ai)
    {
        var result = ScanParser.Parse("]d201" + Gtin + extra + "17271231" + "10LOT42" + Gs + "21ABC123");

        Assert.True(result.IsComplete, string.Join("; ", result.Problems));
        var element = Assert.Single(result.Elements, e => e.Key == ai);
        Assert.False(element.KnownToFmd);
    }

    [Theory]
    [InlineData("710", "12345678")]
    [InlineData("711", "3400912345678")]
    [InlineData("714", "1234567")]
    public void Reads_the_national_reimbursement_number(string ai, string nhrn)
    {
        var result = ScanParser.Parse("]d201" + Gtin + "17271231" + "10LOT42" + Gs + ai + nhrn + Gs + "21ABC123");

        Assert.True(result.IsComplete, string.Join("; ", result.Problems));
        Assert.Equal(nhrn, result.Nhrn);
        Assert.Equal(ai, result.NhrnKey);
        Assert.Equal(nhrn, result.Identifier!.Nhrn);
        Assert.True(result.Elements.Single(e => e.Key == ai).KnownToFmd);
    }

    [Fact]
    public void Tolerates_a_trailing_separator_and_scanner_suffixes()
    {
        Assert.True(ScanParser.Parse(Complete + Gs).IsComplete);
        Assert.True(ScanParser.Parse(Complete + "\r\n").IsComplete);
        Assert.True(ScanParser.Parse(Complete + "\n").IsComplete);
        Assert.True(ScanParser.Parse(Complete + "\t").IsComplete);
    }

    [Fact]
    public void Reads_the_gs1_demo_datamatrix()
    {
        // Text of the GS1 demo symbol in zxing-cpp's DataMatrix samples (shared corpus), as a wedge scanner sends it.
        var result = ScanParser.Parse("01095040000591012112345678p901" + Gs + "101234567p" + Gs + "171411208200http://www.gs1.org/demo/");

        Assert.Equal(new UniqueIdentifier("09504000059101", ProductCodeScheme.Gtin, "12345678p901", "1234567p", "141120", null), result.Identifier);
        Assert.Equal("http://www.gs1.org/demo/", result.Elements[^1].Value);
    }

    [Fact]
    public void Reads_expiry_with_day_zero_as_end_of_month()
    {
        var result = ScanParser.Parse("]d201" + Gtin + "17280200" + "10LOT42" + Gs + "21ABC123");

        Assert.True(result.IsComplete);
        Assert.Equal("280200", result.Expiry);
        Assert.Equal(new DateOnly(2028, 2, 29), result.ExpiryDate);
    }

    [Fact]
    public void Keeps_serial_case_and_all_cset82_punctuation()
    {
        var serial = "aB!\"%&'()*+,-./:;<=>";
        var result = ScanParser.Parse("]d201" + Gtin + "17271231" + "10LOT42" + Gs + "21" + serial);

        Assert.True(result.IsComplete, string.Join("; ", result.Problems));
        Assert.Equal(serial, result.SerialNumber);
    }

    [Fact]
    public void A_lost_separator_is_read_literally_and_hinted()
    {
        var result = ScanParser.Parse("]d2010415012345678210LOT4221ABC123");

        Assert.Equal("LOT4221ABC123", result.Batch);
        Assert.Null(result.SerialNumber);
        Assert.Contains(result.Problems, p => p.Code == ScanProblemCode.MissingSerial);
        var hint = Assert.Single(result.Hints);
        Assert.Equal(ScanHintCode.MissingGroupSeparator, hint.Code);
        Assert.Equal("]d2010415012345678210LOT42" + Gs + "21ABC123", hint.SuggestedReading);
        var repaired = ScanParser.Parse(hint.SuggestedReading);
        Assert.Equal("LOT42", repaired.Batch);
        Assert.Equal("ABC123", repaired.SerialNumber);
    }

    [Fact]
    public void Shaped_like_a_ui_but_invalid_still_yields_its_fields()
    {
        var result = ScanParser.Parse("]d20104150123456783" + "17271331" + "10LOT42" + Gs + "21ABC 123");

        Assert.False(result.IsComplete);
        Assert.Null(result.Identifier);
        Assert.Equal("04150123456783", result.ProductCode);
        Assert.Equal("271331", result.Expiry);
        Assert.Null(result.ExpiryDate);
        Assert.Equal("LOT42", result.Batch);
        Assert.Equal("ABC 123", result.SerialNumber);
        Assert.Equal(
            [ScanProblemCode.GtinCheckDigit, ScanProblemCode.InvalidDate, ScanProblemCode.InvalidCharacter],
            result.Problems.Select(p => p.Code));
        Assert.Equal([18, 23, 40], result.Problems.Select(p => p.Position));
    }

    [Fact]
    public void A_repeated_ai_with_the_same_value_is_allowed()
    {
        var result = ScanParser.Parse(Complete + Gs + "10LOT42");

        Assert.True(result.IsComplete, string.Join("; ", result.Problems));
    }

    [Fact]
    public void A_repeated_ai_with_another_value_is_a_problem_and_the_first_counts()
    {
        var result = ScanParser.Parse(Complete + Gs + "10LOT43");

        Assert.Equal("LOT42", result.Batch);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(ScanProblemCode.DuplicateAi, problem.Code);
        Assert.Equal(Complete.Length + 1, problem.Position);
    }
}
