using System.Security.Cryptography.X509Certificates;
using Verifier.Server.Hosting;
using Verifier.Testing;

namespace Verifier.Cli.Tests;

/// <summary>
/// An operator session against the real server with TLS: create a client, register its certificate
/// from a file, call with the certificate alone (PKCS#12, then PEM + key), revoke it.
/// </summary>
public sealed class ClientCertificateSessionTests : IAsyncLifetime
{
    private readonly TestCertificates _certificates = TestCertificates.Create();
    private Microsoft.AspNetCore.Builder.WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        _app = VerifierHost.Build([.. _certificates.ServerArgs(), "--db", Path.Combine(_certificates.Directory, "v.db"), "--demo",
            "--cache", "None", "--Logging:LogLevel:Default=Warning"]);
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _certificates.Dispose();
    }

    [Fact]
    public async Task A_client_authenticates_with_its_certificate_until_an_operator_revokes_it()
    {
        using var certificate = _certificates.IssueClient("CN=apo-cli");
        var pfx = Write("apo.pfx", certificate.Export(X509ContentType.Pkcs12));
        var pem = Write("apo.pem", certificate.ExportCertificatePem());
        var key = Write("apo.key", certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());

        Assert.Equal(0, (await Run("client", "create", "--id", "apo-cli", "--role", "pharmacy", "--location", "PH-CLI", "--api-key", "demo-operator")).ExitCode);
        var registered = await Run("client", "add-cert", "--id", "apo-cli", "--from", pem, "--api-key", "demo-operator");
        var byPfx = await Run("alerts", "list", "--cert", pfx);
        var byPem = await Run("alerts", "list", "--cert", pem, "--cert-key", key);
        var revoked = await Run("client", "revoke", "--id", "apo-cli", "--from", pem, "--api-key", "demo-operator");
        var refused = await Run("alerts", "list", "--cert", pfx);

        Assert.Equal(0, registered.ExitCode);
        Assert.Contains(TestCertificates.Thumbprint(certificate), registered.Output);
        Assert.Equal(0, byPfx.ExitCode);
        Assert.Equal(0, byPem.ExitCode);
        Assert.Equal(0, revoked.ExitCode);
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("Unauthenticated", refused.Error);
    }

    [Fact]
    public async Task The_help_describes_the_certificate_options_and_a_bad_certificate_file_is_a_usage_error()
    {
        var help = await CliRun.OfAsync("verify", "--help");
        var bad = await Run("alerts", "list", "--cert", Write("not-a-certificate.pfx", "nonsense"u8.ToArray()));

        Assert.Contains("--cert", help.Output);
        Assert.Contains("--cert-key", help.Output);
        Assert.Contains("mTLS", help.Output);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--cert", bad.Error);
    }

    private Task<CliRun> Run(params string[] args) =>
        CliRun.OfAsync([.. args, "--server", _app.Urls.First(), "--server-ca", Write("server.pem", _certificates.Server.ExportCertificatePem())]);

    private string Write(string name, string text) => Write(name, System.Text.Encoding.ASCII.GetBytes(text));

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_certificates.Directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
