using System.Text;
using Verifier.Core.Identification.Parsing;

namespace Verifier.Core.Identification.Gs1;

/// <summary>
/// Reads the bracketed human-readable form <c>(01)04150123456782(17)271231(10)LOT42</c>.
/// A value runs to the next '(' that is not escaped as "\(" (GS1 syntax engine convention).
/// </summary>
internal static class HriReader
{
    public static void Read(ScanReading reading, int start, int end)
    {
        var text = reading.Text;
        var p = start;
        while (p < end)
        {
            // Values stop at '(' so every element starts with one.
            var close = text.IndexOf(')', p + 1, end - p - 1);
            if (close < 0)
            {
                reading.AddProblem(ScanProblemCode.MalformedAi, p, "'(' opens an AI that is never closed with ')'");
                return;
            }

            var aiText = text[(p + 1)..close];
            var (value, rawPositions, valueEnd) = ReadValue(text, close + 1, end);
            if (aiText.Length is < 2 or > 4 || !Gs1CheckDigit.AllAsciiDigits(aiText))
            {
                reading.AddProblem(ScanProblemCode.MalformedAi, p + 1, $"'({aiText})' is not an AI: AIs are 2 to 4 digits");
            }
            else if (!Gs1ApplicationIdentifiers.TryGet(aiText, out var ai))
            {
                reading.AddElement(aiText, value, p, knownToFmd: false);
                reading.AddProblem(ScanProblemCode.UnknownAi, p + 1, $"({aiText}) is not a GS1 AI");
            }
            else
            {
                reading.AddElement(ai.Ai, value, p, ai.IsFmdElement);
                if (ElementValidator.Check(ai, value) is { } fault)
                {
                    var position = fault.Offset < rawPositions.Count ? rawPositions[fault.Offset] : valueEnd;
                    reading.AddProblem(fault.Code, position, fault.Message);
                }
            }

            p = valueEnd;
        }
    }

    private static (string Value, List<int> RawPositions, int End) ReadValue(string text, int start, int end)
    {
        var value = new StringBuilder();
        var positions = new List<int>();
        var p = start;
        while (p < end && text[p] != '(')
        {
            if (text[p] == '\\' && p + 1 < end && text[p + 1] == '(')
            {
                p++;
            }

            positions.Add(p);
            value.Append(text[p]);
            p++;
        }

        return (value.ToString(), positions, p);
    }
}
