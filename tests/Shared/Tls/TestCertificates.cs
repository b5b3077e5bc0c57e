using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace Verifier.Testing;

/// <summary>
/// Certificates made for one test run, in memory (nothing checked in): a server certificate for
/// 127.0.0.1, a client CA, and client certificates issued by it or self-signed. The server reads
/// its certificate and the CA from files written to the test's own folder.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    private TestCertificates(string directory, X509Certificate2 server, X509Certificate2 clientAuthority)
    {
        Directory = directory;
        Server = server;
        ClientAuthority = clientAuthority;
    }

    public string Directory { get; }

    public X509Certificate2 Server { get; }

    public X509Certificate2 ClientAuthority { get; }

    public string ServerPfxPath => Path.Combine(Directory, "server.pfx");

    public string ClientAuthorityPemPath => Path.Combine(Directory, "client-ca.pem");

    /// <summary>Server arguments: TLS on a loopback port with these certificates.</summary>
    public string[] ServerArgs(string clientCertificateMode = "AllowCertificate") =>
    [
        "--urls", "https://127.0.0.1:0",
        $"--Verifier:Tls:CertificatePath={ServerPfxPath}",
        $"--Verifier:Tls:ClientCertificateAuthorities={ClientAuthorityPemPath}",
        $"--Verifier:Tls:ClientCertificateMode={clientCertificateMode}",
    ];

    public static TestCertificates Create()
    {
        var directory = Path.Combine(Path.GetTempPath(), "verifier-tests", "tls-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=verifier.test", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication], false));
        var server = Reloaded(serverRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30)));
        File.WriteAllBytes(Path.Combine(directory, "server.pfx"), server.Export(X509ContentType.Pkcs12));

        using var authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var authorityRequest = new CertificateRequest("CN=Verifier Test Client CA, O=NMVO, C=DE", authorityKey, HashAlgorithmName.SHA256);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        authorityRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(authorityRequest.PublicKey, false));
        var authority = Reloaded(authorityRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(60)));
        File.WriteAllText(Path.Combine(directory, "client-ca.pem"), authority.ExportCertificatePem());

        return new TestCertificates(directory, server, authority);
    }

    /// <summary>A client certificate issued by the client CA (matchable by subject).</summary>
    public X509Certificate2 IssueClient(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = ClientRequest(subject, key);
        using var issued = request.Create(ClientAuthority, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(7), RandomNumberGenerator.GetBytes(12));
        return Reloaded(issued.CopyWithPrivateKey(key));
    }

    /// <summary>A self-signed client certificate: authenticates only if its thumbprint is registered.</summary>
    public static X509Certificate2 SelfSignedClient(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return Reloaded(ClientRequest(subject, key).CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(7)));
    }

    public static string Thumbprint(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    /// <summary>A channel to the TLS server trusting exactly its certificate, presenting <paramref name="client"/> if given.</summary>
    public GrpcChannel Channel(string address, X509Certificate2? client) => GrpcChannel.ForAddress(address, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == Server.GetCertHashString(),
                LocalCertificateSelectionCallback = client is null ? null : (_, _, _, _, _) => client,
                ClientCertificates = client is null ? null : [client],
            },
        },
    });

    public static CallInvoker Invoker(GrpcChannel channel, string? apiKey) => apiKey is null
        ? channel.CreateCallInvoker()
        : channel.Intercept(metadata =>
        {
            metadata.Add("x-api-key", apiKey);
            return metadata;
        });

    public void Dispose()
    {
        Server.Dispose();
        ClientAuthority.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static CertificateRequest ClientRequest(string subject, ECDsa key)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ClientAuthentication], false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        return request;
    }

    /// <summary>Through PKCS#12 and back, so the private key is one TLS can use on every platform.</summary>
    private static X509Certificate2 Reloaded(X509Certificate2 certificate)
    {
        using (certificate) return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
