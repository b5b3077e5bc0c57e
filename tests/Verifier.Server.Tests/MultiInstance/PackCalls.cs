using Verifier.Server.Tests.Infrastructure;
using Verifier.V1;

namespace Verifier.Server.Tests.MultiInstance;

/// <summary>The pack calls the tests make, each on a named instance with a named client's key.</summary>
internal static class PackCalls
{
    /// <summary>Generous for a 2-core machine running three servers, but a hung call still fails the test.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(15);

    private static DateTime Deadline => DateTime.UtcNow + CallTimeout;

    public static async Task<PackResult> VerifyAsync(this Instance instance, Pack pack, string apiKey = DemoKeys.PharmacyMunich) =>
        (await instance.Packs(apiKey).VerifyAsync(
            new VerifyRequest { ClientTransactionId = NewTransactionId(), Pack = pack.Identifier }, deadline: Deadline)).Result;

    public static async Task<PackResult> SupplyAsync(
        this Instance instance, Pack pack, string apiKey = DemoKeys.PharmacyBerlin, string? clientTransactionId = null) =>
        (await instance.Packs(apiKey).DecommissionAsync(
            new DecommissionRequest
            {
                ClientTransactionId = clientTransactionId ?? NewTransactionId(), Pack = pack.Identifier, Reason = DecommissionReason.Supplied,
            },
            deadline: Deadline)).Result;

    public static async Task<PackResult> UndoSupplyAsync(this Instance instance, Pack pack, string apiKey = DemoKeys.PharmacyBerlin) =>
        (await instance.Packs(apiKey).UndoAsync(
            new UndoRequest { ClientTransactionId = NewTransactionId(), Pack = pack.Identifier, Reason = DecommissionReason.Supplied },
            deadline: Deadline)).Result;

    /// <summary>The pack's whole audit trail as the operator sees it, newest first.</summary>
    public static async Task<IReadOnlyList<AuditEntry>> HistoryAsync(this Instance instance, Pack pack) =>
        (await instance.Packs(DemoKeys.Operator).PackHistoryAsync(
            new PackHistoryRequest { Pack = pack.Identifier, PageSize = 1000 }, deadline: Deadline)).Entries;

    public static string NewTransactionId() => Guid.NewGuid().ToString("N");

    /// <summary>"ACTIVE", or e.g. "INACTIVE SUPPLIED/SUPPLIED" (state/reason), for assertion messages.</summary>
    public static string Describe(this PackResult result) =>
        result.Status is null ? result.Outcome.ToString()
        : result.Status.Active ? "ACTIVE"
        : $"INACTIVE {result.Status.State}/{result.Status.Reason}";
}
