using Verifier.Core.Packs;
using Grpc.Core;
using Verifier.Core.Access;
using Verifier.Server.Identity;
using Verifier.Storage;

namespace Verifier.Server.MasterData;

/// <summary>An MAH manages only its own products; operators manage all of them.</summary>
internal static class ProductAccess
{
    public static async Task<ProductRecord> RequireAsync(IMasterDataStore store, Caller caller, string productCode, CancellationToken cancellationToken)
    {
        caller.Demand(Operation.ManageMasterData);
        if (string.IsNullOrEmpty(productCode) || productCode.Length > ProductChecks.MaxProductCodeLength)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"product_code is required (at most {ProductChecks.MaxProductCodeLength} characters)."));
        }
        var product = await store.FindProductAsync(productCode, cancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"Product {productCode} is unknown; upsert it first."));
        if (caller.Role == ClientRole.Mah && product.OwnerId != caller.ClientId)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"Product {productCode} belongs to another marketing authorisation holder."));
        }
        return product;
    }

    /// <summary>The audit context of a master data operation (no client transaction id: uploads carry their upload id).</summary>
    public static TransactionContext Context(Caller caller, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return new TransactionContext(Identifiers.NewSystemTransactionId(now), null, now, caller.ClientId, caller.Role, caller.LocationId, null);
    }
}
