using Grpc.Core;
using Verifier.Core.Access;
using Verifier.Server.Identity;
using Verifier.Server.Packs;
using Verifier.V1;

namespace Verifier.Server.Bulk;

/// <summary>
/// Runs one bulk item as the single-pack call it stands for (<see cref="PackRequests"/>): same
/// validation, refusal audit, rules and idempotency. A refusal becomes the item's error instead of
/// failing the call, so a malformed item fails alone.
/// </summary>
internal sealed class BulkItems(PackRequests requests)
{
    public async Task<BulkItemResult> RunAsync(Caller caller, int index, BulkPackOperation? item, CancellationToken cancellationToken)
    {
        item ??= new BulkPackOperation();
        var answer = new BulkItemResult { Index = index, ClientTransactionId = item.ClientTransactionId };
        try
        {
            var (kind, reason) = item.Kind switch
            {
                BulkOperationKind.Verify => (Operation.Verify, (DecommissionReason?)null),
                BulkOperationKind.Decommission => (Operation.Decommission, item.Reason),
                BulkOperationKind.Undo => (Operation.Undo, item.Reason),
                _ => throw new RpcException(new Status(StatusCode.InvalidArgument, "kind is required: VERIFY, DECOMMISSION or UNDO.")),
            };
            answer.Result = await requests.RunAsync(caller, kind, item.ClientTransactionId, item.Pack, reason, item.UserId, null, item.PerformedAt, cancellationToken);
        }
        catch (RpcException refused) when (refused.StatusCode is StatusCode.InvalidArgument or StatusCode.PermissionDenied)
        {
            answer.Error = new BulkItemError
            {
                Status = StatusName(refused.StatusCode),
                Message = refused.Status.Detail,
                ScanProblems = refused.Trailers.GetValue(ScanResolution.ProblemsTrailer) ?? "",
            };
        }
        return answer;
    }

    /// <summary>The canonical gRPC name (INVALID_ARGUMENT), as clients see it in other languages.</summary>
    public static string StatusName(StatusCode code) => code switch
    {
        StatusCode.InvalidArgument => "INVALID_ARGUMENT",
        StatusCode.PermissionDenied => "PERMISSION_DENIED",
        StatusCode.Unavailable => "UNAVAILABLE",
        _ => "INTERNAL",
    };
}
