using System.Diagnostics.CodeAnalysis;
using Verifier.Core.Identification.Gs1;

namespace Verifier.Core.Identification;

/// <summary>The table of all GS1 Application Identifiers.</summary>
public static class Gs1ApplicationIdentifiers
{
    private static readonly Dictionary<string, Gs1ApplicationIdentifier> ByAi = AiSpecification.Build(AiTable.Entries);

    // Span lookup: scans are matched digit by digit without allocating candidate strings.
    private static readonly Dictionary<string, Gs1ApplicationIdentifier>.AlternateLookup<ReadOnlySpan<char>> BySpan =
        ByAi.GetAlternateLookup<ReadOnlySpan<char>>();

    public static IReadOnlyCollection<Gs1ApplicationIdentifier> All => ByAi.Values;

    public static bool TryGet(string ai, [MaybeNullWhen(false)] out Gs1ApplicationIdentifier definition) =>
        ByAi.TryGetValue(ai, out definition);

    internal static Gs1ApplicationIdentifier? Find(string ai) => ByAi.GetValueOrDefault(ai);

    /// <summary>
    /// The AI that starts at <paramref name="position"/>. AIs are prefix-free (no AI is the start
    /// of another), so trying 2, 3 and 4 digits finds at most one.
    /// </summary>
    internal static Gs1ApplicationIdentifier? MatchAt(string text, int position, int end)
    {
        for (var length = 2; length <= 4 && position + length <= end; length++)
        {
            if (!char.IsAsciiDigit(text[position + length - 1]) || !char.IsAsciiDigit(text[position]))
            {
                return null;
            }

            if (BySpan.TryGetValue(text.AsSpan(position, length), out var definition))
            {
                return definition;
            }
        }

        return null;
    }
}
