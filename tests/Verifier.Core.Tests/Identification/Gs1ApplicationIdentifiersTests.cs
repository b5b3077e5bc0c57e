using Verifier.Core.Identification;
using Verifier.Core.Identification.Gs1;
using Verifier.Core.Tests.Identification.Conformance;

namespace Verifier.Core.Tests.Identification;

public sealed class Gs1ApplicationIdentifiersTests
{
    [Theory]
    [InlineData("01", 14, 14, true)]
    [InlineData("17", 6, 6, true)]
    [InlineData("10", 1, 20, false)]
    [InlineData("21", 1, 20, false)]
    [InlineData("11", 6, 6, true)]
    [InlineData("7004", 1, 4, false)]
    [InlineData("8200", 1, 70, false)]
    [InlineData("710", 1, 20, false)]
    [InlineData("3103", 6, 6, true)]
    [InlineData("253", 13, 30, false)]
    [InlineData("7007", 6, 12, false)]
    public void Knows_lengths_and_separator_rules(string ai, int min, int max, bool predefined)
    {
        Assert.True(Gs1ApplicationIdentifiers.TryGet(ai, out var definition));
        Assert.Equal(min, definition.MinLength);
        Assert.Equal(max, definition.MaxLength);
        Assert.Equal(predefined, definition.HasPredefinedLength);
    }

    [Fact]
    public void Predefined_lengths_follow_the_first_two_digits()
    {
        // GS1 General Specifications figure 7.8.5-2: AIs starting 00-04, 11-20, 31-36 and 41 have
        // predefined lengths (and need no FNC1); every other AI ends with FNC1 unless last.
        string[] prefixes = ["00", "01", "02", "03", "04", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "31", "32", "33", "34", "35", "36", "41"];
        Assert.All(Gs1ApplicationIdentifiers.All, ai =>
            Assert.True(prefixes.Contains(ai.Ai[..2]) == ai.HasPredefinedLength, $"({ai.Ai}) predefined={ai.HasPredefinedLength}"));
        Assert.All(Gs1ApplicationIdentifiers.All.Where(a => a.HasPredefinedLength), ai => Assert.Equal(ai.MinLength, ai.MaxLength));
    }

    [Fact]
    public void No_ai_is_the_prefix_of_another()
    {
        var ais = Gs1ApplicationIdentifiers.All.Select(a => a.Ai).ToList();
        Assert.DoesNotContain(ais, a => ais.Any(b => b != a && b.StartsWith(a, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("01", true)]
    [InlineData("10", true)]
    [InlineData("17", true)]
    [InlineData("21", true)]
    [InlineData("710", true)]
    [InlineData("714", true)]
    [InlineData("11", false)]
    [InlineData("7004", false)]
    [InlineData("8200", false)]
    public void Marks_unique_identifier_elements(string ai, bool fmd)
    {
        Assert.True(Gs1ApplicationIdentifiers.TryGet(ai, out var definition));
        Assert.Equal(fmd, definition.IsFmdElement);
    }

    [Theory]
    [InlineData("89")]
    [InlineData("04")]
    [InlineData("1")]
    [InlineData("12345")]
    public void Unknown_ais_are_not_found(string ai) => Assert.False(Gs1ApplicationIdentifiers.TryGet(ai, out _));

    [Fact]
    public void Ranges_are_expanded() =>
        Assert.Equal(["3100", "3101", "3102", "3103", "3104", "3105"], AiSpecification.ExpandRange("3100-3105"));

    [Fact]
    public void Component_notation_is_parsed()
    {
        Assert.Equal(new Gs1Component(Gs1CharacterSet.Numeric, 14, 14, false, ["csum", "gcppos2"]), AiSpecification.ParseComponent("N14,csum,gcppos2"), ComponentComparer.Instance);
        Assert.Equal(new Gs1Component(Gs1CharacterSet.Cset82, 1, 20, false, []), AiSpecification.ParseComponent("X..20"), ComponentComparer.Instance);
        Assert.Equal(new Gs1Component(Gs1CharacterSet.Numeric, 3, 3, true, ["iso3166"]), AiSpecification.ParseComponent("[N3],iso3166"), ComponentComparer.Instance);
        Assert.Equal(new Gs1Component(Gs1CharacterSet.Cset64, 1, 90, false, []), AiSpecification.ParseComponent("Z..90"), ComponentComparer.Instance);
        Assert.Equal(new Gs1Component(Gs1CharacterSet.Cset39, 1, 30, false, ["gcppos1"]), AiSpecification.ParseComponent("Y..30,gcppos1"), ComponentComparer.Instance);
    }

    /// <summary>The table in code is a transcription; this keeps it equal to the dictionary it came from.</summary>
    [CorpusFact]
    public void Table_matches_the_gs1_syntax_dictionary()
    {
        var path = Path.Combine(CorpusLocation.Gs1Directory!, "gs1-syntax-dictionary.txt");
        var lines = File.ReadLines(path)
            .Where(l => !string.IsNullOrWhiteSpace(l) && !l.StartsWith('#'))
            .ToList();

        Assert.Equal(lines.Count, AiTable.Entries.Length);
        foreach (var (line, entry) in lines.Zip(AiTable.Entries))
        {
            var body = line.Split('#')[0];
            var tokens = body.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(tokens[0], entry.Ais);
            var rest = tokens.Skip(1).ToList();
            if (rest.Count > 0 && rest[0].All(c => "*?!".Contains(c)))
            {
                Assert.Equal(rest[0], entry.Flags);
                rest.RemoveAt(0);
            }
            else
            {
                Assert.Equal(string.Empty, entry.Flags);
            }

            Assert.Equal(string.Join(' ', rest), string.Join(' ', new[] { entry.Specification, entry.Attributes }.Where(s => s.Length > 0)));
            Assert.Equal(line.Contains('#') ? line[(line.IndexOf('#') + 1)..].Trim() : string.Empty, entry.Title);
        }
    }

    private sealed class ComponentComparer : IEqualityComparer<Gs1Component>
    {
        public static readonly ComponentComparer Instance = new();

        public bool Equals(Gs1Component? x, Gs1Component? y) =>
            x is not null && y is not null && x.CharacterSet == y.CharacterSet && x.MinLength == y.MinLength
            && x.MaxLength == y.MaxLength && x.IsOptional == y.IsOptional && x.Linters.SequenceEqual(y.Linters);

        public int GetHashCode(Gs1Component obj) => obj.MinLength;
    }
}
