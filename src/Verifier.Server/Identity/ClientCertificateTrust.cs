using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Verifier.Server.Hosting;

namespace Verifier.Server.Identity;

/// <summary>
/// What a presented client certificate can be matched by: always its SHA-256 thumbprint (the
/// operator pinned that very certificate), and its subject only when its chain ends at one of the
/// configured client CAs (anyone can make a certificate with any subject).
/// </summary>
internal sealed class ClientCertificateTrust
{
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    private readonly X509Certificate2Collection _authorities = [];

    public ClientCertificateTrust(IOptions<VerifierOptions> options)
    {
        var path = options.Value.Tls.ClientCertificateAuthorities;
        if (string.IsNullOrEmpty(path)) return;
        _authorities.ImportFromPemFile(path);
        if (_authorities.Count == 0) throw new InvalidOperationException($"Verifier:Tls:ClientCertificateAuthorities: no certificate in {path}.");
    }

    public static string Thumbprint(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    public static bool IsValidAt(X509Certificate2 certificate, DateTimeOffset at) =>
        at.UtcDateTime >= certificate.NotBefore.ToUniversalTime() && at.UtcDateTime <= certificate.NotAfter.ToUniversalTime();

    /// <summary>The certificate's subject when its chain ends at a configured CA at <paramref name="at"/>, otherwise null.</summary>
    public string? TrustedSubject(X509Certificate2 certificate, DateTimeOffset at)
    {
        if (_authorities.Count == 0) return null;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        // Revocation is the operator's register (immediate, no network call on the authentication path), not CRL/OCSP.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuthentication);
        chain.ChainPolicy.VerificationTime = at.UtcDateTime;
        return chain.Build(certificate) ? certificate.SubjectName.Name : null;
    }
}
