using Verifier.Core.Identification.Parsing;

namespace Verifier.Core.Identification.Gs1;

/// <summary>
/// Reads GS1 element strings: AIs followed by their values, variable-length values ended by GS
/// (the FNC1 separator as scanners transmit it). Predefined-length AIs (01, 17 ...) end after
/// their fixed length whether or not a GS follows.
/// </summary>
internal static class ElementStringReader
{
    private const char Gs = ControlCharacters.GroupSeparator;

    /// <summary>Reads <c>text[start..end)</c>; a single leading GS (FNC1 in first position) is allowed.</summary>
    public static void Read(ScanReading reading, int start, int end)
    {
        var text = reading.Text;
        var p = start;
        while (p < end)
        {
            if (text[p] == Gs)
            {
                if (p > start && text[p - 1] == Gs)
                {
                    reading.AddProblem(ScanProblemCode.DoubledSeparator, p, "two GS separators in a row");
                }

                p++;
                continue;
            }

            var ai = Gs1ApplicationIdentifiers.MatchAt(text, p, end);
            if (ai is null)
            {
                reading.AddProblem(ScanProblemCode.UnknownAi, p, UnknownAiMessage(text, p, end));

                // Without the AI its length is unknown: resume at the next separator, if any.
                var next = text.IndexOf(Gs, p, end - p);
                if (next < 0)
                {
                    break;
                }

                p = next;
                continue;
            }

            var aiPosition = p;
            var valueStart = p + ai.Ai.Length;
            var separator = text.IndexOf(Gs, valueStart, end - valueStart);
            var valueEnd = separator < 0 ? end : separator;
            if (ai.HasPredefinedLength)
            {
                valueEnd = Math.Min(valueEnd, valueStart + ai.MaxLength);
            }

            var value = text[valueStart..valueEnd];
            reading.AddElement(ai.Ai, value, aiPosition, ai.IsFmdElement);
            ReportFault(reading, ai, value, valueStart);
            p = valueEnd;
        }
    }

    /// <summary>Validates a value and reports its first fault, pointing into the scanned text.</summary>
    internal static void ReportFault(ScanReading reading, Gs1ApplicationIdentifier ai, string value, int valueStart)
    {
        if (ElementValidator.Check(ai, value) is not { } fault)
        {
            return;
        }

        if (fault.Code == ScanProblemCode.AiValueTooLong && !ai.HasPredefinedLength && ai.Components.All(c => c.IsFixedLength)
            && Gs1ApplicationIdentifiers.MatchAt(value, fault.Offset, value.Length) is { } swallowed)
        {
            // A fixed-length AI that needs FNC1 (e.g. 8111 N4) ran into what reads as the next AI.
            reading.AddProblem(
                ScanProblemCode.MissingSeparator,
                valueStart + fault.Offset,
                $"({ai.Ai}) ends after {fault.Offset} characters and needs a GS before the next AI ({swallowed.Ai})");
            return;
        }

        reading.AddProblem(fault.Code, valueStart + fault.Offset, fault.Message);
    }

    private static string UnknownAiMessage(string text, int p, int end)
    {
        if (!char.IsAsciiDigit(text[p]))
        {
            return $"expected an AI (digits) but found {ControlCharacters.Name(text[p])}";
        }

        var digits = 0;
        while (p + digits < end && digits < 4 && char.IsAsciiDigit(text[p + digits]))
        {
            digits++;
        }

        return $"no GS1 AI starts with '{text.Substring(p, digits)}'";
    }
}
