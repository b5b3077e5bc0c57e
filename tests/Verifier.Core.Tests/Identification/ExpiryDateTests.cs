using Verifier.Core.Identification;

namespace Verifier.Core.Tests.Identification;

public sealed class ExpiryDateTests
{
    [Theory]
    [InlineData("271231", 2027, 12, 31)]
    [InlineData("270400", 2027, 4, 30)]   // DD=00: last day of the month
    [InlineData("280200", 2028, 2, 29)]   // ... of a leap February
    [InlineData("270200", 2027, 2, 28)]
    [InlineData("240229", 2024, 2, 29)]
    [InlineData("000229", 2000, 2, 29)]   // 2000 was a leap year
    [InlineData("991200", 2099, 12, 31)]
    public void Reads_yymmdd_as_20yy(string yymmdd, int year, int month, int day)
    {
        Assert.True(ExpiryDate.TryParse(yymmdd, out var date));
        Assert.Equal(new DateOnly(year, month, day), date);
    }

    [Theory]
    [InlineData("271301")]  // month 13
    [InlineData("270001")]  // month 00
    [InlineData("270230")]  // 30 February
    [InlineData("250229")]  // 29 February of a common year
    [InlineData("270431")]
    [InlineData("27123")]
    [InlineData("2712311")]
    [InlineData("27I231")]
    [InlineData("")]
    [InlineData(null)]
    public void Rejects_impossible_or_malformed_dates(string? yymmdd) => Assert.False(ExpiryDate.TryParse(yymmdd, out _));

    [Theory]
    [InlineData("260526", 2026, 2026)]
    [InlineData("760526", 2026, 2076)]  // 50 years ahead: still this century
    [InlineData("770526", 2026, 1977)]  // 51 years ahead: previous century
    [InlineData("030201", 2026, 2003)]
    [InlineData("760101", 2026, 2076)]
    [InlineData("490101", 1999, 2049)]  // 50 years behind: next century
    [InlineData("500101", 1999, 1950)]  // 49 years behind: this century
    public void Applies_the_gs1_century_rule_to_a_reference_year(string yymmdd, int referenceYear, int expectedYear)
    {
        Assert.True(ExpiryDate.TryParse(yymmdd, referenceYear, out var date));
        Assert.Equal(expectedYear, date.Year);
    }

    [Fact]
    public void Century_rule_keeps_day_zero_and_leap_rules()
    {
        Assert.True(ExpiryDate.TryParse("960200", 2026, out var date));
        Assert.Equal(new DateOnly(1996, 2, 29), date);
    }
}
