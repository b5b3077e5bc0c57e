namespace Verifier.Core.Identification;

// Placeholder until the parser branch lands; replaced by the full implementation there.
public static class ExpiryDate
{
    public static bool TryParse(string yymmdd, out DateOnly lastDayOfValidity)
    {
        lastDayOfValidity = default;
        if (yymmdd.Length != 6 || !yymmdd.All(char.IsAsciiDigit)) return false;
        int yy = int.Parse(yymmdd[..2]), mm = int.Parse(yymmdd[2..4]), dd = int.Parse(yymmdd[4..]);
        if (mm is < 1 or > 12) return false;
        var days = DateTime.DaysInMonth(2000 + yy, mm);
        if (dd > days) return false;
        lastDayOfValidity = new DateOnly(2000 + yy, mm, dd == 0 ? days : dd);
        return true;
    }
}
