using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Verifier.Core.Access;
using Verifier.Server.Identity;
using Verifier.V1;

namespace Verifier.Server.Packs;

/// <summary>
/// A pack request as it arrives on the wire (identifier, reason, ids) run through
/// <see cref="PackOperations"/>: shared by the single-pack RPCs and the bulk ones, so a bulk item
/// is validated, audited and answered exactly like a single call.
/// </summary>
internal sealed class PackRequests(PackOperations operations)
{
    /// <param name="reason">The wire reason for decommission and undo; null for operations without one.</param>
    /// <param name="performedAt">When a deferred operation was performed (DR Art 29); null (unset) for one performed now.</param>
    public async Task<PackResult> RunAsync(
        Caller caller, Operation kind, string clientTransactionId, PackIdentifier? pack,
        DecommissionReason? reason, string userId, string? note, Timestamp? performedAt, CancellationToken cancellationToken)
    {
        try
        {
            var resolved = ScanResolution.Resolve(pack);
            var operation = new PackOperation(
                kind, clientTransactionId, resolved.Scan, reason is { } r ? RequireReason(r) : null, NullIfEmpty(userId), NullIfEmpty(note),
                PerformedAt: performedAt is null ? null : ReadTime(performedAt));
            var result = (await operations.ExecuteAsync(caller, operation, cancellationToken)).ToResult();
            // Echoed from the request: a TRANSACTION_ID_REUSED answer has none stored.
            result.ClientTransactionId = clientTransactionId;
            result.DecodedScan = resolved.DecodedScan ?? "";
            // Hints follow from the scan alone, so a replayed answer carries the same ones.
            result.ScanHints.AddRange(resolved.Hints.Select(h => new Verifier.V1.ScanHint
            {
                Code = h.StableName, Message = h.Message, SuggestedReading = h.SuggestedReading ?? "",
            }));
            return result;
        }
        catch (RpcException refused) when (refused.StatusCode is StatusCode.InvalidArgument or StatusCode.PermissionDenied)
        {
            // DR Art 35(1)(g) covers every operation on a UI, refused ones included.
            await operations.RecordRefusalAsync(caller, kind, clientTransactionId, pack, refused);
            throw;
        }
    }

    private static Core.Packs.DecommissionReason RequireReason(DecommissionReason reason) =>
        reason.ToDomain() ?? throw new RpcException(new Status(StatusCode.InvalidArgument, "reason is required: one of the DecommissionReason values."));

    private static DateTimeOffset ReadTime(Timestamp performedAt)
    {
        try
        {
            return performedAt.ToDateTimeOffset();
        }
        catch (InvalidOperationException)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "performed_at is not a valid timestamp."));
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
