using System.Globalization;
using Verifier.Core.Identification.Gs1.Linting;

namespace Verifier.Core.Identification.Gs1;

/// <summary>
/// Checks an AI value against its definition the way the GS1 syntax engine does: components are
/// consumed left to right, each checked for its character set and then by its linters.
/// Only the first fault is reported: later checks on a broken value mostly repeat it.
/// </summary>
internal static class ElementValidator
{
    public static ValueFault? Check(Gs1ApplicationIdentifier ai, string value)
    {
        var offset = 0;
        foreach (var component in ai.Components)
        {
            var remaining = value.Length - offset;
            if (remaining == 0 && component.IsOptional)
            {
                // Optional components may only trail, so nothing mandatory follows.
                break;
            }

            if (remaining < component.MinLength)
            {
                return new ValueFault(ScanProblemCode.AiValueTooShort, value.Length, LengthMessage(ai, value, "too short"));
            }

            var take = Math.Min(remaining, component.MaxLength);
            var part = value.Substring(offset, take);
            var fault = CheckComponent(ai, component, part);
            if (fault is not null)
            {
                return fault.Value with { Offset = fault.Value.Offset + offset };
            }

            offset += take;
        }

        return offset < value.Length
            ? new ValueFault(ScanProblemCode.AiValueTooLong, offset, LengthMessage(ai, value, "too long"))
            : null;
    }

    private static ValueFault? CheckComponent(Gs1ApplicationIdentifier ai, Gs1Component component, string part)
    {
        var setCheck = component.CharacterSet switch
        {
            Gs1CharacterSet.Numeric => CharacterSetLinters.Numeric(part),
            Gs1CharacterSet.Cset39 => CharacterSetLinters.Cset39(part),
            Gs1CharacterSet.Cset64 => CharacterSetLinters.Cset64(part),
            _ => CharacterSetLinters.Cset82(part),
        };
        if (setCheck is { } badCharacter)
        {
            return ToFault(ai, badCharacter);
        }

        foreach (var name in component.Linters)
        {
            if (Gs1Linters.TryGet(name, out var linter) && linter(part) is { } failure)
            {
                return ToFault(ai, failure);
            }
        }

        return null;
    }

    private static ValueFault ToFault(Gs1ApplicationIdentifier ai, LintFailure failure)
    {
        var code = failure.Kind switch
        {
            LintFailureKind.Character => ScanProblemCode.InvalidCharacter,
            LintFailureKind.Length => ScanProblemCode.InvalidValue,
            LintFailureKind.CheckDigit => ai.Ai is "01" or "02" or "03" ? ScanProblemCode.GtinCheckDigit : ScanProblemCode.CheckDigit,
            LintFailureKind.Date => ScanProblemCode.InvalidDate,
            LintFailureKind.Time => ScanProblemCode.InvalidTime,
            _ => ScanProblemCode.InvalidValue,
        };
        return new ValueFault(code, failure.Offset, $"({ai.Ai}) {failure.Message}");
    }

    private static string LengthMessage(Gs1ApplicationIdentifier ai, string value, string verdict) =>
        $"({ai.Ai}) {ai.Title.ToLowerInvariant()}: {value.Length} characters is {verdict}; {AllowedLengths(ai)}";

    /// <summary>"needs 14 characters", "needs 1 to 20 characters", "needs 6 or 12 characters".</summary>
    internal static string AllowedLengths(Gs1ApplicationIdentifier ai)
    {
        if (ai.MinLength == ai.MaxLength)
        {
            return $"needs {ai.MinLength.ToString(CultureInfo.InvariantCulture)} characters";
        }

        if (ai.Components.All(c => c.IsFixedLength))
        {
            // Optional fixed-length components make the allowed lengths a set, not a range.
            var lengths = new List<int>();
            var total = 0;
            foreach (var component in ai.Components)
            {
                if (component.IsOptional)
                {
                    lengths.Add(total);
                }

                total += component.MaxLength;
            }

            lengths.Add(total);
            var text = lengths.Select(l => l.ToString(CultureInfo.InvariantCulture)).ToArray();
            return $"needs {string.Join(", ", text[..^1])} or {text[^1]} characters";
        }

        return $"needs {ai.MinLength.ToString(CultureInfo.InvariantCulture)} to {ai.MaxLength.ToString(CultureInfo.InvariantCulture)} characters";
    }
}
