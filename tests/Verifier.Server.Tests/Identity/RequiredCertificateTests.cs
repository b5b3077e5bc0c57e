using Grpc.Core;
using Verifier.Server.Tests.Infrastructure;
using Verifier.Testing;
using Verifier.V1;

namespace Verifier.Server.Tests.Identity;

/// <summary>With ClientCertificateMode=RequireCertificate, a connection without a certificate fails its TLS handshake, whatever key it sends.</summary>
public sealed class RequiredCertificateTests : IAsyncLifetime
{
    private readonly TestCertificates _certificates = TestCertificates.Create();
    private VerifierServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await VerifierServer.StartAsync([.. _certificates.ServerArgs("RequireCertificate"), "--cache", "None"]);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _certificates.Dispose();
    }

    [Fact]
    public async Task Only_connections_with_a_certificate_get_through()
    {
        using var withCertificate = TestCertificates.SelfSignedClient("CN=operator-device");
        using var anonymous = _certificates.Channel(_server.Address, client: null);
        using var presenting = _certificates.Channel(_server.Address, withCertificate);

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            new AlertService.AlertServiceClient(TestCertificates.Invoker(anonymous, DemoKeys.Operator)).ListAlertsAsync(new ListAlertsRequest()).ResponseAsync);
        // The certificate gets the connection through; the (unregistered) certificate does not stand in the key's way.
        await new AlertService.AlertServiceClient(TestCertificates.Invoker(presenting, DemoKeys.Operator)).ListAlertsAsync(new ListAlertsRequest());

        // Under TLS 1.3 the client finishes its side of the handshake before the server checks for a certificate, so the
        // refusal reaches it either while connecting (Unavailable) or as the connection breaks under the request (Internal).
        Assert.Contains(refused.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });
    }
}
