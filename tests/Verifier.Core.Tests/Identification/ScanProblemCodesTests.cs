using Verifier.Core.Identification;

namespace Verifier.Core.Tests.Identification;

public sealed class ScanProblemCodesTests
{
    [Theory]
    [InlineData(ScanProblemCode.GtinCheckDigit, "GTIN_CHECK_DIGIT")]
    [InlineData(ScanProblemCode.NonGs1Data, "NON_GS1_DATA")]
    [InlineData(ScanProblemCode.TooLong, "TOO_LONG")]
    [InlineData(ScanProblemCode.UnknownAi, "UNKNOWN_AI")]
    [InlineData(ScanProblemCode.AiValueTooShort, "AI_VALUE_TOO_SHORT")]
    [InlineData(ScanProblemCode.MissingSerial, "MISSING_SERIAL")]
    public void Stable_names_are_screaming_snake(ScanProblemCode code, string name) => Assert.Equal(name, code.StableName());

    [Fact]
    public void Stable_names_are_unique()
    {
        var names = Enum.GetValues<ScanProblemCode>().Select(c => c.StableName()).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(names, n => Assert.Matches("^[A-Z0-9]+(_[A-Z0-9]+)*$", n));
    }

    [Fact]
    public void Every_code_is_documented_for_json_consumers()
    {
        var document = FindRepositoryFile("docs/parse-json.md");
        var text = File.ReadAllText(document);
        Assert.All(Enum.GetValues<ScanProblemCode>(), code => Assert.Contains($"`{code.StableName()}`", text, StringComparison.Ordinal));
        Assert.All(Enum.GetValues<ScanHintCode>(), code => Assert.Contains($"`{new ScanHint(code, "", null).StableName}`", text, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(ScanProblemCode.Empty, ScanProblemCategory.Input)]
    [InlineData(ScanProblemCode.ControlCharacter, ScanProblemCategory.Input)]
    [InlineData(ScanProblemCode.UnknownAi, ScanProblemCategory.Syntax)]
    [InlineData(ScanProblemCode.DoubledSeparator, ScanProblemCategory.Syntax)]
    [InlineData(ScanProblemCode.GtinCheckDigit, ScanProblemCategory.Content)]
    [InlineData(ScanProblemCode.InvalidDate, ScanProblemCategory.Content)]
    [InlineData(ScanProblemCode.DuplicateAi, ScanProblemCategory.Association)]
    [InlineData(ScanProblemCode.MissingBatch, ScanProblemCategory.Completeness)]
    [InlineData(ScanProblemCode.NonGs1Data, ScanProblemCategory.Completeness)]
    public void Codes_have_categories(ScanProblemCode code, ScanProblemCategory category) => Assert.Equal(category, code.Category());

    private static string FindRepositoryFile(string relative)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(relative);
    }
}
