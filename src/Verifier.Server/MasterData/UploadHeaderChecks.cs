using Verifier.Core.Identification;
using Verifier.Storage;
using V1 = Verifier.V1;

namespace Verifier.Server.MasterData;

/// <summary>A malformed header is a malformed request (InvalidArgument), not an upload problem.</summary>
internal static class UploadHeaderChecks
{
    public const int MaxUploadIdLength = 128;
    public const int MaxBatchLength = 20;

    public static UploadHeader ToHeader(V1.UploadBatchHeader header)
    {
        if (header.UploadId.Length is 0 or > MaxUploadIdLength || !header.UploadId.All(c => c is > ' ' and <= '~'))
        {
            throw RequestErrors.Invalid($"header.upload_id is required: 1 to {MaxUploadIdLength} printable ASCII characters without spaces.");
        }
        if (header.ProductCode.Length is 0 or > ProductChecks.MaxProductCodeLength)
        {
            throw RequestErrors.Invalid($"header.product_code is required (at most {ProductChecks.MaxProductCodeLength} characters).");
        }
        if (header.Batch.Length is 0 or > MaxBatchLength || !Cset82.IsValid(header.Batch))
        {
            throw RequestErrors.Invalid($"header.batch is required: 1 to {MaxBatchLength} characters of GS1 character set 82.");
        }
        if (!ExpiryDate.TryParse(header.Expiry, out _))
        {
            throw RequestErrors.Invalid("header.expiry must be YYMMDD exactly as printed (DD = 00 for the end of the month).");
        }
        if (header.ExpectedCount < 0) throw RequestErrors.Invalid("header.expected_count cannot be negative.");
        return new UploadHeader(header.UploadId, header.ProductCode, header.Batch, header.Expiry);
    }
}
