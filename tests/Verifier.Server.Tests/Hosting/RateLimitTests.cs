using System.Net;
using Grpc.Core;
using Verifier.Server.Tests.Infrastructure;
using Verifier.Server.Tests.Rest;
using Verifier.V1;
using static Verifier.Server.Tests.Infrastructure.Catalog;

namespace Verifier.Server.Tests.Hosting;

/// <summary>
/// NMVS_FI_SE_CLI_01: a client over its limit is refused (gRPC RESOURCE_EXHAUSTED; REST, which shares
/// the limit, 429 with the national code); other clients are not affected.
/// </summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private VerifierServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await VerifierServer.StartAsync("--cache", "None", "--Verifier:RateLimit:PermitsPerSecond=1", "--Verifier:RateLimit:Burst=3");
        await SeedAsync(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_client_over_its_limit_is_refused_and_others_are_served()
    {
        var serial = await NewPackAsync(_server);
        var berlin = _server.Packs(DemoKeys.PharmacyBerlin);
        var request = () => berlin.VerifyAsync(new VerifyRequest { ClientTransactionId = NewTransactionId(), Pack = Fields(serial) }).ResponseAsync;

        // Burst 3, then one a second: well before 50 quick calls one is refused, however slow the machine.
        RpcException? refused = null;
        for (var i = 0; i < 50 && refused is null; i++)
        {
            try
            {
                await request();
            }
            catch (RpcException exception)
            {
                refused = exception;
            }
        }

        var munich = await _server.Packs(DemoKeys.PharmacyMunich).VerifyAsync(new VerifyRequest { ClientTransactionId = NewTransactionId(), Pack = Fields(serial) });

        Assert.NotNull(refused);
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Equal("NMVS_FI_SE_CLI_01", refused.Trailers.GetValue("verifier-national-code"));
        Assert.Equal(Outcome.Success, munich.Result.Outcome);
    }

    [Fact]
    public async Task A_client_over_its_limit_gets_429_and_others_are_served()
    {
        using var rest = new RestCalls(_server);
        var serial = await NewPackAsync(_server);
        var verify = (string apiKey) => rest.Post("/v1/packs:verify", apiKey, new { clientTransactionId = NewTransactionId(), pack = new { scan = Scan(serial).Scan } });

        // Burst 3, then one a second: well before 50 quick calls one is refused, however slow the machine.
        RestAnswer? refused = null;
        for (var i = 0; i < 50 && refused is null; i++)
        {
            var answer = await verify(DemoKeys.PharmacyBerlin);
            if (answer.Status != HttpStatusCode.OK) refused = answer;
        }
        var munich = await verify(DemoKeys.PharmacyMunich);

        Assert.NotNull(refused);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal(8, refused.Json.GetProperty("code").GetInt32());
        Assert.Equal("NMVS_FI_SE_CLI_01", refused.Headers["verifier-national-code"]);
        Assert.Equal(HttpStatusCode.OK, munich.Status);
        Assert.Equal("OUTCOME_SUCCESS", munich.Str("result", "outcome"));
    }
}
