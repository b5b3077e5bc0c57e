using Verifier.Core.Identification.Gs1.Linting;

namespace Verifier.Core.Tests.Identification.Gs1.Linting;

/// <summary>
/// The syntax-dictionary linters, independent of the shared corpus (which the conformance test
/// runs in full when present).
/// </summary>
public sealed class LintersTests
{
    [Theory]
    [InlineData("yymmd0", "200229", true)]
    [InlineData("yymmd0", "210229", false)]
    [InlineData("yymmd0", "200600", true)]
    [InlineData("yymmdd", "200600", false)]
    [InlineData("yymmd0", "201300", false)]
    [InlineData("yyyymmdd", "21000229", false)]  // 2100 is no leap year
    [InlineData("yyyymmdd", "24000229", true)]   // 2400 is
    [InlineData("yyyymmd0", "20200600", true)]
    [InlineData("hh", "23", true)]
    [InlineData("hh", "24", false)]
    [InlineData("mi", "59", true)]
    [InlineData("mi", "60", false)]
    [InlineData("ss", "60", false)]
    [InlineData("hhmi", "2359", true)]
    [InlineData("hhmi", "2400", false)]
    [InlineData("hhmi", "0060", false)]
    [InlineData("csum", "04150123456782", true)]
    [InlineData("csum", "04150123456783", false)]
    [InlineData("csum", "", false)]
    [InlineData("csumalpha", "22", true)]
    [InlineData("csumalpha", "00000!HV", true)]
    [InlineData("csumalpha", "1987654Ad4X4bL5ttr2310c2K", true)]
    [InlineData("csumalpha", "1987654Ad4X4bL5ttr2310cXK", false)]
    [InlineData("csumalpha", "2", false)]
    [InlineData("cset82", "AZaz09!_", true)]
    [InlineData("cset82", "A B", false)]
    [InlineData("cset39", "AZ09#-/", true)]
    [InlineData("cset39", "a", false)]
    [InlineData("cset64", "12=", true)]
    [InlineData("cset64", "1==", true)]
    [InlineData("cset64", "123=", false)]
    [InlineData("cset64", "1=3", false)]
    [InlineData("cset64", "=", false)]
    [InlineData("cset64", "ABCDEFG==", true)]
    [InlineData("cset64", "ABCDEF=", false)]
    [InlineData("csetnumeric", "", true)]
    [InlineData("csetnumeric", "0a", false)]
    [InlineData("zero", "000", true)]
    [InlineData("zero", "010", false)]
    [InlineData("nonzero", "0009", true)]
    [InlineData("nonzero", "0000", false)]
    [InlineData("nozeroprefix", "10", true)]
    [InlineData("nozeroprefix", "0", false)]
    [InlineData("yesno", "1", true)]
    [InlineData("yesno", "2", false)]
    [InlineData("winding", "9", true)]
    [InlineData("winding", "2", false)]
    [InlineData("iso5218", "9", true)]
    [InlineData("iso5218", "3", false)]
    [InlineData("pieceoftotal", "0203", true)]
    [InlineData("pieceoftotal", "0302", false)]
    [InlineData("pieceoftotal", "0003", false)]
    [InlineData("pieceoftotal", "123", false)]
    [InlineData("posinseqslash", "9/10", true)]
    [InlineData("posinseqslash", "10/9", false)]
    [InlineData("posinseqslash", "01/2", false)]
    [InlineData("posinseqslash", "1//2", false)]
    [InlineData("latitude", "1800000000", true)]
    [InlineData("latitude", "1800000001", false)]
    [InlineData("longitude", "3600000000", true)]
    [InlineData("longitude", "3600000001", false)]
    [InlineData("hyphen", "-", true)]
    [InlineData("hyphen", "X", false)]
    [InlineData("hasnondigit", "1A", true)]
    [InlineData("hasnondigit", "11", false)]
    [InlineData("pcenc", "ABC%20", true)]
    [InlineData("pcenc", "ABC%2", false)]
    [InlineData("importeridx", "_", true)]
    [InlineData("importeridx", "=", false)]
    [InlineData("gcppos1", "1234", true)]
    [InlineData("gcppos1", "123", false)]
    [InlineData("gcppos2", "01234", true)]
    [InlineData("gcppos2", "I12A4567", false)]
    [InlineData("iso3166", "276", true)]
    [InlineData("iso3166", "261", false)]
    [InlineData("iso3166999", "999", true)]
    [InlineData("iso3166999", "998", false)]
    [InlineData("iso3166alpha2", "DE", true)]
    [InlineData("iso3166alpha2", "XX", false)]
    [InlineData("iso4217", "978", true)]
    [InlineData("iso4217", "000", false)]
    [InlineData("iban", "DE91100000000123456789", true)]
    [InlineData("iban", "DE91100000000123456780", false)]
    [InlineData("iban", "XX361234567890", false)]
    [InlineData("packagetype", "BX", true)]
    [InlineData("packagetype", "X11", true)]
    [InlineData("packagetype", "00", false)]
    [InlineData("mediatype", "10", true)]
    [InlineData("mediatype", "11", false)]
    [InlineData("couponcode", "012345612345611110123", true)]
    [InlineData("couponcode", "71234567890123", false)]
    [InlineData("couponcode", "01234561234561111012335006064500607", false)]  // expires before start
    [InlineData("couponcode", "012345612345611110123900000", false)]          // excess data
    [InlineData("couponposoffer", "001234561234560123456", true)]
    [InlineData("couponposoffer", "201234561234560123456", false)]
    public void Linter_verdicts(string name, string value, bool valid)
    {
        Assert.True(Gs1Linters.TryGet(name, out var linter), name);

        Assert.Equal(valid, linter(value) is null);
    }

    [Fact]
    public void Every_linter_of_the_ai_table_is_implemented()
    {
        var used = Verifier.Core.Identification.Gs1ApplicationIdentifiers.All
            .SelectMany(a => a.Components)
            .SelectMany(c => c.Linters)
            .Distinct();

        Assert.All(used, name => Assert.True(Gs1Linters.TryGet(name, out _), name));
    }
}
