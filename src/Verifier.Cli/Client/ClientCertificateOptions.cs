using System.CommandLine;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Verifier.Cli.Client;

/// <summary>
/// TLS options shared by every command that calls the server: a client certificate to authenticate
/// with (instead of or besides --api-key), and the CA to trust for a server with a private certificate.
/// </summary>
internal static class ClientCertificateOptions
{
    public static readonly Option<string?> Certificate = new("--cert")
    {
        Description = "Client certificate for mTLS: PKCS#12 (.pfx/.p12) or PEM with --cert-key (env VERIFIER_CERT); use with an https:// --server",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("VERIFIER_CERT"),
        Recursive = true,
    };

    public static readonly Option<string?> CertificateKey = new("--cert-key")
    {
        Description = "PEM private key of a PEM --cert (env VERIFIER_CERT_KEY); a password comes from env VERIFIER_CERT_PASSWORD",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("VERIFIER_CERT_KEY"),
        Recursive = true,
    };

    public static readonly Option<string?> ServerAuthority = new("--server-ca")
    {
        Description = "PEM file of the CA that issued the server's certificate, when it is not in the system's trust store (env VERIFIER_SERVER_CA)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("VERIFIER_SERVER_CA"),
        Recursive = true,
    };

    public static IEnumerable<Option> All => [Certificate, CertificateKey, ServerAuthority];

    /// <summary>The HTTP handler of a channel with these options.</summary>
    /// <exception cref="InvalidDataException">A file could not be read as a certificate or key (a usage error).</exception>
    public static SocketsHttpHandler Handler(ParseResult parse)
    {
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        try
        {
            if (parse.GetValue(Certificate) is { Length: > 0 } path)
            {
                var client = Load(path, parse.GetValue(CertificateKey), Environment.GetEnvironmentVariable("VERIFIER_CERT_PASSWORD"));
                handler.SslOptions.ClientCertificates = [client];
                // Offered whatever CAs the server names: the server matches it against its own register.
                handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => client;
            }
            if (parse.GetValue(ServerAuthority) is { Length: > 0 } authorityPath)
            {
                var authorities = new X509Certificate2Collection();
                authorities.ImportFromPemFile(authorityPath);
                handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    certificate is not null && TrustedBy(authorities, X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()), errors);
            }
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"--cert/--cert-key/--server-ca: {e.Message}", e);
        }
        return handler;
    }

    private static X509Certificate2 Load(string path, string? keyPath, string? password)
    {
        if (string.IsNullOrEmpty(keyPath)) return X509CertificateLoader.LoadPkcs12FromFile(path, password);
        var pem = string.IsNullOrEmpty(password)
            ? X509Certificate2.CreateFromPemFile(path, keyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath);
        // Through PKCS#12, so TLS can use the key on every platform.
        using (pem) return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>The server's name must match as always; only the chain ends at the given CA instead of the system's roots.</summary>
    private static bool TrustedBy(X509Certificate2Collection authorities, X509Certificate2 certificate, SslPolicyErrors errors)
    {
        if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
