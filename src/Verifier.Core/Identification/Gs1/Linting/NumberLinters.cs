namespace Verifier.Core.Identification.Gs1.Linting;

/// <summary>Rules on numeric components: zero or not, flags, pieces of a total, geo coordinates.</summary>
internal static class NumberLinters
{
    public static LintFailure? Zero(string value)
    {
        if (value.Length == 0 || value.Any(c => c != '0'))
        {
            return Invalid(0, "must be zero");
        }

        return null;
    }

    public static LintFailure? NonZero(string value)
    {
        var nonDigit = CharacterSetLinters.Numeric(value);
        if (nonDigit is not null)
        {
            return nonDigit;
        }

        return value.Any(c => c != '0') ? null : Invalid(0, "must not be zero");
    }

    public static LintFailure? NoZeroPrefix(string value)
    {
        var nonDigit = CharacterSetLinters.Numeric(value);
        if (nonDigit is not null)
        {
            return nonDigit;
        }

        return value.Length > 0 && value[0] == '0' ? Invalid(0, "must not start with 0") : null;
    }

    public static LintFailure? YesNo(string value) =>
        value is "0" or "1" ? null : Invalid(0, "must be 0 (no) or 1 (yes)");

    public static LintFailure? Winding(string value) =>
        value is "0" or "1" or "9" ? null : Invalid(0, "winding direction must be 0, 1 or 9");

    public static LintFailure? Iso5218(string value) =>
        value is "0" or "1" or "2" or "9" ? null : Invalid(0, "biological sex code (ISO/IEC 5218) must be 0, 1, 2 or 9");

    public static LintFailure? PieceOfTotal(string value)
    {
        if (value.Length == 0 || value.Length % 2 != 0)
        {
            return new LintFailure(LintFailureKind.Length, 0, "piece and total need the same number of digits");
        }

        var nonDigit = CharacterSetLinters.Numeric(value);
        if (nonDigit is not null)
        {
            return nonDigit;
        }

        var half = value.Length / 2;
        var piece = value[..half];
        var total = value[half..];
        if (piece.All(c => c == '0'))
        {
            return Invalid(0, "piece number must not be zero");
        }

        if (total.All(c => c == '0'))
        {
            return Invalid(half, "total number of pieces must not be zero");
        }

        // Equal lengths, so ordinal comparison of the digit strings is numeric comparison.
        return string.CompareOrdinal(piece, total) > 0 ? Invalid(0, "piece number exceeds the total") : null;
    }

    public static LintFailure? PositionInSequence(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == value.Length - 1 || value.IndexOf('/', slash + 1) >= 0
            || !Gs1CheckDigit.AllAsciiDigits(value.AsSpan(0, slash)) || !Gs1CheckDigit.AllAsciiDigits(value.AsSpan(slash + 1)))
        {
            return Invalid(0, "must be <position>/<end>, both numbers");
        }

        var position = value[..slash];
        var end = value[(slash + 1)..];
        if (position[0] == '0')
        {
            return Invalid(0, "position must not start with 0");
        }

        if (end[0] == '0')
        {
            return Invalid(slash + 1, "end must not start with 0");
        }

        var exceeds = position.Length > end.Length
            || (position.Length == end.Length && string.CompareOrdinal(position, end) > 0);
        return exceeds ? Invalid(0, "position exceeds the end of the sequence") : null;
    }

    // AI 4309: latitude and longitude are offset to be non-negative and scaled by 10^7.
    public static LintFailure? Latitude(string value) => Coordinate(value, 1800000000L, "latitude");

    public static LintFailure? Longitude(string value) => Coordinate(value, 3600000000L, "longitude");

    private static LintFailure? Coordinate(string value, long max, string what)
    {
        var nonDigit = CharacterSetLinters.Numeric(value);
        if (nonDigit is not null)
        {
            return nonDigit;
        }

        if (value.Length != 10)
        {
            return new LintFailure(LintFailureKind.Length, 0, $"{what} needs 10 digits");
        }

        return long.Parse(value, System.Globalization.CultureInfo.InvariantCulture) > max
            ? Invalid(0, $"{what} out of range")
            : null;
    }

    internal static LintFailure Invalid(int offset, string message) => new(LintFailureKind.Value, offset, message);
}
