using System.Text;
using Verifier.Core.Identification;
using static Verifier.Core.Tests.Identification.Scans;

namespace Verifier.Core.Tests.Identification;

/// <summary>Parse never throws and never hangs, whatever arrives; results stay consistent.</summary>
public sealed class ScanParserRobustnessTests
{
    [Fact]
    public void Null_is_an_empty_scan() =>
        Assert.Equal(ScanProblemCode.Empty, Assert.Single(ScanParser.Parse(null).Problems).Code);

    [Fact]
    public void Ten_megabytes_of_random_text_is_refused_as_too_long()
    {
        var random = new Random(20190209);
        var chars = new char[10 * 1024 * 1024];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)random.Next(0, 0x10000);
        }

        var result = ScanParser.Parse(new string(chars));

        Assert.Equal(ScanProblemCode.TooLong, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Nul_bytes_are_control_characters()
    {
        var result = ScanParser.Parse("\0\0\0]d2\0" + Complete + "\0");

        Assert.False(result.IsComplete);
        Assert.Contains(result.Problems, p => p.Code == ScanProblemCode.ControlCharacter);
    }

    [Theory]
    [InlineData("\ud800")]
    [InlineData("\udc00]d2")]
    [InlineData("]d221AB\udfffC")]
    [InlineData("(10)\ud83d")]
    [InlineData("[)>\u001e06\u001d9N\ud800\u001e\u0004")]
    public void Lone_surrogates_are_encoding_errors(string scan) =>
        Assert.Contains(ScanParser.Parse(scan).Problems, p => p.Code == ScanProblemCode.EncodingError);

    [Fact]
    public void A_proper_surrogate_pair_is_only_an_invalid_character()
    {
        var result = ScanParser.Parse("]d201" + Gtin + "17271231" + "10LOT42" + Gs + "21AB😀");

        Assert.DoesNotContain(result.Problems, p => p.Code == ScanProblemCode.EncodingError);
        Assert.Contains(result.Problems, p => p.Code == ScanProblemCode.InvalidCharacter);
    }

    [Theory]
    [InlineData("((((((((((((((((((((")]
    [InlineData("))))))))")]
    [InlineData("[)>")]
    [InlineData("[)>\u001e")]
    [InlineData("[)>\u001e\u001e\u001e\u001e")]
    [InlineData("[)>\u001e06")]
    [InlineData("[)>\u001e06\u001d")]
    [InlineData("[)>\u001e06\u001d\u001e\u0004")]
    [InlineData("]d2\u001d\u001d\u001d\u001d")]
    [InlineData("\u001d")]
    [InlineData("]d201")]
    [InlineData("https://")]
    [InlineData("https://a/01/")]
    [InlineData("https://a/01/04150123456782?")]
    [InlineData("https://a/01/04150123456782?=&=&&==")]
    [InlineData("https://a/01/04150123456782?17=%")]
    [InlineData("]E0")]
    [InlineData("]E0|]e0")]
    [InlineData("]E04006381333931|")]
    [InlineData("(\\")]
    [InlineData("(01)\\(")]
    public void Odd_fragments_do_not_throw(string scan)
    {
        var result = ScanParser.Parse(scan);

        AssertConsistent(scan, result);
    }

    [Fact]
    public void Random_fragments_of_scan_syntax_do_not_throw()
    {
        // Drawn from the characters that steer the parser, so the fuzzing reaches every reader.
        const string alphabet = "0123456789()[]>^]dQCeEJ1TDNSPp:/?&=%#.-ABCxyz \u001d\u001e\u0004\0\ud800\r\n\\+|";
        string[] seeds = [Complete, Ifa, "(01)04150123456782(17)271231(10)LOT42(21)ABC123", "https://a/01/04150123456782/10/L/21/S?17=271231", "]E04006381333931|]e099X"];
        var random = new Random(4242);
        for (var i = 0; i < 3000; i++)
        {
            var builder = new StringBuilder(seeds[random.Next(seeds.Length)]);
            for (var edits = random.Next(1, 6); edits > 0; edits--)
            {
                var at = random.Next(builder.Length + 1);
                switch (random.Next(3))
                {
                    case 0:
                        builder.Insert(at, alphabet[random.Next(alphabet.Length)]);
                        break;
                    case 1 when at < builder.Length:
                        builder.Remove(at, 1);
                        break;
                    default:
                        if (at < builder.Length)
                        {
                            builder[at] = alphabet[random.Next(alphabet.Length)];
                        }

                        break;
                }
            }

            var scan = builder.ToString();
            AssertConsistent(scan, ScanParser.Parse(scan));
        }
    }

    [Fact]
    public void Long_garbage_within_the_limit_is_parsed_and_hinted_without_trouble()
    {
        var random = new Random(7);
        string[] shapes =
        [
            "]d210" + new string('1', ScanParser.MaxScanLength - 5),
            "]d2" + string.Concat(Enumerable.Repeat("10A" + Gs, 1100))[..(ScanParser.MaxScanLength - 3)],
            "(" + new string('(', ScanParser.MaxScanLength - 1),
            "[)>\u001e06\u001d" + string.Concat(Enumerable.Repeat("1TX\u001d", 1100))[..(ScanParser.MaxScanLength - 7)],
            new string(Enumerable.Range(0, ScanParser.MaxScanLength).Select(_ => (char)random.Next(32, 127)).ToArray()),
        ];

        Assert.All(shapes, scan => AssertConsistent(scan, ScanParser.Parse(scan)));
    }

    private static void AssertConsistent(string scan, ScanResult result)
    {
        Assert.Equal(result.IsComplete, result.Identifier is not null);
        Assert.Equal(result.IsComplete, result.Problems.Count == 0);
        Assert.All(result.Problems, p => Assert.InRange(p.Position, -1, scan.Length));
        Assert.All(result.Elements, e => Assert.InRange(e.Position, 0, scan.Length - 1));
        Assert.All(result.Hints, h => Assert.NotEqual(scan, h.SuggestedReading));
        if (result.Identifier is { } identifier)
        {
            Assert.Equal(result.ProductCode, identifier.ProductCode);
            Assert.Equal(result.SerialNumber, identifier.SerialNumber);
        }
    }
}
