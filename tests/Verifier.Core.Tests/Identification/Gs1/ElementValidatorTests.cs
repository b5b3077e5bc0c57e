using Verifier.Core.Identification;
using Verifier.Core.Identification.Gs1;

namespace Verifier.Core.Tests.Identification.Gs1;

public sealed class ElementValidatorTests
{
    [Theory]
    [InlineData("01", "04150123456782")]
    [InlineData("17", "271200")]
    [InlineData("10", "A")]
    [InlineData("21", "ABCDEFGHIJKLMNOPQRST")]
    [InlineData("7007", "211225")]
    [InlineData("7007", "211225211231")]
    [InlineData("423", "528528528")]
    [InlineData("253", "1234567890128")]
    [InlineData("253", "1234567890128ABC")]
    [InlineData("8003", "02112345678900ABC")]
    [InlineData("4330", "000123-")]
    [InlineData("8030", "AB-_cd1==")]
    public void Accepts_valid_values(string ai, string value) =>
        Assert.Null(ElementValidator.Check(Definition(ai), value));

    [Theory]
    [InlineData("01", "0415012345678", ScanProblemCode.AiValueTooShort, 13)]
    [InlineData("01", "0415012345678A", ScanProblemCode.InvalidCharacter, 13)]
    [InlineData("01", "04150123456783", ScanProblemCode.GtinCheckDigit, 13)]
    [InlineData("00", "123456789012345670", ScanProblemCode.CheckDigit, 17)]
    [InlineData("17", "271301", ScanProblemCode.InvalidDate, 2)]
    [InlineData("11", "270230", ScanProblemCode.InvalidDate, 4)]
    [InlineData("10", "", ScanProblemCode.AiValueTooShort, 0)]
    [InlineData("21", "ABCDEFGHIJKLMNOPQRSTU", ScanProblemCode.AiValueTooLong, 20)]
    [InlineData("21", "AB#", ScanProblemCode.InvalidCharacter, 2)]
    [InlineData("7007", "2112252", ScanProblemCode.AiValueTooShort, 7)]
    [InlineData("423", "5285", ScanProblemCode.AiValueTooShort, 4)]
    [InlineData("423", "999", ScanProblemCode.InvalidValue, 0)]
    [InlineData("8010", "AB_", ScanProblemCode.InvalidCharacter, 2)]
    [InlineData("8030", "AB=C", ScanProblemCode.InvalidCharacter, 2)]
    [InlineData("8008", "2712312460", ScanProblemCode.InvalidTime, 6)]
    [InlineData("8003", "12112345678900", ScanProblemCode.InvalidValue, 0)]
    public void Reports_the_first_fault_with_its_offset(string ai, string value, ScanProblemCode code, int offset)
    {
        var fault = ElementValidator.Check(Definition(ai), value);

        Assert.NotNull(fault);
        Assert.Equal(code, fault.Value.Code);
        Assert.Equal(offset, fault.Value.Offset);
        Assert.StartsWith($"({ai})", fault.Value.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("01", "needs 14 characters")]
    [InlineData("21", "needs 1 to 20 characters")]
    [InlineData("7007", "needs 6 or 12 characters")]
    [InlineData("423", "needs 3, 6, 9, 12 or 15 characters")]
    public void Describes_allowed_lengths(string ai, string text) =>
        Assert.Equal(text, ElementValidator.AllowedLengths(Definition(ai)));

    private static Gs1ApplicationIdentifier Definition(string ai) =>
        Gs1ApplicationIdentifiers.TryGet(ai, out var definition) ? definition : throw new ArgumentException(ai);
}
