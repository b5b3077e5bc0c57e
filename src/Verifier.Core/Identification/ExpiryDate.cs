using Verifier.Core.Identification.Gs1.Linting;

namespace Verifier.Core.Identification;

/// <summary>
/// Reads a printed YYMMDD expiry (AI 17, IFA DI D). DD = 00 means the last day of the month
/// (GS1 General Specifications 7.12; DR Art 4 allows month-only expiry dates).
/// </summary>
public static class ExpiryDate
{
    /// <summary>
    /// Reads the date with the year taken as 20YY. Core has no clock (reading one would be I/O and
    /// make results depend on the day they are computed), and for every realistic expiry, a few
    /// years around today, 20YY is what the GS1 century rule gives as well. Callers that know the
    /// current year and want the exact rule use <see cref="TryParse(string?, int, out DateOnly)"/>.
    /// </summary>
    public static bool TryParse(string? yymmdd, out DateOnly lastDayOfValidity)
    {
        lastDayOfValidity = default;
        if (!IsWellFormed(yymmdd))
        {
            return false;
        }

        return TryBuild(2000 + DateTimeLinters.Number(yymmdd!, 0, 2), yymmdd!, out lastDayOfValidity);
    }

    /// <summary>
    /// Reads the date with the century chosen by the GS1 rule (General Specifications 7.12)
    /// relative to <paramref name="referenceYear"/> (normally the current year): a YY more than
    /// 50 years ahead is taken from the previous century, one 50 or more years behind from the next,
    /// so dates fall from 49 years before to 50 years after the reference year.
    /// </summary>
    public static bool TryParse(string? yymmdd, int referenceYear, out DateOnly lastDayOfValidity)
    {
        lastDayOfValidity = default;
        if (!IsWellFormed(yymmdd) || referenceYear is < 100 or > 9899)
        {
            return false;
        }

        return TryBuild(FullYear(DateTimeLinters.Number(yymmdd!, 0, 2), referenceYear), yymmdd!, out lastDayOfValidity);
    }

    /// <summary>The four-digit year for <paramref name="yy"/> by the GS1 sliding window around <paramref name="referenceYear"/>.</summary>
    public static int FullYear(int yy, int referenceYear)
    {
        var century = referenceYear - (referenceYear % 100);
        var difference = yy - (referenceYear % 100);
        if (difference >= 51)
        {
            century -= 100;
        }
        else if (difference <= -50)
        {
            century += 100;
        }

        return century + yy;
    }

    private static bool IsWellFormed(string? yymmdd) =>
        yymmdd is { Length: 6 } && Gs1CheckDigit.AllAsciiDigits(yymmdd);

    private static bool TryBuild(int year, string yymmdd, out DateOnly date)
    {
        date = default;
        var month = DateTimeLinters.Number(yymmdd, 2, 2);
        var day = DateTimeLinters.Number(yymmdd, 4, 2);
        if (month is < 1 or > 12)
        {
            return false;
        }

        var daysInMonth = DateTime.DaysInMonth(year, month);
        if (day == 0)
        {
            day = daysInMonth;
        }

        if (day > daysInMonth)
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }
}
