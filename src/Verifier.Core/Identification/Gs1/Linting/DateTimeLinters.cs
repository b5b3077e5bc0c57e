namespace Verifier.Core.Identification.Gs1.Linting;

/// <summary>Dates (YYMMDD, YYYYMMDD, with or without DD=00) and times of day in GS1 AIs.</summary>
internal static class DateTimeLinters
{
    public static LintFailure? YyMmDd(string value) => Date(value, yearDigits: 2, dayZeroAllowed: false);

    public static LintFailure? YyMmD0(string value) => Date(value, yearDigits: 2, dayZeroAllowed: true);

    public static LintFailure? YyyyMmDd(string value) => Date(value, yearDigits: 4, dayZeroAllowed: false);

    public static LintFailure? YyyyMmD0(string value) => Date(value, yearDigits: 4, dayZeroAllowed: true);

    public static LintFailure? Hour(string value) => Clock(value, "hour", 23);

    public static LintFailure? Minute(string value) => Clock(value, "minute", 59);

    public static LintFailure? Second(string value) => Clock(value, "second", 59);

    public static LintFailure? HourMinute(string value)
    {
        var shape = Digits(value, 4, "time HHMM");
        if (shape is not null)
        {
            return shape;
        }

        return Clock(value[..2], "hour", 23) ?? Shift(Clock(value[2..], "minute", 59), 2);
    }

    private static LintFailure? Date(string value, int yearDigits, bool dayZeroAllowed)
    {
        var length = yearDigits + 4;
        var shape = Digits(value, length, yearDigits == 2 ? "date YYMMDD" : "date YYYYMMDD");
        if (shape is not null)
        {
            return shape;
        }

        var year = Number(value, 0, yearDigits);
        var month = Number(value, yearDigits, 2);
        var day = Number(value, yearDigits + 2, 2);
        if (month is < 1 or > 12)
        {
            return new LintFailure(LintFailureKind.Date, yearDigits, $"month {month:00} does not exist");
        }

        // Two-digit years are 20YY here: every YY divisible by 4 is then a leap year, which is
        // also true for any century the GS1 sliding window could pick (2000 was a leap year).
        var fullYear = yearDigits == 2 ? 2000 + year : year;
        if (fullYear == 0)
        {
            // Year 0000 has no DateTime representation; it is proleptic-Gregorian leap year.
            fullYear = 2000;
        }

        var daysInMonth = DateTime.DaysInMonth(fullYear, month);
        if (day == 0 && dayZeroAllowed)
        {
            return null;
        }

        if (day < 1 || day > daysInMonth)
        {
            return new LintFailure(LintFailureKind.Date, yearDigits + 2, $"day {day:00} does not exist in month {month:00}");
        }

        return null;
    }

    private static LintFailure? Clock(string value, string unit, int max)
    {
        var shape = Digits(value, 2, unit);
        if (shape is not null)
        {
            return shape;
        }

        var number = Number(value, 0, 2);
        return number > max ? new LintFailure(LintFailureKind.Time, 0, $"{unit} {number:00} does not exist") : null;
    }

    private static LintFailure? Digits(string value, int length, string what)
    {
        var nonDigit = CharacterSetLinters.Numeric(value);
        if (nonDigit is not null)
        {
            return nonDigit;
        }

        return value.Length == length
            ? null
            : new LintFailure(LintFailureKind.Length, 0, $"{what} needs {length} digits, found {value.Length}");
    }

    private static LintFailure? Shift(LintFailure? failure, int by) =>
        failure is null ? null : failure.Value with { Offset = failure.Value.Offset + by };

    internal static int Number(string value, int start, int length)
    {
        var n = 0;
        for (var i = start; i < start + length; i++)
        {
            n = (n * 10) + (value[i] - '0');
        }

        return n;
    }
}
