using Verifier.Server.Hosting;

namespace Verifier.Server.Tests.Rest;

/// <summary>The plain-text REST listener beside the gRPC addresses: told apart by its port, so that port must be fixed; empty turns it off.</summary>
public sealed class RestListenerTests
{
    [Fact]
    public void A_REST_address_without_a_fixed_port_fails_the_start_with_the_reason()
    {
        var refused = Assert.Throws<InvalidOperationException>(() =>
            VerifierHost.Build(["--urls", "http://127.0.0.1:0", "--rest-url", "http://127.0.0.1:0", "--cache", "None", "--db", ":memory:"]));

        Assert.Contains("Verifier:Rest:Url", refused.Message);
        Assert.Contains("fixed port", refused.Message);
    }

    [Fact]
    public async Task An_empty_REST_address_leaves_only_the_gRPC_listener()
    {
        var directory = Directory.CreateTempSubdirectory("verifier-rest-off-").FullName;
        var app = VerifierHost.Build(["--urls", "http://127.0.0.1:0", "--rest-url=", "--cache", "None", "--db", Path.Combine(directory, "v.db"),
            "--Logging:LogLevel:Default=Warning"]);
        try
        {
            await app.StartAsync();
            Assert.Single(app.Urls);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Directory.Delete(directory, recursive: true);
        }
    }
}
