using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Verifier.Core.Access;
using Verifier.Server.Identity;
using Verifier.V1;

namespace Verifier.Server.Packs;

/// <summary>The PackService RPCs: map the request, run it through <see cref="PackRequests"/>, map the answer.</summary>
internal sealed class PackGrpcService(PackOperations operations, PackRequests requests) : PackService.PackServiceBase
{
    public override async Task<VerifyResponse> Verify(VerifyRequest request, ServerCallContext context) =>
        new() { Result = await Run(context, Operation.Verify, request.ClientTransactionId, request.Pack, null, request.UserId, null, request.PerformedAt) };

    public override async Task<DecommissionResponse> Decommission(DecommissionRequest request, ServerCallContext context) =>
        new() { Result = await Run(context, Operation.Decommission, request.ClientTransactionId, request.Pack, request.Reason, request.UserId, null, request.PerformedAt) };

    public override async Task<UndoResponse> Undo(UndoRequest request, ServerCallContext context) =>
        new() { Result = await Run(context, Operation.Undo, request.ClientTransactionId, request.Pack, request.Reason, request.UserId, null, request.PerformedAt) };

    public override async Task<FlagSuspectResponse> FlagSuspect(FlagSuspectRequest request, ServerCallContext context) =>
        new() { Result = await Run(context, Operation.FlagSuspect, request.ClientTransactionId, request.Pack, null, request.UserId, request.Description, request.PerformedAt) };

    public override async Task<PackHistoryResponse> PackHistory(PackHistoryRequest request, ServerCallContext context)
    {
        var scan = ScanResolution.Resolve(request.Pack, requireBatchAndExpiry: false).Scan;
        var entries = await operations.HistoryAsync(Caller.Of(context), scan, Paging.Size(request.PageSize), context.CancellationToken);
        var response = new PackHistoryResponse();
        response.Entries.AddRange(entries.Select(e => e.ToEntry()));
        return response;
    }

    private Task<PackResult> Run(
        ServerCallContext context, Operation kind, string clientTransactionId, PackIdentifier? pack,
        DecommissionReason? reason, string userId, string? note, Timestamp? performedAt) =>
        requests.RunAsync(Caller.Of(context), kind, clientTransactionId, pack, reason, userId, note, performedAt, context.CancellationToken);
}
