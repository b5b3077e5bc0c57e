using Grpc.Core;
using Verifier.Core.Identification;
using Verifier.Core.Packs;
using Verifier.V1;
using ScanHint = Verifier.Core.Identification.ScanHint;

namespace Verifier.Server.Packs;

/// <summary>Turns a request's pack identifier (raw scan, image or fields) into the scanned pack, or InvalidArgument with precise problems.</summary>
internal static class ScanResolution
{
    /// <summary>Trailer that carries the parser's problem codes, e.g. "GTIN_CHECK_DIGIT@16;MISSING_SERIAL@-1", or an image's, e.g. "NO_SYMBOL@-1".</summary>
    public const string ProblemsTrailer = "verifier-scan-problems";

    /// <summary>Trailer that carries the parser's hint codes, e.g. "MISSING_GROUP_SEPARATOR".</summary>
    public const string HintsTrailer = "verifier-scan-hints";

    private const int MaxScanLength = 4096;

    /// <summary>DR Art 4: serial numbers and batches have at most 20 characters.</summary>
    private const int MaxFieldLength = 20;

    public static ResolvedPack Resolve(PackIdentifier? identifier, bool requireBatchAndExpiry = true)
    {
        switch (identifier?.SourceCase)
        {
            case PackIdentifier.SourceOneofCase.Scan:
                if (identifier.Scan.Length > MaxScanLength) throw Invalid("The scan is longer than any unique identifier.", "TOO_LONG@0");
                return ResolveScan(identifier.Scan, "scan", requireBatchAndExpiry);
            case PackIdentifier.SourceOneofCase.Image:
                var decoded = PackImage.Decode(identifier.Image.Span);
                return ResolveScan(decoded, $"decoded scan '{decoded}'", requireBatchAndExpiry) with { DecodedScan = decoded };
            case PackIdentifier.SourceOneofCase.Fields:
                var fields = identifier.Fields;
                var problems = FieldProblems(fields, requireBatchAndExpiry).ToList();
                if (problems.Count > 0)
                {
                    throw Invalid(
                        "The pack fields are not a valid unique identifier: " + string.Join(" ", problems.Select(p => p.Message)),
                        string.Join(';', problems.Select(p => $"{p.Code.StableName()}@-1")));
                }
                return new ResolvedPack(new ScannedPack(fields.ProductCode, fields.SerialNumber, fields.Batch, fields.Expiry), [], null);
            default:
                throw Invalid("The request names no pack: set pack.scan, pack.image or pack.fields.", "EMPTY@0");
        }
    }

    private static ResolvedPack ResolveScan(string scan, string what, bool requireBatchAndExpiry)
    {
        var parsed = ScanParser.Parse(scan);
        if (!parsed.IsComplete && (requireBatchAndExpiry || parsed.ProductCode is null || parsed.SerialNumber is null))
        {
            var codes = string.Join(';', parsed.Problems.Select(p => $"{p.Code.StableName()}@{p.Position}"));
            var text = string.Join(" ", parsed.Problems.Select(p => p.Message));
            var hints = string.Join(';', parsed.Hints.Select(h => h.StableName));
            throw Invalid($"The {what} is not a valid unique identifier: {text}", codes, hints);
        }

        return new ResolvedPack(new ScannedPack(parsed.ProductCode!, parsed.SerialNumber!, parsed.Batch ?? "", parsed.Expiry ?? ""), parsed.Hints, null);
    }

    /// <summary>
    /// Fields get the scan's checks (DR Art 4, GS1 CSET 82, dates): a typo in a field is a bad
    /// request, not a potential falsification that raises an alert.
    /// </summary>
    private static IEnumerable<(ScanProblemCode Code, string Message)> FieldProblems(PackFields fields, bool requireBatchAndExpiry)
    {
        if (fields.ProductCode.Length == 0) yield return (ScanProblemCode.MissingProductCode, "product_code is required.");
        else if (ProductCode.Detect(fields.ProductCode) is not { } scheme)
        {
            yield return (ScanProblemCode.InvalidValue, "product_code is neither a GTIN-14/NTIN (14 digits) nor a PPN (12 characters).");
        }
        else if (!ProductCode.IsValid(fields.ProductCode, scheme))
        {
            yield return scheme == Core.Identification.ProductCodeScheme.Gtin
                ? (ScanProblemCode.GtinCheckDigit, "product_code has a wrong GS1 check digit.")
                : (ScanProblemCode.PpnCheckDigit, "product_code has wrong PPN check digits.");
        }

        if (fields.SerialNumber.Length == 0) yield return (ScanProblemCode.MissingSerial, "serial_number is required.");
        foreach (var problem in Cset82Field("serial_number", fields.SerialNumber)) yield return problem;

        if (fields.Batch.Length == 0)
        {
            if (requireBatchAndExpiry) yield return (ScanProblemCode.MissingBatch, "batch is required.");
        }
        else
        {
            foreach (var problem in Cset82Field("batch", fields.Batch)) yield return problem;
        }

        if (fields.Expiry.Length == 0)
        {
            if (requireBatchAndExpiry) yield return (ScanProblemCode.MissingExpiry, "expiry is required.");
        }
        else if (!ExpiryDate.TryParse(fields.Expiry, out _))
        {
            yield return (ScanProblemCode.InvalidDate, "expiry is not a date YYMMDD (DD = 00 allowed).");
        }
    }

    private static IEnumerable<(ScanProblemCode Code, string Message)> Cset82Field(string name, string value)
    {
        if (value.Length > MaxFieldLength) yield return (ScanProblemCode.AiValueTooLong, $"{name} is longer than {MaxFieldLength} characters.");
        else if (value.Length > 0 && !Cset82.IsValid(value)) yield return (ScanProblemCode.InvalidCharacter, $"{name} has a character outside GS1 character set 82.");
    }

    internal static RpcException Invalid(string message, string codes, string hints = "")
    {
        var trailers = new Metadata { { ProblemsTrailer, codes } };
        if (hints.Length > 0) trailers.Add(HintsTrailer, hints);
        return new RpcException(new Status(StatusCode.InvalidArgument, message), trailers);
    }
}

/// <summary>The pack a request names, for a raw scan the parser's hints about corruptions, and for an image the text decoded from it.</summary>
internal sealed record ResolvedPack(ScannedPack Scan, IReadOnlyList<ScanHint> Hints, string? DecodedScan);
