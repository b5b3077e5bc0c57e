using Verifier.Core.Identification;
using static Verifier.Core.Tests.Identification.Scans;

namespace Verifier.Core.Tests.Identification.Hints;

public sealed class SeparatorRecoveryTests
{
    [Fact]
    public void A_batch_that_swallowed_the_serial_is_split()
    {
        var hint = Assert.Single(ScanParser.Parse("]d2010415012345678210LOT4221ABC123").Hints);

        Assert.Equal(ScanHintCode.MissingGroupSeparator, hint.Code);
        Assert.Equal("]d2010415012345678210LOT42" + Gs + "21ABC123", hint.SuggestedReading);
        Assert.Contains("LOT42", hint.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_that_swallowed_expiry_and_serial_is_split_once()
    {
        var scan = "]d201" + Gtin + "10LOT421727123121ABC123";
        var hint = Assert.Single(ScanParser.Parse(scan).Hints);
        var repaired = ScanParser.Parse(hint.SuggestedReading);

        Assert.True(repaired.IsComplete, string.Join("; ", repaired.Problems));
        Assert.Equal("LOT42", repaired.Batch);
        Assert.Equal("271231", repaired.Expiry);
        Assert.Equal("ABC123", repaired.SerialNumber);
    }

    [Fact]
    public void A_serial_that_swallowed_the_batch_is_split()
    {
        var scan = "]d201" + Gtin + "17271231" + "21ABC12310LOT42";
        var hint = Assert.Single(ScanParser.Parse(scan).Hints);
        var repaired = ScanParser.Parse(hint.SuggestedReading);

        Assert.Equal("ABC123", repaired.SerialNumber);
        Assert.Equal("LOT42", repaired.Batch);
    }

    [Fact]
    public void An_ifa_field_that_swallowed_the_next_is_split()
    {
        var scan = "[)>" + Rs + "06" + Gs + "9N" + Ppn + Gs + "1TLOT42SABC123" + Gs + "D271231" + Rs + Eot;
        var hint = Assert.Single(ScanParser.Parse(scan).Hints);

        Assert.Equal(ScanHintCode.MissingGroupSeparator, hint.Code);
        Assert.True(ScanParser.Parse(hint.SuggestedReading).IsComplete);
    }

    [Fact]
    public void Several_lost_separators_are_restored()
    {
        // Every GS dropped, with the variable-length elements first.
        var scan = "]d2" + "10LOT42" + "71012345678" + "21ABC123" + "01" + Gtin + "17271231";
        var hint = Assert.Single(ScanParser.Parse(scan).Hints);
        var repaired = ScanParser.Parse(hint.SuggestedReading);

        Assert.Equal(ScanHintCode.MissingGroupSeparator, hint.Code);
        Assert.True(repaired.IsComplete, string.Join("; ", repaired.Problems));
        Assert.Equal(("LOT42", "ABC123", "12345678"), (repaired.Batch, repaired.SerialNumber, repaired.Nhrn));
        Assert.StartsWith("3 GS separators", hint.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_lost_separator_of_an_ifa_message_is_restored()
    {
        var scan = "[)>" + Rs + "06" + Gs + "9N" + Ppn + "1TLOT42" + "D271231" + "SABC123" + Rs + Eot;
        var hint = Assert.Single(ScanParser.Parse(scan).Hints, h => h.Code == ScanHintCode.MissingGroupSeparator);

        Assert.Equal(Ifa, hint.SuggestedReading);
    }

    [Theory]
    [InlineData("]d201" + Gtin + "17271231" + "10LOT4221ABC123" + Gs + "21XYZ")]   // 21 present: "21ABC123" is batch text
    [InlineData("]d201" + Gtin + "17271231" + "10LOT42" + Gs + "21ABC123")]         // nothing lost
    [InlineData("]d201" + Gtin + "10LOT4299ABC")]                                   // 99 is no UI element
    public void Makes_no_split_without_a_missing_element(string scan) =>
        Assert.DoesNotContain(ScanParser.Parse(scan).Hints, h => h.Code == ScanHintCode.MissingGroupSeparator);
}
