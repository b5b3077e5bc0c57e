using Grpc.Core;
using Verifier.Core.Access;
using Verifier.Core.Packs;
using Verifier.Server.Auditing;
using Verifier.Server.Identity;
using Verifier.Storage;

namespace Verifier.Server.MasterData;

/// <summary>
/// An MAH manages only its own products; operators manage all of them. A refused attempt on
/// another MAH's product is written to the audit trail, as every operation on a UI is (DR Art 35(1)(g)).
/// </summary>
internal sealed class ProductAccess(IMasterDataStore store, OperationAudit audit, TimeProvider clock)
{
    /// <param name="operation">The audit trail's name for what was attempted, e.g. "recall".</param>
    public async Task<ProductRecord> RequireAsync(Caller caller, string operation, string productCode, CancellationToken cancellationToken)
    {
        caller.Demand(Operation.ManageMasterData);
        if (string.IsNullOrEmpty(productCode) || productCode.Length > ProductChecks.MaxProductCodeLength)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"product_code is required (at most {ProductChecks.MaxProductCodeLength} characters)."));
        }
        var product = await store.FindProductAsync(productCode, cancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"Product {productCode} is unknown; upsert it first."));
        if (caller.Role == ClientRole.Mah && product.OwnerId != caller.ClientId) throw await RefuseAsync(caller, operation, productCode);
        return product;
    }

    /// <summary>Audits an attempt on another MAH's product and returns the PERMISSION_DENIED to throw.</summary>
    public async Task<RpcException> RefuseAsync(Caller caller, string operation, string productCode)
    {
        var refused = new RpcException(new Status(StatusCode.PermissionDenied, $"Product {productCode} belongs to another marketing authorisation holder."));
        await audit.RecordRefusalAsync(caller, operation, refused, productCode);
        return refused;
    }

    /// <summary>The audit context of a master data operation (no client transaction id: uploads carry their upload id).</summary>
    public TransactionContext Context(Caller caller) => caller.Context(clock.GetUtcNow());
}
