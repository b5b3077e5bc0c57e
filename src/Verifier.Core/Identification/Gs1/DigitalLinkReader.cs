using System.Text;
using Verifier.Core.Identification.Parsing;

namespace Verifier.Core.Identification.Gs1;

/// <summary>
/// Reads GS1 Digital Link URIs (GS1 Digital Link standard 1.x, as the GS1 syntax engine does
/// with its default options): <c>https://host/stem/01/{gtin}/10/{batch}/21/{serial}?17=YYMMDD</c>.
/// The rightmost primary key in the path starts the AI data; qualifiers follow it in their
/// defined order; query parameters with numeric keys are further AIs; other parameters and the
/// fragment are ignored. Convenience names ("gtin") and zero-suppressed GTINs are not accepted.
/// </summary>
internal static class DigitalLinkReader
{
    private static readonly string[] Schemes = ["https://", "http://", "HTTPS://", "HTTP://"];

    /// <summary>Only exactly lower- or upper-case schemes: mixed case is not a Digital Link.</summary>
    public static bool Recognises(string text, int start) =>
        Schemes.Any(s => string.CompareOrdinal(text, start, s, 0, s.Length) == 0);

    public static void Read(ScanReading reading, int start, int end)
    {
        var text = reading.Text;
        var badCharacter = FirstNonUriCharacter(text, start, end);
        if (badCharacter >= 0)
        {
            Fail(reading, badCharacter, $"{ControlCharacters.Name(text[badCharacter])} may not appear in a URI");
            return;
        }

        var scheme = Schemes.First(s => string.CompareOrdinal(text, start, s, 0, s.Length) == 0);
        var hostStart = start + scheme.Length;
        var hostEnd = IndexOfAny(text, hostStart, end, "/?#");
        if (hostEnd == hostStart)
        {
            Fail(reading, hostStart, "the URI has no host name");
            return;
        }

        for (var i = hostStart; i < hostEnd; i++)
        {
            if (!char.IsAsciiLetterOrDigit(text[i]) && text[i] is not ('.' or '-' or ':' or '[' or ']'))
            {
                Fail(reading, i, $"{ControlCharacters.Name(text[i])} may not appear in the host name");
                return;
            }
        }

        var pathEnd = IndexOfAny(text, hostEnd, end, "?#");
        var fragment = IndexOfAny(text, hostEnd, end, "#");
        if (!ReadPath(reading, hostEnd, pathEnd, out var qualifierSequences))
        {
            return;
        }

        if (pathEnd < fragment && text[pathEnd] == '?')
        {
            ReadQuery(reading, pathEnd + 1, fragment, qualifierSequences);
        }
    }

    private static bool ReadPath(ScanReading reading, int start, int end, out IReadOnlyList<IReadOnlyList<string>> qualifierSequences)
    {
        var text = reading.Text;
        qualifierSequences = [];
        if (start >= end || end - start == 1)
        {
            Fail(reading, start, "the URI has no path with GS1 keys");
            return false;
        }

        if (text[end - 1] == '/')
        {
            Fail(reading, end - 1, "the path must not end with '/'");
            return false;
        }

        // Segments after the leading '/', with their positions.
        var segments = new List<(string Text, int Position)>();
        for (var p = start + 1; p <= end;)
        {
            var slash = text.IndexOf('/', p, end - p);
            var segmentEnd = slash < 0 ? end : slash;
            segments.Add((text[p..segmentEnd], p));
            p = segmentEnd + 1;
        }

        // Walk (AI, value) pairs from the right; the rightmost primary key ends the search,
        // everything before it is the URI stem and is not interpreted.
        var keyIndex = -1;
        for (var i = segments.Count - 2; i >= 0; i -= 2)
        {
            if (!Gs1ApplicationIdentifiers.TryGet(segments[i].Text, out var candidate))
            {
                break;
            }

            if (candidate.IsDigitalLinkPrimaryKey)
            {
                keyIndex = i;
                break;
            }
        }

        if (keyIndex < 0)
        {
            Fail(reading, start, "no GS1 Digital Link primary key (e.g. /01/) found in the path");
            return false;
        }

        var key = Gs1ApplicationIdentifiers.Find(segments[keyIndex].Text)!;
        var qualifiers = new List<string>();
        for (var i = keyIndex + 2; i < segments.Count; i += 2)
        {
            qualifiers.Add(segments[i].Text);
        }

        qualifierSequences = key.DigitalLinkQualifiers!.Where(sequence => IsOrderedSubset(qualifiers, sequence)).ToList();
        if (qualifierSequences.Count == 0)
        {
            Fail(reading, segments[keyIndex + 2].Position, $"(/{string.Join("/", qualifiers)}) are not qualifiers of ({key.Ai}) in the allowed order");
            return false;
        }

        for (var i = keyIndex; i < segments.Count; i += 2)
        {
            var (aiText, aiPosition) = segments[i];
            var (rawValue, valuePosition) = segments[i + 1];
            if (rawValue.Length == 0)
            {
                Fail(reading, valuePosition, $"({aiText}) has an empty path segment");
                return false;
            }

            if (!TryDecode(reading, rawValue, valuePosition, plusIsSpace: false, out var value))
            {
                return false;
            }

            AddElement(reading, Gs1ApplicationIdentifiers.Find(aiText)!, value, aiPosition, valuePosition);
        }

        return true;
    }

    private static void ReadQuery(ScanReading reading, int start, int end, IReadOnlyList<IReadOnlyList<string>> qualifierSequences)
    {
        var text = reading.Text;
        for (var p = start; p < end;)
        {
            var amp = text.IndexOf('&', p, end - p);
            var parameterEnd = amp < 0 ? end : amp;
            var equals = text.IndexOf('=', p, parameterEnd - p);
            var name = equals < 0 ? text[p..parameterEnd] : text[p..equals];

            // Only all-digit names are AIs; other parameters belong to the web resource.
            if (name.Length > 0 && Gs1CheckDigit.AllAsciiDigits(name))
            {
                if (!Gs1ApplicationIdentifiers.TryGet(name, out var ai))
                {
                    reading.AddProblem(ScanProblemCode.UnknownAi, p, $"query parameter {name} is not a GS1 AI");
                }
                else if (equals < 0 || equals + 1 == parameterEnd)
                {
                    Fail(reading, p, $"query parameter ({name}) has no value");
                }
                else if (!ai.IsDigitalLinkAttribute)
                {
                    Fail(reading, p, $"({name}) is not allowed as a Digital Link data attribute");
                }
                else if (qualifierSequences.Any(sequence => sequence.Contains(name)))
                {
                    Fail(reading, p, $"({name}) qualifies the primary key and belongs in the path, not the query");
                }
                else if (TryDecode(reading, text[(equals + 1)..parameterEnd], equals + 1, plusIsSpace: true, out var value))
                {
                    AddElement(reading, ai, value, p, equals + 1);
                }
            }

            p = parameterEnd + 1;
        }
    }

    private static void AddElement(ScanReading reading, Gs1ApplicationIdentifier ai, string value, int aiPosition, int valuePosition)
    {
        // Digital Link allows no repeats at all, not even identical ones.
        if (reading.Elements.Exists(e => e.Key == ai.Ai))
        {
            reading.AddProblem(ScanProblemCode.DuplicateAi, aiPosition, $"({ai.Ai}) occurs more than once in the URI");
        }

        reading.AddElement(ai.Ai, value, aiPosition, ai.IsFmdElement);
        if (ElementValidator.Check(ai, value) is { } fault)
        {
            // Offsets are in the decoded value; pointing at the start of the raw value is the honest choice.
            reading.AddProblem(fault.Code, valuePosition, fault.Message);
        }
    }

    private static bool TryDecode(ScanReading reading, string raw, int position, bool plusIsSpace, out string value)
    {
        var bytes = new List<byte>(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '%')
            {
                if (i + 2 >= raw.Length || !char.IsAsciiHexDigit(raw[i + 1]) || !char.IsAsciiHexDigit(raw[i + 2]))
                {
                    value = string.Empty;
                    Fail(reading, position + i, "'%' must be followed by two hexadecimal digits");
                    return false;
                }

                var decoded = Convert.ToByte(raw.Substring(i + 1, 2), 16);
                if (decoded == 0)
                {
                    value = string.Empty;
                    Fail(reading, position + i, "%00 (NUL) may not appear in AI data");
                    return false;
                }

                bytes.Add(decoded);
                i += 2;
            }
            else
            {
                bytes.Add((byte)(plusIsSpace && c == '+' ? ' ' : c));
            }
        }

        value = Encoding.UTF8.GetString(bytes.ToArray());
        return true;
    }

    private static bool IsOrderedSubset(List<string> qualifiers, IReadOnlyList<string> sequence)
    {
        var next = 0;
        foreach (var qualifier in qualifiers)
        {
            while (next < sequence.Count && sequence[next] != qualifier)
            {
                next++;
            }

            if (next == sequence.Count)
            {
                return false;
            }

            next++;
        }

        return true;
    }

    // RFC 3986 unreserved and reserved characters plus '%'.
    private static int FirstNonUriCharacter(string text, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (!char.IsAsciiLetterOrDigit(c) && !"-._~:/?#[]@!$&'()*+,;=%".Contains(c, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static int IndexOfAny(string text, int start, int end, string characters)
    {
        var found = text.AsSpan(start, end - start).IndexOfAny(characters);
        return found < 0 ? end : start + found;
    }

    private static void Fail(ScanReading reading, int position, string message) =>
        reading.AddProblem(ScanProblemCode.MalformedDigitalLink, position, message);
}
