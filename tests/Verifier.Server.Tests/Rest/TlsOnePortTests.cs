using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Verifier.Server.Hosting;

namespace Verifier.Server.Tests.Rest;

/// <summary>
/// What README tells operators: a TLS endpoint in Kestrel:Endpoints with Http1AndHttp2 serves gRPC (HTTP/2) and REST
/// (HTTP/1.1) on one port, ALPN choosing per connection. The certificate is made here, for this test only.
/// </summary>
public sealed class TlsOnePortTests : IAsyncLifetime
{
    private const string Password = "test-only";

    private readonly string _directory = Directory.CreateTempSubdirectory("verifier-tls-").FullName;
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        var certificatePath = Path.Combine(_directory, "server.pfx");
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            await File.WriteAllBytesAsync(certificatePath, certificate.Export(X509ContentType.Pfx, Password));
        }
        _app = VerifierHost.Build([
            "--db", Path.Combine(_directory, "verifier.db"), "--cache", "None", "--demo", "--Logging:LogLevel:Default=Warning",
            "--Kestrel:Endpoints:Tls:Url=https://127.0.0.1:0", "--Kestrel:Endpoints:Tls:Protocols=Http1AndHttp2",
            $"--Kestrel:Endpoints:Tls:Certificate:Path={certificatePath}", $"--Kestrel:Endpoints:Tls:Certificate:Password={Password}",
        ]);
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task One_TLS_port_serves_gRPC_over_HTTP2_and_REST_over_HTTP1()
    {
        var address = Assert.Single(_app.Urls);
        using var http = new HttpClient(TrustingHandler()) { BaseAddress = new Uri(address) };
        using var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = TrustingHandler() });

        using var rest = new HttpRequestMessage(HttpMethod.Post, "/v1/packs:verify")
        {
            Content = JsonContent.Create(new { clientTransactionId = Guid.NewGuid().ToString("N"), pack = new { scan = "(01)04150123456782(17)491231(10)LOT-A(21)NONE" } }),
        };
        rest.Headers.Add("x-api-key", "demo-pharmacy-berlin");
        using var answer = await http.SendAsync(rest);
        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());

        Assert.StartsWith("https://", address);
        Assert.Equal(HttpVersion.Version11, answer.Version);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }

    // The certificate was made by this test a moment ago; nothing else could present it.
    private static SocketsHttpHandler TrustingHandler() => new() { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } };
}
