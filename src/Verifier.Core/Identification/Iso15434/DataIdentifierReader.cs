using Verifier.Core.Identification.Gs1.Linting;
using Verifier.Core.Identification.Parsing;

namespace Verifier.Core.Identification.Iso15434;

/// <summary>Reads the GS-separated fields of an ISO/IEC 15434 format 06 message (IFA coding).</summary>
internal static class DataIdentifierReader
{
    private const char Gs = ControlCharacters.GroupSeparator;

    public static void Read(ScanReading reading, int start, int end)
    {
        var text = reading.Text;
        for (var p = start; p <= end;)
        {
            var separator = text.IndexOf(Gs, p, end - p);
            var fieldEnd = separator < 0 ? end : separator;
            if (fieldEnd == p)
            {
                // A GS right before the RS is harmless; an empty field between two is a doubled separator.
                if (separator >= 0)
                {
                    reading.AddProblem(ScanProblemCode.DoubledSeparator, p, "two GS separators in a row");
                }
            }
            else
            {
                ReadField(reading, p, fieldEnd);
            }

            if (separator < 0)
            {
                break;
            }

            p = fieldEnd + 1;
            if (p == end)
            {
                break;
            }
        }
    }

    private static void ReadField(ScanReading reading, int start, int end)
    {
        var text = reading.Text;
        var diLength = DataIdentifiers.Measure(text.AsSpan(start, end - start));
        if (diLength == 0)
        {
            reading.AddProblem(
                ScanProblemCode.UnknownDataIdentifier,
                start,
                $"field '{Shorten(text[start..end])}' does not start with a data identifier (digits, then an upper-case letter)");
            return;
        }

        var di = text.Substring(start, diLength);
        var value = text[(start + diLength)..end];
        var valueStart = start + diLength;
        reading.AddElement(di, value, start, DataIdentifiers.IsFmd(di));
        if (Check(di, value) is { } fault)
        {
            reading.AddProblem(fault.Code, valueStart + fault.Offset, fault.Message);
        }
    }

    private static Gs1.ValueFault? Check(string di, string value)
    {
        switch (di)
        {
            case DataIdentifiers.Ppn:
                return CheckPpn(value);
            case DataIdentifiers.Gtin:
                return CheckGtin(value);
            case DataIdentifiers.Batch:
            case DataIdentifiers.Serial:
                return CheckText(di, value);
            case DataIdentifiers.Expiry:
                return CheckDate(di, value, DateTimeLinters.YyMmD0, 6);
            case DataIdentifiers.ProductionDate:
                return CheckDate(di, value, DateTimeLinters.YyyyMmDd, 8);
            default:
                return null;
        }
    }

    private static Gs1.ValueFault? CheckPpn(string value)
    {
        if (value.Length != 12)
        {
            return Length(DataIdentifiers.Ppn, value, 12, 12);
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (!char.IsAsciiDigit(value[i]) && !char.IsAsciiLetterUpper(value[i]))
            {
                return new Gs1.ValueFault(ScanProblemCode.InvalidCharacter, i, $"(9N) PPN character {ControlCharacters.Name(value[i])} is not a digit or upper-case letter");
            }
        }

        if (!char.IsAsciiDigit(value[^1]) || !char.IsAsciiDigit(value[^2]) || !PpnCheckDigits.IsValid(value))
        {
            PpnCheckDigits.TryCompute(value[..^2], out var expected);
            return new Gs1.ValueFault(ScanProblemCode.PpnCheckDigit, 10, $"(9N) PPN check digits should be {expected}, not {value[^2..]}");
        }

        return null;
    }

    private static Gs1.ValueFault? CheckGtin(string value)
    {
        if (value.Length != 14)
        {
            return Length(DataIdentifiers.Gtin, value, 14, 14);
        }

        var failure = CheckDigitLinters.Csum(value);
        return failure is { } f
            ? new Gs1.ValueFault(f.Kind == LintFailureKind.CheckDigit ? ScanProblemCode.GtinCheckDigit : ScanProblemCode.InvalidCharacter, f.Offset, $"(8P) {f.Message}")
            : null;
    }

    private static Gs1.ValueFault? CheckText(string di, string value)
    {
        if (value.Length is 0 or > DataIdentifiers.MaxBatchOrSerialLength)
        {
            return Length(di, value, 1, DataIdentifiers.MaxBatchOrSerialLength);
        }

        var bad = Cset82.IndexOfInvalid(value);
        return bad < 0
            ? null
            : new Gs1.ValueFault(ScanProblemCode.InvalidCharacter, bad, $"({di}) character {ControlCharacters.Name(value[bad])} is not allowed");
    }

    private static Gs1.ValueFault? CheckDate(string di, string value, Linter linter, int length)
    {
        if (value.Length != length)
        {
            return Length(di, value, length, length);
        }

        return linter(value) is { } f
            ? new Gs1.ValueFault(f.Kind == LintFailureKind.Character ? ScanProblemCode.InvalidCharacter : ScanProblemCode.InvalidDate, f.Offset, $"({di}) {f.Message}")
            : null;
    }

    private static Gs1.ValueFault Length(string di, string value, int min, int max)
    {
        var allowed = min == max ? $"{min}" : $"{min} to {max}";
        return value.Length < min
            ? new Gs1.ValueFault(ScanProblemCode.AiValueTooShort, value.Length, $"({di}) {value.Length} characters is too short; needs {allowed} characters")
            : new Gs1.ValueFault(ScanProblemCode.AiValueTooLong, max, $"({di}) {value.Length} characters is too long; needs {allowed} characters");
    }

    private static string Shorten(string field) => field.Length <= 12 ? field : field[..12] + "…";
}
