using Grpc.Core;
using Verifier.Core.Packs;
using Verifier.Server.Identity;
using Verifier.Storage;

namespace Verifier.Server.Auditing;

/// <summary>
/// Audit entries for operations that change no pack (alert steps, client registrations, refused
/// requests): DR Art 35(1)(g) covers every operation, and these are written the same way everywhere.
/// </summary>
internal sealed class OperationAudit(IPackStore store, TimeProvider clock, ILogger<OperationAudit> logger)
{
    public Task RecordAsync(
        Caller caller, string operation, string? productCode = null, string? serialNumber = null, string? batch = null,
        string? expiry = null, string? alertId = null, string? note = null, CancellationToken cancellationToken = default) =>
        store.AppendAuditAsync(
            AuditRecord.Entry(caller.Context(clock.GetUtcNow()), operation, Outcome.Success, productCode, serialNumber, batch, expiry, alertId: alertId, note: note),
            cancellationToken);

    /// <summary>A refused request (no outcome). The refusal is the answer: failing to record it is logged, never thrown.</summary>
    public async Task RecordRefusalAsync(
        Caller caller, string operation, RpcException refused, string? productCode = null, string? serialNumber = null,
        string? batch = null, string? expiry = null, string? detail = null)
    {
        var note = $"refused {refused.StatusCode}: {refused.Status.Detail}" + (detail ?? "");
        try
        {
            await store.AppendAuditAsync(
                AuditRecord.Entry(caller.Context(clock.GetUtcNow()), operation, null, productCode, serialNumber, batch, expiry, note: note),
                CancellationToken.None);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Could not audit a refused {Operation} of {ClientId}", operation, caller.ClientId);
        }
    }
}
