using Verifier.Core.Access;
using Verifier.Server.Identity;
using Verifier.Storage;

namespace Verifier.Server.Hosting;

/// <summary>
/// The documented demo clients (README), seeded only with Verifier:Demo=true so a new user can
/// scan within a minute. Their keys are public: never enable this outside a demo.
/// </summary>
internal static class DemoClients
{
    public static readonly (ClientRecord Client, string ApiKey)[] All =
    [
        (new ClientRecord("pharmacy-berlin", ClientRole.Pharmacy, "PH-BER-001", "Demo pharmacy, Berlin"), "demo-pharmacy-berlin"),
        (new ClientRecord("pharmacy-munich", ClientRole.Pharmacy, "PH-MUC-001", "Demo pharmacy, Munich"), "demo-pharmacy-munich"),
        (new ClientRecord("hospital-hamburg", ClientRole.Hospital, "HO-HAM-001", "Demo hospital pharmacy, Hamburg"), "demo-hospital-hamburg"),
        (new ClientRecord("wholesaler-north", ClientRole.Wholesaler, "WH-NOR-001", "Demo wholesaler"), "demo-wholesaler-north"),
        (new ClientRecord("mah-acme", ClientRole.Mah, "MAH-ACME", "Demo MAH ACME Pharma"), "demo-mah-acme"),
        (new ClientRecord("mah-globex", ClientRole.Mah, "MAH-GLOBEX", "Demo MAH Globex"), "demo-mah-globex"),
        (new ClientRecord("operator", ClientRole.Operator, "NMVO", "Demo NMVO operator"), "demo-operator"),
    ];

    public static async Task SeedAsync(IClientStore clients, TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
    {
        foreach (var (client, key) in All)
        {
            await clients.CreateAsync(client, ApiKeys.Hash(key), clock.GetUtcNow(), cancellationToken);
        }
        logger.LogWarning("Demo mode: {Count} demo clients with public API keys are active (see README).", All.Length);
    }
}
