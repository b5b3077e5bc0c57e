using Grpc.Core;
using Verifier.Server.Tests.Infrastructure;
using Verifier.V1;
using static Verifier.Server.Tests.Infrastructure.Catalog;

namespace Verifier.Server.Tests.Hosting;

/// <summary>Operators register clients; the key works at once, is shown once, and only operators may do it.</summary>
public sealed class AdminTests(NoCacheFixture fixture) : IClassFixture<NoCacheFixture>
{
    private VerifierServer Server => fixture.Server;

    [Fact]
    public async Task An_operator_creates_a_client_whose_key_works_at_once()
    {
        var id = "apo-" + Guid.NewGuid().ToString("N")[..8];
        var created = await Server.Admin(DemoKeys.Operator).CreateClientAsync(new CreateClientRequest
        {
            ClientId = id, Role = ClientRole.Pharmacy, LocationId = "PH-NEW", DisplayName = "New pharmacy",
        });
        var serial = await NewPackAsync(Server);

        var verified = await Server.Packs(created.ApiKey).VerifyAsync(new VerifyRequest { ClientTransactionId = NewTransactionId(), Pack = Fields(serial) });
        var again = await Assert.ThrowsAsync<RpcException>(() => Server.Admin(DemoKeys.Operator).CreateClientAsync(new CreateClientRequest
        {
            ClientId = id, Role = ClientRole.Pharmacy, LocationId = "PH-NEW",
        }).ResponseAsync);

        Assert.StartsWith("vk_", created.ApiKey);
        Assert.Equal(Outcome.Success, verified.Result.Outcome);
        Assert.Equal(StatusCode.AlreadyExists, again.StatusCode);
    }

    [Theory]
    [InlineData(DemoKeys.PharmacyBerlin, "ok-id", StatusCode.PermissionDenied)]
    [InlineData(DemoKeys.Operator, "bad id!", StatusCode.InvalidArgument)]
    public async Task Clients_are_created_by_operators_with_valid_ids_only(string apiKey, string clientId, StatusCode expected)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Server.Admin(apiKey).CreateClientAsync(new CreateClientRequest
        {
            ClientId = clientId, Role = ClientRole.Pharmacy, LocationId = "PH-X",
        }).ResponseAsync);

        Assert.Equal(expected, error.StatusCode);
    }
}
