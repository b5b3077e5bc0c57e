using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Verifier.Server.Hosting;

/// <summary>TLS for every https:// endpoint, and whether and how clients present certificates (docs: README, "TLS and client certificates").</summary>
public sealed class TlsOptions
{
    /// <summary>The server certificate: a PKCS#12 file (.pfx/.p12), or a PEM certificate with <see cref="KeyPath"/>. Empty: Kestrel's own configuration.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key of a PEM <see cref="CertificatePath"/>.</summary>
    public string? KeyPath { get; set; }

    /// <summary>Password of the PKCS#12 file or of an encrypted PEM key.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// AllowCertificate (default): a client may present a certificate, or authenticate by API key
    /// alone. RequireCertificate: the TLS handshake fails without one. NoCertificate: keys only.
    /// </summary>
    public ClientCertificateMode ClientCertificateMode { get; set; } = ClientCertificateMode.AllowCertificate;

    /// <summary>
    /// PEM file of the CAs whose client certificates may be matched by subject. Without it only
    /// thumbprint registrations match (pinning needs no chain: the operator registered that very certificate).
    /// </summary>
    public string? ClientCertificateAuthorities { get; set; }
}

public sealed class IdentityOptions
{
    /// <summary>
    /// The longest any instance may go on accepting a revoked credential: each instance reads the
    /// credentials epoch four times within it, and uses a remembered credential only while its last
    /// read started within it. RevokeCredential answers only after it has passed.
    /// </summary>
    public TimeSpan RevocationBound { get; set; } = TimeSpan.FromSeconds(1);
}

public sealed class StreamOptions
{
    /// <summary>
    /// An upload or bulk stream on which the client sends nothing for this long, while the server
    /// waits for its next message, is closed with DEADLINE_EXCEEDED (its resources and upload rows freed).
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Kestrel's connection limits, set deliberately (README, Configuration, explains each).</summary>
public sealed class ConnectionOptions
{
    /// <summary>Concurrent HTTP/2 streams (calls) one connection may open; a terminal needs a handful, a bulk station 64 in flight over one stream.</summary>
    public int MaxStreamsPerConnection { get; set; } = 100;

    /// <summary>An HTTP/2 PING after this long without frames, so dead peers (a pharmacy's NAT that forgot the connection) are found.</summary>
    public TimeSpan KeepAlivePingDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A connection whose PING is not answered within this is closed.</summary>
    public TimeSpan KeepAlivePingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>A client must send a request's headers within this (slow-header attacks).</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A connection with no open call is closed after this long.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
