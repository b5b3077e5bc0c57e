using System.Diagnostics;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Verifier.Cache;
using Verifier.Core.Access;
using Verifier.Server.Caching;
using Verifier.Server.Hosting;
using Verifier.Server.Identity;
using Verifier.Server.Packs;
using Verifier.Storage;
using V1 = Verifier.V1;

namespace Verifier.Server.MasterData;

/// <summary>The MasterDataService RPCs: check the request and the caller's ownership, run it on the store, map the answer.</summary>
internal sealed class MasterDataGrpcService(
    IMasterDataStore store,
    IClientStore clients,
    BatchUploadReceiver uploads,
    PackStateChanges packStates,
    IPackStatusCache cache,
    CacheCoherence coherence,
    IOptions<VerifierOptions> options,
    ProductAccess access) : V1.MasterDataService.MasterDataServiceBase
{
    private const int MaxReasonLength = 1000;

    public override async Task<V1.UpsertProductResponse> UpsertProduct(V1.UpsertProductRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        caller.Demand(Operation.ManageMasterData);
        var product = ProductChecks.ToMasterData(request.Product, caller);
        if (caller.Role == ClientRole.Operator && (await clients.FindAsync(product.OwnerId, context.CancellationToken))?.Role != ClientRole.Mah)
        {
            throw RequestErrors.Invalid($"mah_id {product.OwnerId} is not a registered MAH client.");
        }
        var result = await store.UpsertProductAsync(product, allowOwnerChange: caller.Role == ClientRole.Operator,
            access.Context(caller), context.CancellationToken);
        if (result.OwnedByAnother) throw await access.RefuseAsync(caller, "product-upsert", product.ProductCode);
        return new V1.UpsertProductResponse { Version = result.Version, Changed = result.Changed };
    }

    public override async Task<V1.UploadBatchResponse> UploadBatch(IAsyncStreamReader<V1.UploadBatchRequest> requestStream, ServerCallContext context) =>
        (await uploads.ReceiveAsync(Caller.Of(context), requestStream, context.CancellationToken)).ToResponse();

    public override async Task<V1.RecallBatchResponse> RecallBatch(V1.RecallBatchRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        caller.Demand(Operation.ManageMasterData);
        RequireReason(request.Reason);
        RequireBatch(request.Batch);
        await access.RequireAsync(caller, "recall", request.ProductCode, context.CancellationToken);
        // One batch key changes in the cache, not one key per pack; marked before the commit (as a
        // pack's key before a decommission), published after. An unknown batch's marker just expires.
        var mark = await cache.MarkBatchAsync(request.ProductCode, request.Batch);
        var readAt = Stopwatch.GetTimestamp();
        var result = await store.RecallBatchAsync(request.ProductCode, request.Batch, NullIfEmpty(request.Reason),
            access.Context(caller), mark.Covers, context.CancellationToken)
            ?? throw RequestErrors.NotFound($"Batch {request.Batch} of product {request.ProductCode} is unknown.");
        await coherence.SettleAsync(cache.PutBatchAsync(result.Batch, request.ProductCode, result.CacheEpoch, readAt, mark));
        return new V1.RecallBatchResponse { PackCount = result.PackCount, Changed = result.Changed };
    }

    public override async Task<V1.WithdrawProductResponse> WithdrawProduct(V1.WithdrawProductRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        caller.Demand(Operation.ManageMasterData);
        var market = request.Market.Trim().ToUpperInvariant();
        if (!ProductChecks.IsMarket(market)) throw RequestErrors.Invalid("market is required: an ISO 3166-1 alpha-2 code such as DE.");
        RequireReason(request.Reason);
        await access.RequireAsync(caller, "withdraw", request.ProductCode, context.CancellationToken);
        var mark = await cache.MarkProductAsync(request.ProductCode);
        var readAt = Stopwatch.GetTimestamp();
        var result = await store.WithdrawProductAsync(request.ProductCode, market, options.Value.Market.ToUpperInvariant(), NullIfEmpty(request.Reason),
            access.Context(caller), mark.Covers, context.CancellationToken)
            ?? throw RequestErrors.NotFound($"Product {request.ProductCode} is unknown.");
        await coherence.SettleAsync(cache.PutProductAsync(result.Product, result.CacheEpoch, readAt, mark));
        return new V1.WithdrawProductResponse { Changed = result.Changed };
    }

    public override async Task<V1.SetPackStatesResponse> SetPackStates(V1.SetPackStatesRequest request, ServerCallContext context)
    {
        var results = await packStates.ApplyAsync(Caller.Of(context), request.ClientTransactionId, request.ProductCode,
            request.SerialNumbers, request.Reason.ToDomain(), context.CancellationToken);
        var response = new V1.SetPackStatesResponse();
        foreach (var (serial, audit) in results)
        {
            var result = audit.ToResult();
            response.Outcomes.Add(new V1.SerialOutcome { SerialNumber = serial, Outcome = result.Outcome, Status = result.Status });
        }
        return response;
    }

    public override async Task<V1.BatchSummaryResponse> BatchSummary(V1.BatchSummaryRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        caller.Demand(Operation.ManageMasterData);
        RequireBatch(request.Batch);
        await access.RequireAsync(caller, "batch-summary", request.ProductCode, context.CancellationToken);
        var summary = await store.BatchSummaryAsync(request.ProductCode, request.Batch, context.CancellationToken)
            ?? throw RequestErrors.NotFound($"Batch {request.Batch} of product {request.ProductCode} is unknown.");
        return summary.ToResponse();
    }

    private static void RequireReason(string reason)
    {
        if (reason.Length > MaxReasonLength) throw RequestErrors.Invalid($"reason is longer than {MaxReasonLength} characters.");
    }

    private static void RequireBatch(string batch)
    {
        if (batch.Length is 0 or > UploadHeaderChecks.MaxBatchLength) throw RequestErrors.Invalid($"batch is required (1 to {UploadHeaderChecks.MaxBatchLength} characters).");
    }

    private static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
