using Verifier.Core.Identification.Gs1;
using Verifier.Core.Identification.Parsing;

namespace Verifier.Core.Identification.Iso15434;

/// <summary>
/// Reads an ISO/IEC 15434 message: <c>[)&gt;</c> RS, then one or more formats
/// (<c>05</c> GS GS1-data RS, <c>06</c> GS DI-data RS), then EOT.
/// </summary>
internal static class EnvelopeReader
{
    public const string Header = "[)>";

    private const char Gs = ControlCharacters.GroupSeparator;
    private const char Rs = ControlCharacters.RecordSeparator;
    private const char Eot = ControlCharacters.EndOfTransmission;

    public static bool Recognises(string text, int start) => string.CompareOrdinal(text, start, Header, 0, Header.Length) == 0;

    public static void Read(ScanReading reading, int start, int end)
    {
        var text = reading.Text;
        var p = start + Header.Length;
        if (p < end && text[p] == Rs)
        {
            p++;
        }
        else
        {
            reading.AddProblem(ScanProblemCode.MalformedEnvelope, p, "the message header '[)>' must be followed by RS");
        }

        var first = true;
        while (p < end)
        {
            if (p + 2 > end || !char.IsAsciiDigit(text[p]) || !char.IsAsciiDigit(text[p + 1]))
            {
                reading.AddProblem(ScanProblemCode.MalformedEnvelope, p, "expected a two-digit format number (05 or 06)");
                return;
            }

            var format = text.Substring(p, 2);
            p += 2;
            if (p < end && text[p] == Gs)
            {
                p++;
            }
            else
            {
                reading.AddProblem(ScanProblemCode.MalformedEnvelope, p, $"format {format} must be followed by GS");
            }

            var recordEnd = IndexOfAny(text, p, end, Rs, Eot);
            switch (format)
            {
                case "05":
                    reading.Format = first ? ScanFormat.Iso15434Format05 : reading.Format;
                    ElementStringReader.Read(reading, p, recordEnd);
                    break;
                case "06":
                    reading.Format = first ? ScanFormat.Iso15434Format06 : reading.Format;
                    DataIdentifierReader.Read(reading, p, recordEnd);
                    break;
                default:
                    reading.AddProblem(ScanProblemCode.MalformedEnvelope, p - 3, $"format {format} is not used for medicines (only 05 and 06)");
                    break;
            }

            first = false;
            p = recordEnd;
            if (p < end && text[p] == Rs)
            {
                p++;
                if (p < end && text[p] == Eot)
                {
                    p++;
                    if (p < end)
                    {
                        reading.AddProblem(ScanProblemCode.MalformedEnvelope, p, "data after the closing EOT");
                    }

                    return;
                }

                if (p < end)
                {
                    continue;
                }
            }
            else if (p < end && text[p] == Eot)
            {
                reading.AddProblem(ScanProblemCode.MalformedEnvelope, p, "EOT must be preceded by RS");
                return;
            }

            break;
        }

        // Many keyboard-wedge scanners drop the trailing RS/EOT; the data is complete without them.
        var repaired = text[..end] + (end > 0 && text[end - 1] == Rs ? string.Empty : Rs.ToString()) + Eot;
        reading.Hints.Add(new ScanHint(
            ScanHintCode.TruncatedEnvelope,
            "the ISO/IEC 15434 message is not closed with RS EOT; it was read anyway (scanners often drop these characters)",
            repaired));
    }

    private static int IndexOfAny(string text, int start, int end, char a, char b)
    {
        var found = text.AsSpan(start, end - start).IndexOfAny(a, b);
        return found < 0 ? end : start + found;
    }
}
