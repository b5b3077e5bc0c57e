using Verifier.Storage;
using V1 = Verifier.V1;

namespace Verifier.Server.MasterData;

/// <summary>Store results → wire messages.</summary>
internal static class MasterDataMapping
{
    public static V1.UploadBatchResponse ToResponse(this UploadResult result)
    {
        var response = new V1.UploadBatchResponse
        {
            UploadId = result.UploadId,
            Status = result.Status switch
            {
                UploadStatus.Committed => V1.UploadStatus.Committed,
                UploadStatus.Rejected => V1.UploadStatus.Rejected,
                UploadStatus.Validated => V1.UploadStatus.Validated,
                _ => V1.UploadStatus.Unspecified,
            },
            ReceivedCount = result.ReceivedCount,
            StoredCount = result.StoredCount,
            RejectedCount = result.RejectedCount,
            Replayed = result.Replayed,
        };
        response.Problems.AddRange(result.Problems.Select(p => new V1.UploadProblem
        {
            Code = p.Code,
            Position = p.Position,
            SerialNumber = p.SerialNumber ?? "",
            Message = p.Message,
        }));
        return response;
    }

    public static V1.BatchSummaryResponse ToResponse(this BatchSummary summary)
    {
        var response = new V1.BatchSummaryResponse
        {
            ProductCode = summary.ProductCode,
            Batch = summary.Batch,
            Expiry = summary.Expiry,
            Recalled = summary.Recalled,
            PackCount = summary.PackCount,
        };
        response.Counts.AddRange(summary.Counts.OrderBy(c => c.Key).Select(c => new V1.StateCount { State = (V1.PackState)(int)c.Key, Count = c.Value }));
        return response;
    }
}
