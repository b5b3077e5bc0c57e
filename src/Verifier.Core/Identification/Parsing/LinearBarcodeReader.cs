using Verifier.Core.Identification.Gs1;

namespace Verifier.Core.Identification.Parsing;

/// <summary>
/// EAN/UPC symbols (]E0 EAN-13/UPC-A, ]E4 EAN-8), optionally followed by a GS1 composite
/// component ("|]e0..."). They carry only a GTIN, so for the FMD they are the wrong barcode:
/// the pack's DataMatrix must be scanned instead.
/// </summary>
internal static class LinearBarcodeReader
{
    public static void Read(ScanReading reading, int start, int end)
    {
        var text = reading.Text;
        var bar = text.IndexOf('|', start, end - start);
        var primaryEnd = bar < 0 ? end : bar;
        var primary = text[start..primaryEnd];
        var expected = reading.SymbologyIdentifier switch
        {
            "]E0" => 13,
            "]E4" => 8,
            _ => 0,
        };

        if (expected > 0 && !CheckPrimary(reading, primary, start, expected))
        {
            return;
        }

        if (bar >= 0 && string.CompareOrdinal(text, bar + 1, "]e0", 0, 3) == 0)
        {
            reading.Format = ScanFormat.Gs1ElementString;
            ElementStringReader.Read(reading, bar + 4, end);
            return;
        }

        reading.AddProblem(
            ScanProblemCode.NonGs1Data,
            start,
            $"linear EAN/UPC barcode {primary}: it carries only a product number; scan the pack's 2D DataMatrix code");
    }

    private static bool CheckPrimary(ScanReading reading, string digits, int start, int length)
    {
        var nonDigit = digits.AsSpan().IndexOfAnyExceptInRange('0', '9');
        if (nonDigit >= 0)
        {
            reading.AddProblem(ScanProblemCode.InvalidCharacter, start + nonDigit, $"EAN/UPC data must be digits, found {ControlCharacters.Name(digits[nonDigit])}");
            return false;
        }

        if (digits.Length != length)
        {
            reading.AddProblem(
                digits.Length < length ? ScanProblemCode.AiValueTooShort : ScanProblemCode.AiValueTooLong,
                start + Math.Min(digits.Length, length),
                $"{reading.SymbologyIdentifier} carries {length} digits, found {digits.Length}");
            return false;
        }

        if (!Gs1CheckDigit.IsValid(digits))
        {
            reading.AddProblem(ScanProblemCode.GtinCheckDigit, start + length - 1, $"check digit of {digits} should be {Gs1CheckDigit.Calculate(digits.AsSpan(0, length - 1))}");
            return false;
        }

        return true;
    }
}
