using Verifier.Core.Identification;

namespace Verifier.Core.Tests.Identification.Hints;

public sealed class ManualEntryTests
{
    private const string Hri = "(01)04150123456782(17)271231(10)LOT42(21)ABC123";

    [Theory]
    [InlineData("(01)O415O123456782(17)271231(10)LOT42(21)ABC123")]
    [InlineData("(01)04150l23456782(17)27I231(10)LOT42(21)ABC123")]
    [InlineData("(O1)04150123456782(l7)271231(10)LOT42(21)ABC123")]
    [InlineData("(01)04150123456782(17)2712E1(10)LOT42(21)ABC123")]
    [InlineData("(01) 04150123456782 (17) 271231 (10) LOT42 (21) ABC123")]
    [InlineData("(01)0415 0123 4567 82(17)271231(10)LOT42(21)ABC123")]
    public void Look_alike_characters_in_numeric_places_are_repaired(string typed)
    {
        var result = ScanParser.Parse(typed);

        Assert.False(result.IsComplete);
        var hint = Assert.Single(result.Hints, h => h.Code == ScanHintCode.ManualEntryConfusion);
        Assert.Equal(Hri, hint.SuggestedReading);
    }

    [Fact]
    public void Letters_in_alphanumeric_values_are_left_alone()
    {
        // O and 0 in a serial are both legitimate; nothing says which was meant.
        var result = ScanParser.Parse("(01)04150123456782(17)271231(10)LOT42(21)ABCO123");

        Assert.True(result.IsComplete);
        Assert.Empty(result.Hints);
    }

    [Fact]
    public void Ifa_numeric_fields_are_repaired()
    {
        var typed = "[)>\u001e06\u001d9N11O375286414\u001d1TLOT42\u001dD27I231\u001dSABC123\u001e\u0004";
        var hint = Assert.Single(ScanParser.Parse(typed).Hints, h => h.Code == ScanHintCode.ManualEntryConfusion);

        Assert.Equal(Scans.Ifa, hint.SuggestedReading);
    }
}
