using Grpc.Core;
using Verifier.Core.Access;
using Verifier.Server.Identity;
using Verifier.V1;

namespace Verifier.Server.Packs;

/// <summary>The PackService RPCs: map the request, run it through <see cref="PackOperations"/>, map the answer.</summary>
internal sealed class PackGrpcService(PackOperations operations) : PackService.PackServiceBase
{
    public override async Task<VerifyResponse> Verify(VerifyRequest request, ServerCallContext context) =>
        new() { Result = await Run(context, Operation.Verify, request.ClientTransactionId, request.Pack, null, request.UserId, null) };

    public override async Task<DecommissionResponse> Decommission(DecommissionRequest request, ServerCallContext context) =>
        new() { Result = await Run(context, Operation.Decommission, request.ClientTransactionId, request.Pack, request.Reason, request.UserId, null) };

    public override async Task<UndoResponse> Undo(UndoRequest request, ServerCallContext context) =>
        new() { Result = await Run(context, Operation.Undo, request.ClientTransactionId, request.Pack, request.Reason, request.UserId, null) };

    public override async Task<FlagSuspectResponse> FlagSuspect(FlagSuspectRequest request, ServerCallContext context) =>
        new() { Result = await Run(context, Operation.FlagSuspect, request.ClientTransactionId, request.Pack, null, request.UserId, request.Description) };

    public override async Task<PackHistoryResponse> PackHistory(PackHistoryRequest request, ServerCallContext context)
    {
        var scan = ScanResolution.Resolve(request.Pack, requireBatchAndExpiry: false).Scan;
        var entries = await operations.HistoryAsync(Caller.Of(context), scan, Paging.Size(request.PageSize), context.CancellationToken);
        var response = new PackHistoryResponse();
        response.Entries.AddRange(entries.Select(e => e.ToEntry()));
        return response;
    }

    /// <param name="reason">The wire reason for decommission and undo; null for operations without one.</param>
    private async Task<PackResult> Run(
        ServerCallContext context, Operation kind, string clientTransactionId, PackIdentifier? pack,
        DecommissionReason? reason, string userId, string? note)
    {
        var caller = Caller.Of(context);
        try
        {
            var resolved = ScanResolution.Resolve(pack);
            var operation = new PackOperation(
                kind, clientTransactionId, resolved.Scan, reason is { } r ? RequireReason(r) : null, NullIfEmpty(userId), NullIfEmpty(note));
            var result = (await operations.ExecuteAsync(caller, operation, context.CancellationToken)).ToResult();
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

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
