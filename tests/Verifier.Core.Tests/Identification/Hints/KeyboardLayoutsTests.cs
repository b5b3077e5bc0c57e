using Verifier.Core.Identification;
using Verifier.Core.Identification.Hints;
using static Verifier.Core.Tests.Identification.Scans;

namespace Verifier.Core.Tests.Identification.Hints;

public sealed class KeyboardLayoutsTests
{
    private const string Hri = "(01)04150123456782(17)271231(10)LOTY42(21)ABCZ123";

    [Fact]
    public void Us_scanner_on_a_german_host_swaps_brackets_and_y_z()
    {
        // '(' is Shift+9 on a US keyboard, which a German host reads as ')'; ')' (Shift+0) as '='.
        var scan = ")01=04150123456782)17=271231)10=LOTZ42)21=ABCY123";
        var hint = Assert.Single(ScanParser.Parse(scan).Hints);

        Assert.Equal(ScanHintCode.KeyboardLayoutSwap, hint.Code);
        Assert.Equal(Hri, hint.SuggestedReading);
        Assert.Contains("US", hint.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void German_scanner_on_a_us_host_swaps_brackets_and_y_z()
    {
        // German Shift+8 '(' arrives as '*', Shift+9 ')' as '('.
        var scan = "*01(04150123456782*17(271231*10(LOTZ42*21(ABCY123";
        var hint = Assert.Single(ScanParser.Parse(scan).Hints);

        Assert.Equal(ScanHintCode.KeyboardLayoutSwap, hint.Code);
        Assert.Equal(Hri, hint.SuggestedReading);
    }

    [Fact]
    public void A_mangled_symbology_identifier_is_recovered()
    {
        // ']' is the key a German layout has '+' on.
        var hint = Assert.Single(ScanParser.Parse("+" + Complete[1..]).Hints);

        Assert.Equal(ScanHintCode.KeyboardLayoutSwap, hint.Code);
        Assert.Equal(Complete, hint.SuggestedReading);
    }

    [Fact]
    public void Us_scanner_on_a_french_host_is_recovered()
    {
        var french = KeyboardLayouts.Recover(Hri, KeyboardLayout.Recovery(KeyboardLayout.French, KeyboardLayout.Us));
        var scan = KeyboardLayouts.Recover(Hri, Invert(KeyboardLayout.Recovery(KeyboardLayout.Us, KeyboardLayout.French)));

        Assert.NotEqual(Hri, scan);
        Assert.NotEqual(Hri, french);
        var hint = Assert.Single(ScanParser.Parse(scan).Hints);
        Assert.Equal(Hri, hint.SuggestedReading);
    }

    [Theory]
    [InlineData("|")]
    [InlineData("<GS>")]
    [InlineData("@")]
    public void A_stand_in_for_gs_is_recognised(string standIn)
    {
        var scan = "]d201" + Gtin + "17271231" + "10LOT42" + standIn + "21ABC123";
        var hint = Assert.Single(ScanParser.Parse(scan).Hints, h => h.Code == ScanHintCode.KeyboardLayoutSwap);

        Assert.Equal(Complete, hint.SuggestedReading);
    }

    [Fact]
    public void Complete_scans_get_no_layout_hint() =>
        Assert.Empty(ScanParser.Parse(Hri).Hints);

    private static Dictionary<char, char> Invert(IReadOnlyDictionary<char, char> map) =>
        map.GroupBy(p => p.Value).ToDictionary(g => g.Key, g => g.First().Key);
}
