using Grpc.Core;
using Verifier.Core.Identification;
using Verifier.Core.Packs;
using Verifier.V1;
using ScanHint = Verifier.Core.Identification.ScanHint;

namespace Verifier.Server.Packs;

/// <summary>Turns a request's pack identifier (raw scan or fields) into the scanned pack, or InvalidArgument with precise problems.</summary>
internal static class ScanResolution
{
    /// <summary>Trailer that carries the parser's problem codes, e.g. "GTIN_CHECK_DIGIT@16;MISSING_SERIAL@-1".</summary>
    public const string ProblemsTrailer = "verifier-scan-problems";

    /// <summary>Trailer that carries the parser's hint codes, e.g. "MISSING_GROUP_SEPARATOR".</summary>
    public const string HintsTrailer = "verifier-scan-hints";

    private const int MaxScanLength = 4096;

    public static ResolvedPack Resolve(PackIdentifier? identifier, bool requireBatchAndExpiry = true)
    {
        switch (identifier?.SourceCase)
        {
            case PackIdentifier.SourceOneofCase.Scan:
                if (identifier.Scan.Length > MaxScanLength) throw Invalid("The scan is longer than any unique identifier.", "TOO_LONG@0");
                var parsed = ScanParser.Parse(identifier.Scan);
                if (!parsed.IsComplete && (requireBatchAndExpiry || parsed.ProductCode is null || parsed.SerialNumber is null))
                {
                    var codes = string.Join(';', parsed.Problems.Select(p => $"{p.Code.StableName()}@{p.Position}"));
                    var text = string.Join(" ", parsed.Problems.Select(p => p.Message));
                    var hints = string.Join(';', parsed.Hints.Select(h => h.StableName));
                    throw Invalid($"The scan is not a valid unique identifier: {text}", codes, hints);
                }
                return new ResolvedPack(new ScannedPack(parsed.ProductCode!, parsed.SerialNumber!, parsed.Batch ?? "", parsed.Expiry ?? ""), parsed.Hints);
            case PackIdentifier.SourceOneofCase.Fields:
                var fields = identifier.Fields;
                var missing = new List<string>();
                if (fields.ProductCode.Length == 0) missing.Add("MISSING_PRODUCT_CODE@-1");
                if (fields.SerialNumber.Length == 0) missing.Add("MISSING_SERIAL@-1");
                if (requireBatchAndExpiry && fields.Batch.Length == 0) missing.Add("MISSING_BATCH@-1");
                if (requireBatchAndExpiry && fields.Expiry.Length == 0) missing.Add("MISSING_EXPIRY@-1");
                if (fields.ProductCode.Length > 50 || fields.SerialNumber.Length > 20 || fields.Batch.Length > 20 || fields.Expiry.Length > 6)
                {
                    missing.Add("VALUE_TOO_LONG@-1");
                }
                if (missing.Count > 0) throw Invalid("The pack fields are incomplete or too long.", string.Join(';', missing));
                return new ResolvedPack(new ScannedPack(fields.ProductCode, fields.SerialNumber, fields.Batch, fields.Expiry), []);
            default:
                throw Invalid("The request names no pack: set pack.scan or pack.fields.", "EMPTY@0");
        }
    }

    private static RpcException Invalid(string message, string codes, string hints = "")
    {
        var trailers = new Metadata { { ProblemsTrailer, codes } };
        if (hints.Length > 0) trailers.Add(HintsTrailer, hints);
        return new RpcException(new Status(StatusCode.InvalidArgument, message), trailers);
    }
}

/// <summary>The pack a request names and, for a raw scan, the parser's hints about corruptions.</summary>
internal sealed record ResolvedPack(ScannedPack Scan, IReadOnlyList<ScanHint> Hints);
