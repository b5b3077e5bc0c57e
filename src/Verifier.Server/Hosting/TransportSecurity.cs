using System.Security.Cryptography.X509Certificates;

namespace Verifier.Server.Hosting;

/// <summary>Kestrel's TLS (server certificate, client certificates) and connection limits, from the Verifier settings.</summary>
internal static class TransportSecurity
{
    public static void ConfigureTransport(this WebApplicationBuilder builder, VerifierOptions options)
    {
        var tls = options.Tls;
        var serverCertificate = string.IsNullOrEmpty(tls.CertificatePath) ? null : LoadServerCertificate(tls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var connections = options.Connections;
            kestrel.Limits.Http2.MaxStreamsPerConnection = connections.MaxStreamsPerConnection;
            kestrel.Limits.Http2.KeepAlivePingDelay = connections.KeepAlivePingDelay;
            kestrel.Limits.Http2.KeepAlivePingTimeout = connections.KeepAlivePingTimeout;
            kestrel.Limits.RequestHeadersTimeout = connections.RequestHeadersTimeout;
            kestrel.Limits.KeepAliveTimeout = connections.KeepAliveTimeout;
            kestrel.ConfigureHttpsDefaults(https =>
            {
                if (serverCertificate is not null) https.ServerCertificate = serverCertificate;
                https.ClientCertificateMode = tls.ClientCertificateMode;
                // Any certificate may complete the handshake: which ones authenticate (a pinned thumbprint, or a subject
                // under a configured CA) is decided per call against the operator's register, where revocation is immediate.
                https.AllowAnyClientCertificate();
            });
        });
    }

    private static X509Certificate2 LoadServerCertificate(TlsOptions tls)
    {
        var path = tls.CertificatePath!;
        if (string.IsNullOrEmpty(tls.KeyPath)) return X509CertificateLoader.LoadPkcs12FromFile(path, tls.CertificatePassword);
        return string.IsNullOrEmpty(tls.CertificatePassword)
            ? X509Certificate2.CreateFromPemFile(path, tls.KeyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(path, tls.CertificatePassword, tls.KeyPath);
    }
}
