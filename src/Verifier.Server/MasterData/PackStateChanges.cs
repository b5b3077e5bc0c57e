using Grpc.Core;
using Verifier.Core.Access;
using Verifier.Core.Packs;
using Verifier.Server.Identity;
using Verifier.Server.Packs;
using Verifier.Storage;

namespace Verifier.Server.MasterData;

/// <summary>
/// MAH pack-level changes (stolen, destroyed, locked, free sample). Each serial is an ordinary
/// decommission through <see cref="PackOperations"/>, so rules, alerts, audit, idempotency and
/// the cache behave exactly as for a pharmacy's request. The stored batch and expiry are filled
/// in because an MAH names packs by serial only.
/// </summary>
internal sealed class PackStateChanges(IMasterDataStore masterData, IPackStore packs, PackOperations operations)
{
    public const int MaxSerials = 1000;

    /// <summary>Leaves room for "/" and a 20-character serial within the 64-character client transaction id.</summary>
    public const int MaxClientTransactionIdLength = 40;

    private static readonly HashSet<DecommissionReason> MahReasons =
        [DecommissionReason.Stolen, DecommissionReason.Destroyed, DecommissionReason.Locked, DecommissionReason.FreeSample];

    public async Task<IReadOnlyList<(string Serial, AuditRecord Audit)>> ApplyAsync(
        Caller caller, string clientTransactionId, string productCode, IReadOnlyList<string> serials, DecommissionReason? reason,
        CancellationToken cancellationToken)
    {
        caller.Demand(Operation.ManageMasterData);
        if (reason is not { } decommission || !MahReasons.Contains(decommission))
        {
            throw RequestErrors.Invalid("reason must be one of STOLEN, DESTROYED, LOCKED, FREE_SAMPLE.");
        }
        if (clientTransactionId.Length is 0 or > MaxClientTransactionIdLength)
        {
            throw RequestErrors.Invalid($"client_transaction_id is required (1 to {MaxClientTransactionIdLength} characters; each serial's request id is <id>/<serial>).");
        }
        if (serials.Count is 0 or > MaxSerials) throw RequestErrors.Invalid($"serial_numbers needs 1 to {MaxSerials} serials.");
        if (serials.FirstOrDefault(s => s.Length is 0 or > SerialIntake.MaxSerialLength) is { } bad)
        {
            throw RequestErrors.Invalid($"serial number '{bad}' is not 1 to {SerialIntake.MaxSerialLength} characters.");
        }
        await ProductAccess.RequireAsync(masterData, caller, productCode, cancellationToken);

        // Concurrently, so the group committer makes one durable commit of many serials.
        var results = await Task.WhenAll(serials.Select(async serial =>
        {
            var stored = await packs.ReadViewAsync(new ScannedPack(productCode, serial, "", ""), cancellationToken);
            var scan = new ScannedPack(productCode, serial, stored.PackBatch?.Batch ?? "", stored.PackBatch?.Expiry ?? "");
            var operation = new PackOperation(Operation.Decommission, $"{clientTransactionId}/{serial}", scan, decommission, null, null);
            return (serial, await operations.ExecuteAsync(caller, operation, cancellationToken));
        }));
        return results;
    }
}
