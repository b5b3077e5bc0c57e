using Verifier.Core.Identification;
using Verifier.Core.Identification.Hints;
using static Verifier.Core.Tests.Identification.Scans;

namespace Verifier.Core.Tests.Identification.Hints;

public sealed class CaseInversionTests
{
    [Fact]
    public void Ifa_data_identifiers_in_lower_case_reveal_caps_lock()
    {
        var scan = CaseInversion.Invert(Ifa);   // "9n", "1t", "d", "s", serial "abc123"
        var result = ScanParser.Parse(scan);

        Assert.False(result.IsComplete);
        var hint = Assert.Single(result.Hints, h => h.Code == ScanHintCode.CapsLockInverted);
        Assert.Equal(Ifa, hint.SuggestedReading);
        Assert.Equal("ABC123", ScanParser.Parse(hint.SuggestedReading).SerialNumber);
    }

    [Fact]
    public void An_upper_case_symbology_identifier_reveals_caps_lock()
    {
        var scan = CaseInversion.Invert(Complete);   // "]D2...", "lot42", "abc123"
        var result = ScanParser.Parse(scan);

        Assert.False(result.IsComplete);
        Assert.Equal(Complete, Assert.Single(result.Hints, h => h.Code == ScanHintCode.CapsLockInverted).SuggestedReading);
    }

    [Fact]
    public void Lower_case_letters_in_a_complete_wedge_scan_are_suspicious()
    {
        var scan = "01" + Gtin + "17271231" + "10lot42" + Gs + "21abc123";
        var result = ScanParser.Parse(scan);

        Assert.True(result.IsComplete);
        Assert.Equal("abc123", result.SerialNumber);  // the literal reading is kept
        var hint = Assert.Single(result.Hints);
        Assert.Equal(ScanHintCode.CapsLockInverted, hint.Code);
        Assert.Equal("01" + Gtin + "17271231" + "10LOT42" + Gs + "21ABC123", hint.SuggestedReading);
    }

    [Theory]
    [InlineData("]d201" + Gtin + "17271231" + "10lot42" + Gs + "21abc123")]  // ]d2 in the right case: Caps Lock was off
    [InlineData("01" + Gtin + "17271231" + "10Lot42" + Gs + "21abc123")]     // mixed case: not inverted upper case
    [InlineData("01" + Gtin + "17271231" + "1012345" + Gs + "21678")]         // no letters at all
    public void No_hint_without_evidence(string scan) =>
        Assert.DoesNotContain(ScanParser.Parse(scan).Hints, h => h.Code == ScanHintCode.CapsLockInverted);

    [Fact]
    public void Inverts_only_ascii_letters() => Assert.Equal("aBc1!ä", CaseInversion.Invert("AbC1!ä"));
}
