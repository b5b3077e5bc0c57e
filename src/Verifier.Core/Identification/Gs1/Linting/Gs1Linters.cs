namespace Verifier.Core.Identification.Gs1.Linting;

/// <summary>
/// The linters named in the GS1 syntax dictionary (without the "gs1_lint_" prefix), plus the
/// character-set checks behind the component types N, X, Y and Z.
/// </summary>
internal static class Gs1Linters
{
    private static readonly Dictionary<string, Linter> ByName = new(StringComparer.Ordinal)
    {
        ["csetnumeric"] = CharacterSetLinters.Numeric,
        ["cset82"] = CharacterSetLinters.Cset82,
        ["cset39"] = CharacterSetLinters.Cset39,
        ["cset64"] = CharacterSetLinters.Cset64,
        ["csum"] = CheckDigitLinters.Csum,
        ["csumalpha"] = CheckDigitLinters.CsumAlpha,
        ["yymmdd"] = DateTimeLinters.YyMmDd,
        ["yymmd0"] = DateTimeLinters.YyMmD0,
        ["yyyymmdd"] = DateTimeLinters.YyyyMmDd,
        ["yyyymmd0"] = DateTimeLinters.YyyyMmD0,
        ["hh"] = DateTimeLinters.Hour,
        ["mi"] = DateTimeLinters.Minute,
        ["ss"] = DateTimeLinters.Second,
        ["hhmi"] = DateTimeLinters.HourMinute,
        ["zero"] = NumberLinters.Zero,
        ["nonzero"] = NumberLinters.NonZero,
        ["nozeroprefix"] = NumberLinters.NoZeroPrefix,
        ["yesno"] = NumberLinters.YesNo,
        ["winding"] = NumberLinters.Winding,
        ["iso5218"] = NumberLinters.Iso5218,
        ["pieceoftotal"] = NumberLinters.PieceOfTotal,
        ["posinseqslash"] = NumberLinters.PositionInSequence,
        ["latitude"] = NumberLinters.Latitude,
        ["longitude"] = NumberLinters.Longitude,
        ["hyphen"] = TextLinters.Hyphen,
        ["hasnondigit"] = TextLinters.HasNonDigit,
        ["pcenc"] = TextLinters.PercentEncoded,
        ["importeridx"] = TextLinters.ImporterIndex,
        ["gcppos1"] = TextLinters.CompanyPrefixAtStart,
        ["gcppos2"] = TextLinters.CompanyPrefixAfterFirst,
        ["iso3166"] = CountryCodes.Iso3166,
        ["iso3166999"] = CountryCodes.Iso3166Or999,
        ["iso3166alpha2"] = CountryCodes.Iso3166Alpha2,
        ["iso4217"] = CurrencyCodes.Iso4217,
        ["iban"] = IbanLinter.Iban,
        ["packagetype"] = PackagingCodes.PackageType,
        ["mediatype"] = PackagingCodes.MediaType,
        ["couponcode"] = CouponLinters.CouponCode,
        ["couponposoffer"] = CouponLinters.CouponPositiveOffer,
    };

    public static bool TryGet(string name, out Linter linter) => ByName.TryGetValue(name, out linter!);

    public static IEnumerable<string> Names => ByName.Keys;
}
