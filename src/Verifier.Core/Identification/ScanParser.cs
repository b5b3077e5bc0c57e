using Verifier.Core.Identification.Gs1;
using Verifier.Core.Identification.Hints;
using Verifier.Core.Identification.Iso15434;
using Verifier.Core.Identification.Parsing;

namespace Verifier.Core.Identification;

/// <summary>
/// Reads what a scanner (or a person) sent into a unique identifier: GS1 element strings with
/// or without AIM symbology identifier, GS1 HRI, GS1 Digital Link URIs and ISO/IEC 15434
/// messages (format 05 GS1, format 06 IFA). Never throws; everything wrong becomes a problem.
/// </summary>
public static class ScanParser
{
    /// <summary>Longer input is rejected unread: a UI is well under 200 characters.</summary>
    public const int MaxScanLength = 4096;

    public static ScanResult Parse(string? scan)
    {
        scan ??= string.Empty;
        var literal = ParseLiteral(scan);
        if (literal.Problems.Any(p => p.Code is ScanProblemCode.Empty or ScanProblemCode.TooLong))
        {
            return literal;
        }

        var hints = ScanHints.Find(scan, literal);
        return hints.Count == 0 ? literal : literal.WithHints([.. literal.Hints, .. hints]);
    }

    /// <summary>The parse of exactly what was scanned, without looking for corruptions.</summary>
    internal static ScanResult ParseLiteral(string scan)
    {
        var reading = new ScanReading(scan);
        if (scan.Length > MaxScanLength)
        {
            reading.AddProblem(ScanProblemCode.TooLong, MaxScanLength, $"the scan has {scan.Length} characters; at most {MaxScanLength} are read");
            return Build(reading);
        }

        // A trailing CR, LF or TAB is the scanner's terminator suffix, not data.
        var end = scan.Length;
        while (end > 0 && scan[end - 1] is '\r' or '\n' or '\t')
        {
            end--;
        }

        if (scan.AsSpan(0, end).IsWhiteSpace())
        {
            reading.AddProblem(ScanProblemCode.Empty, 0, "nothing was scanned");
            return Build(reading);
        }

        ReadStructure(reading, end);
        ReportDamagedCharacters(reading, end);
        CheckCombinations(reading);
        return Build(reading);
    }

    private static void ReadStructure(ScanReading reading, int end)
    {
        var text = reading.Text;
        var start = 0;
        SymbologyData? data = null;
        if (text[0] == ']')
        {
            if (!SymbologyIdentifier.TryRead(text, end, out var identifier, out var kind))
            {
                reading.AddProblem(ScanProblemCode.UnknownSymbologyIdentifier, 0, $"'{Shorten(text, end)}' does not start with a known AIM symbology identifier such as ]d2");
                return;
            }

            reading.SymbologyIdentifier = identifier;
            data = kind;
            start = identifier.Length;
        }

        if (data == SymbologyData.Gs1 && !(start < end && EnvelopeReader.Recognises(text, start)))
        {
            // (An ISO/IEC 15434 message is read as such even behind ]d2: the header cannot be GS1 data.)
            if (start == end)
            {
                reading.AddProblem(ScanProblemCode.Empty, start, $"nothing follows the symbology identifier {reading.SymbologyIdentifier}");
                return;
            }

            reading.Format = ScanFormat.Gs1ElementString;
            ElementStringReader.Read(reading, start, end);
        }
        else if (data == SymbologyData.EanUpc)
        {
            LinearBarcodeReader.Read(reading, start, end);
        }
        else if (start < end && EnvelopeReader.Recognises(text, start))
        {
            // Refined to 05 by the reader when the first format says so; 06 (IFA) is the usual one.
            reading.Format = ScanFormat.Iso15434Format06;
            EnvelopeReader.Read(reading, start, end);
        }
        else if (start < end && DigitalLinkReader.Recognises(text, start))
        {
            reading.Format = ScanFormat.Gs1DigitalLink;
            DigitalLinkReader.Read(reading, start, end);
        }
        else if (data == SymbologyData.Plain)
        {
            reading.AddProblem(
                ScanProblemCode.NonGs1Data,
                start,
                $"{reading.SymbologyIdentifier} marks a symbol without GS1 data; a unique identifier is a GS1 DataMatrix (]d2) or an ISO/IEC 15434 message");
        }
        else if (text[start] == '(')
        {
            reading.Format = ScanFormat.Gs1Hri;
            HriReader.Read(reading, start, end);
        }
        else if (char.IsAsciiDigit(text[start]) || text[start] == ControlCharacters.GroupSeparator)
        {
            reading.Format = ScanFormat.Gs1ElementString;
            ElementStringReader.Read(reading, start, end);
        }
        else
        {
            reading.AddProblem(
                ScanProblemCode.UnrecognisedFormat,
                start,
                "not a GS1 element string, GS1 HRI '(01)...', GS1 Digital Link or ISO/IEC 15434 '[)>' message");
        }
    }

    /// <summary>
    /// Control characters the format has no use for, lone surrogates and U+FFFD (left behind by a
    /// failed character-set conversion). Reported once each; a reader's complaint about the same
    /// character is dropped in favour of this more telling one.
    /// </summary>
    private static void ReportDamagedCharacters(ScanReading reading, int end)
    {
        var text = reading.Text;
        var damaged = new List<ScanProblem>();
        for (var i = 0; i < end && damaged.Count < 10; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < end && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c) || c == '\uFFFD')
            {
                damaged.Add(new ScanProblem(ScanProblemCode.EncodingError, i, $"{ControlCharacters.Name(c)} at {i}: the text was damaged by a character-encoding conversion"));
            }
            else if (char.IsControl(c) && !IsStructural(reading.Format, c))
            {
                damaged.Add(new ScanProblem(ScanProblemCode.ControlCharacter, i, $"control character {ControlCharacters.Name(c)} at {i} has no place in {Describe(reading.Format)}"));
            }
        }

        if (damaged.Count == 0)
        {
            return;
        }

        var positions = damaged.Select(d => d.Position).ToHashSet();
        reading.Problems.RemoveAll(p => positions.Contains(p.Position) && p.Code is ScanProblemCode.InvalidCharacter or ScanProblemCode.UnknownAi);
        reading.Problems.InsertRange(0, damaged);
    }

    private static bool IsStructural(ScanFormat format, char c) => format switch
    {
        ScanFormat.Gs1ElementString => c == ControlCharacters.GroupSeparator,
        ScanFormat.Iso15434Format05 or ScanFormat.Iso15434Format06 =>
            c is ControlCharacters.GroupSeparator or ControlCharacters.RecordSeparator or ControlCharacters.EndOfTransmission,
        _ => false,
    };

    private static string Describe(ScanFormat format) => format switch
    {
        ScanFormat.Gs1ElementString => "a GS1 element string (only GS separates)",
        ScanFormat.Gs1Hri => "GS1 HRI text",
        ScanFormat.Gs1DigitalLink => "a URI",
        ScanFormat.Iso15434Format05 or ScanFormat.Iso15434Format06 => "an ISO/IEC 15434 message (only GS, RS, EOT)",
        _ => "scanned data",
    };

    private static void CheckCombinations(ScanReading reading)
    {
        switch (reading.Format)
        {
            case ScanFormat.Unknown:
                return;
            case ScanFormat.Iso15434Format06:
                CheckDataIdentifierRepeats(reading);
                break;
            default:
                AssociationRules.Check(reading, repeatsAlreadyChecked: reading.Format == ScanFormat.Gs1DigitalLink);
                break;
        }
    }

    private static void CheckDataIdentifierRepeats(ScanReading reading)
    {
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var element in reading.Elements)
        {
            if (!first.TryAdd(element.Key, element.Value) && first[element.Key] != element.Value)
            {
                reading.AddProblem(ScanProblemCode.DuplicateAi, element.Position, $"({element.Key}) occurs again with a different value");
            }
        }
    }

    private static ScanResult Build(ScanReading reading)
    {
        var fields = reading.Format == ScanFormat.Unknown ? UniqueIdentifierFields.None : UniqueIdentifierFields.From(reading);
        if (reading.Format != ScanFormat.Unknown)
        {
            AddMissing(reading, fields);
        }

        return new ScanResult(reading.Format, reading.SymbologyIdentifier, fields, reading.Elements.ToArray(), reading.Problems.ToArray(), reading.Hints.ToArray());
    }

    private static void AddMissing(ScanReading reading, UniqueIdentifierFields fields)
    {
        var gs1 = reading.Format != ScanFormat.Iso15434Format06;
        if (fields.ProductCode is null)
        {
            reading.AddProblem(ScanProblemCode.MissingProductCode, -1, gs1 ? "no product code (01)" : "no product code (9N or 8P)");
        }

        if (fields.SerialNumber is null)
        {
            reading.AddProblem(ScanProblemCode.MissingSerial, -1, gs1 ? "no serial number (21)" : "no serial number (S)");
        }

        if (fields.Batch is null)
        {
            reading.AddProblem(ScanProblemCode.MissingBatch, -1, gs1 ? "no batch (10)" : "no batch (1T)");
        }

        if (fields.Expiry is null)
        {
            reading.AddProblem(ScanProblemCode.MissingExpiry, -1, gs1 ? "no expiry date (17)" : "no expiry date (D)");
        }
    }

    private static string Shorten(string text, int end) => end <= 8 ? text[..end] : text[..8] + "…";
}
