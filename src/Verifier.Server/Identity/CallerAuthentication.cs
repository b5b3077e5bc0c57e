using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Verifier.Storage;

namespace Verifier.Server.Identity;

/// <summary>
/// Who is calling: the client of the API key, of the client certificate, or of both (then they must
/// name the same client). A certificate that matches nothing does not refuse a call that has a valid
/// key: a revoked certificate stops authenticating, the client's key goes on working until it is
/// revoked too (revoke the client to shut it out at once).
/// </summary>
internal sealed class CallerAuthentication(IClientStore clients, CredentialCache credentials, ClientCertificateTrust trust, TimeProvider clock)
{
    private const int MaxKeyLength = 256;

    /// <exception cref="RpcException">UNAUTHENTICATED, saying what was wrong.</exception>
    public async ValueTask<Caller> AuthenticateAsync(string? apiKey, X509Certificate2? certificate, CancellationToken cancellationToken)
    {
        var byKey = string.IsNullOrEmpty(apiKey) ? null : await ByKeyAsync(apiKey, cancellationToken) ?? throw Refused("Unknown or revoked API key.");
        var byCertificate = certificate is null ? null : await ByCertificateAsync(certificate, cancellationToken);
        if (byKey is not null && byCertificate is not null && byKey.ClientId != byCertificate.ClientId)
        {
            throw Refused("The API key and the client certificate belong to different clients.");
        }
        return byKey ?? byCertificate ?? throw Refused(certificate is null
            ? $"Send your API key in the '{ApiKeys.Header}' metadata header, or present a registered client certificate."
            : "The client certificate is not registered for a client, or was revoked, or is not valid now; "
              + $"an operator registers it with `verifier client add-cert` (or send an API key in '{ApiKeys.Header}').");
    }

    private ValueTask<Caller?> ByKeyAsync(string apiKey, CancellationToken cancellationToken)
    {
        if (apiKey.Length > MaxKeyLength) throw Refused("Unknown or revoked API key.");
        var hash = ApiKeys.Hash(apiKey);
        return credentials.FindAsync(CredentialCache.CredentialKind.ApiKeyHash, hash, () => clients.FindByKeyHashAsync(hash, cancellationToken));
    }

    private ValueTask<Caller?> ByCertificateAsync(X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!ClientCertificateTrust.IsValidAt(certificate, now)) return ValueTask.FromResult<Caller?>(null);
        var thumbprint = ClientCertificateTrust.Thumbprint(certificate);
        // The chain is built only when the store must be asked, not on every call.
        return credentials.FindAsync(CredentialCache.CredentialKind.CertificateThumbprint, thumbprint,
            () => clients.FindByCertificateAsync(thumbprint, trust.TrustedSubject(certificate, now), cancellationToken));
    }

    private static RpcException Refused(string message) => new(new Status(StatusCode.Unauthenticated, message));
}
