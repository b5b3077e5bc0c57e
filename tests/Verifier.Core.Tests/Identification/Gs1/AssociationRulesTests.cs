using Verifier.Core.Identification;

namespace Verifier.Core.Tests.Identification.Gs1;

/// <summary>GS1 association rules, exercised through HRI where unknown AIs can take part too.</summary>
public sealed class AssociationRulesTests
{
    [Theory]
    [InlineData("(400)ABC(400)ABC", false)]
    [InlineData("(400)ABC(99)DEF(400)ABC", false)]
    [InlineData("(400)ABC(400)ABD", true)]
    [InlineData("(89)ABC(89)ABC", false)]
    [InlineData("(89)ABC(89)XYZ", true)]
    public void Repeats_must_agree(string scan, bool reported) =>
        Assert.Equal(reported, Has(scan, ScanProblemCode.DuplicateAi));

    [Theory]
    [InlineData("(01)12345678901231(02)12345678901231", true)]
    [InlineData("(01)12345678901231(37)123", true)]
    [InlineData("(3940)1234(3941)9999", true)]      // pattern 394n, but not against itself
    [InlineData("(3940)1234(3940)1234", false)]
    [InlineData("(01)12345678901231(21)ABC", false)]
    public void Mutually_exclusive_ais_conflict(string scan, bool reported) =>
        Assert.Equal(reported, Has(scan, ScanProblemCode.ConflictingAis));

    [Theory]
    [InlineData("(21)ABC123", true)]
    [InlineData("(21)ABC123(01)12345678901231", false)]
    [InlineData("(01)12345678901231(3925)12599", true)]       // needs one of 30, 31nn, 32nn, 35nn, 36nn
    [InlineData("(01)12345678901231(3925)12599(3105)654321", false)]
    [InlineData("(8030)DIGSIG(01)12345678901231", true)]       // 01 only with 21
    [InlineData("(8030)DIGSIG(01)12345678901231(21)ABC", false)]
    [InlineData("(7004)12(01)04150123456782", true)]           // 7004 needs 01 and 10
    [InlineData("(7004)12(01)04150123456782(10)LOT", false)]
    public void Requisite_ais_must_be_present(string scan, bool reported) =>
        Assert.Equal(reported, Has(scan, ScanProblemCode.RequisiteAiMissing));

    [Theory]
    [InlineData("(253)1234567890128(8030)ABC123", true)]
    [InlineData("(253)1234567890128X(8030)ABC123", false)]
    [InlineData("(8003)01234567890128(8030)ABC123", true)]
    [InlineData("(253)1234567890128", false)]
    public void A_signature_needs_a_serialised_key(string scan, bool reported) =>
        Assert.Equal(reported, Has(scan, ScanProblemCode.SignatureNeedsSerialisedKey));

    [Fact]
    public void A_complete_ui_with_extra_ais_satisfies_every_rule()
    {
        var result = ScanParser.Parse("(01)04150123456782(11)250101(17)271231(10)LOT42(21)ABC123(7004)12(710)12345678(8200)https://x");

        Assert.DoesNotContain(result.Problems, p => p.Category == ScanProblemCategory.Association);
        Assert.True(result.IsComplete);
    }

    private static bool Has(string scan, ScanProblemCode code) => ScanParser.Parse(scan).Problems.Any(p => p.Code == code);
}
