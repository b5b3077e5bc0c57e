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
/// the cache behave exactly as for a pharmacy's request; an unknown serial is reported without an
/// alert (<see cref="PackRules.ChangeByOwner"/>), since an owner's list is not a scan.
/// </summary>
internal sealed class PackStateChanges(ProductAccess access, PackOperations operations)
{
    public const int MaxSerials = 1000;

    private const int ConcurrentSerials = 64;

    /// <summary>Leaves room for "/" and a 20-character serial within the 64-character client transaction id.</summary>
    public const int MaxClientTransactionIdLength = 40;

    public async Task<IReadOnlyList<(string Serial, AuditRecord Audit)>> ApplyAsync(
        Caller caller, string clientTransactionId, string productCode, IReadOnlyList<string> serials, DecommissionReason? reason,
        CancellationToken cancellationToken)
    {
        caller.Demand(Operation.ManageMasterData);
        if (reason is not { } decommission || !Permissions.Allows(ClientRole.Mah, decommission))
        {
            throw RequestErrors.Invalid("reason must be one of STOLEN, DESTROYED, LOCKED, FREE_SAMPLE.");
        }
        if (!Permissions.Allows(caller.Role, decommission))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"A {caller.Role} client may not use reason {decommission.Name()}."));
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
        await access.RequireAsync(caller, "pack-states", productCode, cancellationToken);

        // Concurrently (bounded), so the group committer makes few durable commits of many serials.
        // The batch is not known to the owner's list: the rules resolve it inside the write transaction.
        var results = new (string Serial, AuditRecord Audit)[serials.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, serials.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ConcurrentSerials, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var serial = serials[i];
                var operation = new PackOperation(Operation.Decommission, $"{clientTransactionId}/{serial}",
                    new ScannedPack(productCode, serial, "", ""), decommission, null, null, NamedBySerialOnly: true);
                results[i] = (serial, await operations.ExecuteAsync(caller, operation, ct));
            });
        return results;
    }
}
