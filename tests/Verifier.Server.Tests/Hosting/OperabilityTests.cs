using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using Verifier.Server.Tests.Infrastructure;

namespace Verifier.Server.Tests.Hosting;

/// <summary>What operators and tools expect without an API key: the gRPC health protocol and server reflection.</summary>
public sealed class OperabilityTests(EmbeddedGarnetFixture fixture) : IClassFixture<EmbeddedGarnetFixture>
{
    [Fact]
    public async Task Health_reports_serving_without_a_key()
    {
        var health = new Health.HealthClient(fixture.Server.Invoker(null));

        // NOT_SERVING until the warm-up is done (a load balancer waits for it); bounded polling.
        var reply = await health.CheckAsync(new HealthCheckRequest());
        for (var poll = 0; poll < 300 && reply.Status != HealthCheckResponse.Types.ServingStatus.Serving; poll++)
        {
            await Task.Delay(100);
            reply = await health.CheckAsync(new HealthCheckRequest());
        }

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task Reflection_lists_the_verifier_services()
    {
        var reflection = new ServerReflection.ServerReflectionClient(fixture.Server.Invoker(null));
        using var call = reflection.ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();

        Assert.Contains("verifier.v1.PackService", services);
        Assert.Contains("verifier.v1.AlertService", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }
}
