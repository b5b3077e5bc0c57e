using Grpc.Core;
using Verifier.Server.Tests.Infrastructure;
using Verifier.V1;

namespace Verifier.Server.Tests.MultiInstance;

/// <summary>
/// Revoked everywhere at once: when RevokeCredential answers, no instance accepts the credential,
/// though every instance had it in memory a moment before, and whether or not Redis answers
/// (revocation does not go through Redis).
/// </summary>
public abstract partial class SharedDeploymentTests
{
    [ServerFact]
    public async Task A_client_revoked_through_one_instance_is_refused_by_every_instance_when_the_revocation_answers()
    {
        var (clientId, key) = await NewPharmacyAsync();
        await AssertAcceptedEverywhereAsync(key);

        await A.Admin(DemoKeys.Operator).RevokeCredentialAsync(new RevokeCredentialRequest { ClientId = clientId, WholeClient = true });

        await AssertRefusedEverywhereAsync(key);
    }

    [ServerFact]
    public async Task A_key_revoked_while_Redis_is_frozen_is_refused_by_every_instance_all_the_same()
    {
        var (clientId, key) = await NewPharmacyAsync();
        await AssertAcceptedEverywhereAsync(key);

        Deployment.Redis.Pause();
        try
        {
            await B.Admin(DemoKeys.Operator).RevokeCredentialAsync(new RevokeCredentialRequest
            {
                ClientId = clientId, ApiKeySha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key))),
            });
            await AssertRefusedEverywhereAsync(key);
        }
        finally
        {
            Deployment.Redis.Resume();
        }
    }

    private async Task<(string ClientId, string ApiKey)> NewPharmacyAsync()
    {
        var id = "revoked-" + Guid.NewGuid().ToString("N")[..10];
        var created = await A.Admin(DemoKeys.Operator).CreateClientAsync(new CreateClientRequest { ClientId = id, Role = ClientRole.Pharmacy, LocationId = "PH-" + id });
        return (id, created.ApiKey);
    }

    /// <summary>Every instance authenticates the key, so each holds it in memory.</summary>
    private async Task AssertAcceptedEverywhereAsync(string key)
    {
        foreach (var instance in Deployment.All) await instance.Alerts(key).ListAlertsAsync(new ListAlertsRequest());
    }

    private async Task AssertRefusedEverywhereAsync(string key)
    {
        var answers = new List<string>();
        foreach (var instance in Deployment.All)
        {
            try
            {
                await instance.Alerts(key).ListAlertsAsync(new ListAlertsRequest());
                answers.Add($"{instance.Name}: accepted");
            }
            catch (RpcException e)
            {
                answers.Add($"{instance.Name}: {e.StatusCode}");
            }
        }
        Assert.True(answers.All(answer => answer.EndsWith(": Unauthenticated", StringComparison.Ordinal)), string.Join(", ", answers));
    }
}
