using System.Text;

namespace Verifier.Core.Identification;

/// <summary>Category and stable wire name of each <see cref="ScanProblemCode"/>.</summary>
public static class ScanProblemCodes
{
    public static ScanProblemCategory Category(this ScanProblemCode code) => code switch
    {
        ScanProblemCode.Empty or ScanProblemCode.TooLong or ScanProblemCode.ControlCharacter
            or ScanProblemCode.EncodingError or ScanProblemCode.UnrecognisedFormat
            or ScanProblemCode.UnknownSymbologyIdentifier => ScanProblemCategory.Input,
        ScanProblemCode.GtinCheckDigit or ScanProblemCode.PpnCheckDigit or ScanProblemCode.CheckDigit
            or ScanProblemCode.InvalidDate or ScanProblemCode.InvalidTime
            or ScanProblemCode.InvalidValue => ScanProblemCategory.Content,
        ScanProblemCode.DuplicateAi or ScanProblemCode.ConflictingAis or ScanProblemCode.RequisiteAiMissing
            or ScanProblemCode.SignatureNeedsSerialisedKey => ScanProblemCategory.Association,
        ScanProblemCode.NonGs1Data or ScanProblemCode.MissingProductCode or ScanProblemCode.MissingSerial
            or ScanProblemCode.MissingBatch or ScanProblemCode.MissingExpiry => ScanProblemCategory.Completeness,
        _ => ScanProblemCategory.Syntax,
    };

    /// <summary>The code as used on the wire, e.g. <c>GTIN_CHECK_DIGIT</c>.</summary>
    public static string StableName(this ScanProblemCode code) => ScreamingSnake(code.ToString());

    /// <summary>The category as used on the wire, e.g. <c>SYNTAX</c>.</summary>
    public static string StableName(this ScanProblemCategory category) => ScreamingSnake(category.ToString());

    internal static string ScreamingSnake(string pascal)
    {
        var builder = new StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            // A new word starts at an upper-case letter after a lower-case letter or digit
            // ("GtinCheckDigit" -> GTIN_CHECK_DIGIT, "Gs1" stays one word: "NonGs1Data" -> NON_GS1_DATA).
            if (i > 0 && char.IsUpper(c) && (char.IsLower(pascal[i - 1]) || char.IsDigit(pascal[i - 1])))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(c));
        }

        return builder.ToString();
    }
}
