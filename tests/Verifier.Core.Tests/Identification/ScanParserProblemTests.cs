using Verifier.Core.Identification;
using static Verifier.Core.Tests.Identification.Scans;

namespace Verifier.Core.Tests.Identification;

/// <summary>Every problem code, with the position it points at.</summary>
public sealed class ScanParserProblemTests
{
    public static TheoryData<string, ScanProblemCode, int> Cases => new()
    {
        { "", ScanProblemCode.Empty, 0 },
        { "   ", ScanProblemCode.Empty, 0 },
        { "\r\n", ScanProblemCode.Empty, 0 },
        { "]d2", ScanProblemCode.Empty, 3 },
        { new string('0', ScanParser.MaxScanLength + 1), ScanProblemCode.TooLong, ScanParser.MaxScanLength },
        { "]d201" + Gtin + "17271231" + "10LOT\u000042", ScanProblemCode.ControlCharacter, 32 },
        { "(01)" + Gtin + "(10)LOT" + Gs + "42", ScanProblemCode.ControlCharacter, 25 },
        { "]d201" + Gtin + "10LOT\ud80042", ScanProblemCode.EncodingError, 24 },
        { "]d221AB\ufffdC", ScanProblemCode.EncodingError, 7 },
        { "hello", ScanProblemCode.UnrecognisedFormat, 0 },
        { "]XX0104150123456782", ScanProblemCode.UnknownSymbologyIdentifier, 0 },
        { "]", ScanProblemCode.UnknownSymbologyIdentifier, 0 },
        { "]d2891234", ScanProblemCode.UnknownAi, 3 },
        { "]d201" + Gtin + "abc", ScanProblemCode.UnknownAi, 19 },
        { "(1A)12345", ScanProblemCode.MalformedAi, 1 },
        { "]d20104150123", ScanProblemCode.AiValueTooShort, 13 },
        { "]d210" + Gs + "21ABC", ScanProblemCode.AiValueTooShort, 5 },
        { "]d221ABCDEFGHIJKLMNOPQRSTU", ScanProblemCode.AiValueTooLong, 25 },
        { "]d221ABC DEF", ScanProblemCode.InvalidCharacter, 8 },
        { "]d201041501234567A2", ScanProblemCode.InvalidCharacter, 17 },
        { "]d210LOT42" + Gs + Gs + "21ABC", ScanProblemCode.DoubledSeparator, 11 },
        { "]d2811112" + "3410LOT42", ScanProblemCode.MissingSeparator, 11 },
        { "[)>06" + Gs + "9N" + Ppn + Rs + Eot, ScanProblemCode.MalformedEnvelope, 3 },
        { "[)>" + Rs + "06" + Gs + "xyz" + Rs + Eot, ScanProblemCode.UnknownDataIdentifier, 7 },
        { "https://a/b", ScanProblemCode.MalformedDigitalLink, 9 },
        { "]d20104150123456783", ScanProblemCode.GtinCheckDigit, 18 },
        { "[)>" + Rs + "06" + Gs + "9N110375286441" + Rs + Eot, ScanProblemCode.PpnCheckDigit, 19 },
        { "]d200123456789012345670", ScanProblemCode.CheckDigit, 22 },
        { "]d217271301", ScanProblemCode.InvalidDate, 7 },
        { "]d217270230", ScanProblemCode.InvalidDate, 9 },
        { "]d28008271231246000", ScanProblemCode.InvalidTime, 13 },
        { "]d2422999", ScanProblemCode.InvalidValue, 6 },
        { "]d210LOT42" + Gs + "10LOT43", ScanProblemCode.DuplicateAi, 11 },
        { "(01)" + Gtin + "(02)" + Gtin, ScanProblemCode.ConflictingAis, 18 },
        { "]d221ABC", ScanProblemCode.RequisiteAiMissing, 3 },
        { "(253)1234567890128(8030)ABC123", ScanProblemCode.SignatureNeedsSerialisedKey, 0 },
        { "]d1TESTING", ScanProblemCode.NonGs1Data, 3 },
        { "]E04006381333931", ScanProblemCode.NonGs1Data, 3 },
        { "]d21727123110LOT42" + Gs + "21ABC123", ScanProblemCode.MissingProductCode, -1 },
        { "]d201" + Gtin + "1727123110LOT42", ScanProblemCode.MissingSerial, -1 },
        { "]d201" + Gtin + "1727123121ABC123", ScanProblemCode.MissingBatch, -1 },
        { "]d201" + Gtin + "10LOT42" + Gs + "21ABC123", ScanProblemCode.MissingExpiry, -1 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reports_the_problem_at_its_position(string scan, ScanProblemCode code, int position)
    {
        var result = ScanParser.Parse(scan);

        var problem = Assert.Single(result.Problems, p => p.Code == code);
        Assert.Equal(position, problem.Position);
        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
        Assert.False(result.IsComplete);
        Assert.Null(result.Identifier);
    }

    [Fact]
    public void Every_code_has_a_case() =>
        Assert.All(Enum.GetValues<ScanProblemCode>(), code => Assert.Contains(Cases, c => (ScanProblemCode)c[1] == code));

    [Fact]
    public void Too_long_input_is_not_parsed_further()
    {
        var result = ScanParser.Parse(Complete + new string('A', ScanParser.MaxScanLength));

        Assert.Equal(ScanFormat.Unknown, result.Format);
        Assert.Equal(ScanProblemCode.TooLong, Assert.Single(result.Problems).Code);
        Assert.Empty(result.Elements);
        Assert.Empty(result.Hints);
    }

    [Fact]
    public void Unrecognised_input_reports_no_missing_elements()
    {
        var result = ScanParser.Parse("hello");

        Assert.Equal(ScanProblemCode.UnrecognisedFormat, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void A_linear_ean_explains_that_the_wrong_barcode_was_scanned()
    {
        var result = ScanParser.Parse("]E04006381333931");

        var problem = Assert.Single(result.Problems);
        Assert.Contains("DataMatrix", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parsing_resumes_after_an_unknown_ai_at_the_next_separator()
    {
        var result = ScanParser.Parse("]d201" + Gtin + "891234" + Gs + "17271231" + "10LOT42" + Gs + "21ABC123");

        Assert.Equal(ScanProblemCode.UnknownAi, Assert.Single(result.Problems).Code);
        Assert.Equal("271231", result.Expiry);
        Assert.Equal("ABC123", result.SerialNumber);
    }
}
