using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using Verifier.Server.Tests.Bulk;
using Verifier.Server.Tests.Infrastructure;
using Verifier.Testing;
using Verifier.V1;
using static Verifier.Server.Tests.Infrastructure.Catalog;

namespace Verifier.Server.Tests.Identity;

/// <summary>The real server with TLS on a loopback port, certificates made by the test.</summary>
public sealed class TlsServerFixture : IAsyncLifetime
{
    public TestCertificates Certificates { get; } = TestCertificates.Create();

    public VerifierServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await VerifierServer.StartAsync([.. Certificates.ServerArgs(), "--cache", "None"]);
        await SeedAsync(Server);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Certificates.Dispose();
    }
}

/// <summary>
/// Client certificates (mTLS): pinned by thumbprint or matched by subject under the client CA,
/// instead of or besides the API key; revocation by an operator refuses the next call at once.
/// </summary>
public sealed class MutualTlsTests(TlsServerFixture fixture) : IClassFixture<TlsServerFixture>, IDisposable
{
    private readonly List<GrpcChannel> _channels = [];

    private TestCertificates Certificates => fixture.Certificates;

    private AdminService.AdminServiceClient Operator => new(TestCertificates.Invoker(Open(null), DemoKeys.Operator));

    [Fact]
    public async Task A_pinned_self_signed_certificate_authenticates_without_a_key_once_registered()
    {
        var (clientId, _) = await NewClientAsync();
        using var certificate = TestCertificates.SelfSignedClient($"CN={clientId}");
        var alerts = Alerts(certificate, apiKey: null);

        var before = await Assert.ThrowsAsync<RpcException>(() => alerts.ListAlertsAsync(new ListAlertsRequest()).ResponseAsync);
        await RegisterAsync(clientId, new ClientCertificateIdentity { ThumbprintSha256 = TestCertificates.Thumbprint(certificate) });
        var after = await alerts.ListAlertsAsync(new ListAlertsRequest());

        Assert.Equal(StatusCode.Unauthenticated, before.StatusCode);
        Assert.Contains("not registered", before.Status.Detail);
        Assert.Empty(after.Alerts);
    }

    [Fact]
    public async Task A_subject_matches_certificates_of_the_client_CA_only()
    {
        var (clientId, _) = await NewClientAsync();
        var subject = $"CN={clientId}, O=Apotheke Test, C=DE";
        using var issued = Certificates.IssueClient(subject);
        using var forged = TestCertificates.SelfSignedClient(subject);
        await RegisterAsync(clientId, new ClientCertificateIdentity { Subject = subject });

        var serial = await NewPackAsync(fixture.Server);
        var verified = await Packs(issued, apiKey: null).VerifyAsync(new VerifyRequest { ClientTransactionId = NewTransactionId(), Pack = Fields(serial) });
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            Packs(forged, apiKey: null).VerifyAsync(new VerifyRequest { ClientTransactionId = NewTransactionId(), Pack = Fields(serial) }).ResponseAsync);

        Assert.Equal(Outcome.Success, verified.Result.Outcome);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
    }

    [Fact]
    public async Task A_revoked_certificate_is_refused_at_once_while_the_key_works_until_the_client_is_revoked()
    {
        var (clientId, key) = await NewClientAsync();
        using var certificate = Certificates.IssueClient($"CN={clientId}");
        var thumbprint = new ClientCertificateIdentity { ThumbprintSha256 = TestCertificates.Thumbprint(certificate) };
        await RegisterAsync(clientId, thumbprint);
        var byCertificate = Alerts(certificate, apiKey: null);
        var byKey = Alerts(client: null, key);
        await byCertificate.ListAlertsAsync(new ListAlertsRequest());
        await byKey.ListAlertsAsync(new ListAlertsRequest());

        await Operator.RevokeCredentialAsync(new RevokeCredentialRequest { ClientId = clientId, Certificate = thumbprint });
        var certificateRefused = await Assert.ThrowsAsync<RpcException>(() => byCertificate.ListAlertsAsync(new ListAlertsRequest()).ResponseAsync);
        await byKey.ListAlertsAsync(new ListAlertsRequest());
        await Operator.RevokeCredentialAsync(new RevokeCredentialRequest { ClientId = clientId, WholeClient = true });
        var keyRefused = await Assert.ThrowsAsync<RpcException>(() => byKey.ListAlertsAsync(new ListAlertsRequest()).ResponseAsync);
        var again = await Assert.ThrowsAsync<RpcException>(() =>
            Operator.RevokeCredentialAsync(new RevokeCredentialRequest { ClientId = clientId, WholeClient = true }).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, certificateRefused.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, keyRefused.StatusCode);
        Assert.Equal(StatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task A_key_and_a_certificate_of_different_clients_are_refused()
    {
        var (clientId, _) = await NewClientAsync();
        using var certificate = TestCertificates.SelfSignedClient($"CN={clientId}");
        await RegisterAsync(clientId, new ClientCertificateIdentity { ThumbprintSha256 = TestCertificates.Thumbprint(certificate) });

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            Alerts(certificate, DemoKeys.PharmacyBerlin).ListAlertsAsync(new ListAlertsRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Contains("different clients", refused.Status.Detail);
    }

    [Fact]
    public async Task An_open_bulk_stream_is_closed_when_its_client_is_revoked()
    {
        var (clientId, _) = await NewClientAsync(ClientRole.Wholesaler);
        using var certificate = TestCertificates.SelfSignedClient($"CN={clientId}");
        await RegisterAsync(clientId, new ClientCertificateIdentity { ThumbprintSha256 = TestCertificates.Thumbprint(certificate) });
        var bulk = new BulkService.BulkServiceClient(TestCertificates.Invoker(Open(certificate), apiKey: null));
        using var call = bulk.StreamPackOperations();
        var serial = await NewPackAsync(fixture.Server);
        await call.RequestStream.WriteAsync(new StreamPackOperationsRequest { Operation = BulkCalls.Verify(Fields(serial)) });
        Assert.True(await call.ResponseStream.MoveNext());

        await Operator.RevokeCredentialAsync(new RevokeCredentialRequest { ClientId = clientId, WholeClient = true });
        var closed = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        Assert.Equal(StatusCode.Unauthenticated, closed.StatusCode);
        Assert.Contains("revoked", closed.Status.Detail);
    }

    [Fact]
    public async Task Registrations_are_checked_and_a_revoked_certificate_stays_revoked()
    {
        var (clientId, _) = await NewClientAsync();
        var thumbprint = new ClientCertificateIdentity { ThumbprintSha256 = new string('a', 64) };
        var registered = await Operator.RegisterClientCertificateAsync(new RegisterClientCertificateRequest { ClientId = clientId, Certificate = thumbprint });
        await Operator.RevokeCredentialAsync(new RevokeCredentialRequest { ClientId = clientId, Certificate = thumbprint });

        async Task<StatusCode> Register(string id, ClientCertificateIdentity identity) => (await Assert.ThrowsAsync<RpcException>(() =>
            Operator.RegisterClientCertificateAsync(new RegisterClientCertificateRequest { ClientId = id, Certificate = identity }).ResponseAsync)).StatusCode;

        Assert.Equal(new string('A', 64), registered.Certificate.ThumbprintSha256);
        Assert.Equal(StatusCode.AlreadyExists, await Register(clientId, thumbprint));
        Assert.Equal(StatusCode.NotFound, await Register("no-such-client", new ClientCertificateIdentity { Subject = "CN=x" }));
        Assert.Equal(StatusCode.InvalidArgument, await Register(clientId, new ClientCertificateIdentity { ThumbprintSha256 = "12ab" }));
        Assert.Equal(StatusCode.InvalidArgument, await Register(clientId, new ClientCertificateIdentity()));
    }

    public void Dispose()
    {
        foreach (var channel in _channels) channel.Dispose();
    }

    private async Task<(string ClientId, string ApiKey)> NewClientAsync(ClientRole role = ClientRole.Pharmacy)
    {
        var id = "tls-" + Guid.NewGuid().ToString("N")[..10];
        var created = await Operator.CreateClientAsync(new CreateClientRequest { ClientId = id, Role = role, LocationId = "PH-" + id });
        return (id, created.ApiKey);
    }

    private Task RegisterAsync(string clientId, ClientCertificateIdentity certificate) =>
        Operator.RegisterClientCertificateAsync(new RegisterClientCertificateRequest { ClientId = clientId, Certificate = certificate }).ResponseAsync;

    private AlertService.AlertServiceClient Alerts(X509Certificate2? client, string? apiKey) => new(TestCertificates.Invoker(Open(client), apiKey));

    private PackService.PackServiceClient Packs(X509Certificate2? client, string? apiKey) => new(TestCertificates.Invoker(Open(client), apiKey));

    private GrpcChannel Open(X509Certificate2? client)
    {
        var channel = Certificates.Channel(fixture.Server.Address, client);
        _channels.Add(channel);
        return channel;
    }
}
