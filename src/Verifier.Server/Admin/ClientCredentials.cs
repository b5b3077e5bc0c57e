using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Verifier.Server.Auditing;
using Verifier.Server.Identity;
using Verifier.Storage;
using V1 = Verifier.V1;

namespace Verifier.Server.Admin;

/// <summary>
/// Operators register client certificates and revoke clients, keys and certificates. A revocation
/// answers only after <see cref="CredentialCache.RevocationBound"/> has passed since its commit: by
/// then no instance accepts the credential for a new call, and open streams of it are closed.
/// </summary>
internal sealed class ClientCredentials(IClientStore clients, CredentialCache credentials, OperationAudit audit, TimeProvider clock)
{
    public async Task<V1.RegisterClientCertificateResponse> RegisterAsync(Caller caller, V1.RegisterClientCertificateRequest request, CancellationToken cancellationToken)
    {
        var certificate = Parse(request.Certificate);
        switch (await clients.RegisterCertificateAsync(request.ClientId, certificate, clock.GetUtcNow(), cancellationToken))
        {
            case CertificateRegistration.UnknownClient:
                throw new RpcException(new Status(StatusCode.NotFound, $"Client {request.ClientId} does not exist."));
            case CertificateRegistration.Taken:
                throw new RpcException(new Status(StatusCode.AlreadyExists,
                    $"The certificate {Describe(certificate)} is registered already (or was revoked, and stays revoked)."));
        }
        await audit.RecordAsync(caller, "client:add-certificate", note: $"client {request.ClientId} {Describe(certificate)}", cancellationToken: cancellationToken);
        return new V1.RegisterClientCertificateResponse { ClientId = request.ClientId, Certificate = ToMessage(certificate) };
    }

    public async Task<V1.RevokeCredentialResponse> RevokeAsync(Caller caller, V1.RevokeCredentialRequest request, CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow();
        var (revoked, what) = request.CredentialCase switch
        {
            V1.RevokeCredentialRequest.CredentialOneofCase.WholeClient when request.WholeClient =>
                (await clients.RevokeClientAsync(request.ClientId, at, cancellationToken), "client"),
            V1.RevokeCredentialRequest.CredentialOneofCase.ApiKeySha256 when KeyHash(request.ApiKeySha256) is var hash =>
                (await clients.RevokeKeyAsync(request.ClientId, hash, at, cancellationToken), $"api key sha256 {hash}"),
            V1.RevokeCredentialRequest.CredentialOneofCase.Certificate when Parse(request.Certificate) is var certificate =>
                (await clients.RevokeCertificateAsync(request.ClientId, certificate, at, cancellationToken), Describe(certificate)),
            _ => throw Invalid("Say what to revoke: whole_client, api_key_sha256 or certificate."),
        };
        if (!revoked)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"Client {request.ClientId} has no unrevoked {what}."));
        }
        credentials.Forget();
        await audit.RecordAsync(caller, "client:revoke", note: $"client {request.ClientId} {what}", cancellationToken: cancellationToken);
        // Every other instance reads the credentials epoch within the bound; answering after it makes "revoked" mean revoked everywhere.
        await Task.Delay(credentials.RevocationBound, CancellationToken.None);
        return new V1.RevokeCredentialResponse { ClientId = request.ClientId };
    }

    private static ClientCertificate Parse(V1.ClientCertificateIdentity? identity) => identity?.MatchCase switch
    {
        V1.ClientCertificateIdentity.MatchOneofCase.ThumbprintSha256 => new ClientCertificate(CertificateMatch.Thumbprint, Thumbprint(identity.ThumbprintSha256)),
        V1.ClientCertificateIdentity.MatchOneofCase.Subject => new ClientCertificate(CertificateMatch.Subject, Subject(identity.Subject)),
        _ => throw Invalid("certificate: give thumbprint_sha256 or subject."),
    };

    private static V1.ClientCertificateIdentity ToMessage(ClientCertificate certificate) => certificate.Match == CertificateMatch.Thumbprint
        ? new V1.ClientCertificateIdentity { ThumbprintSha256 = certificate.Value }
        : new V1.ClientCertificateIdentity { Subject = certificate.Value };

    private static string Describe(ClientCertificate certificate) =>
        certificate.Match == CertificateMatch.Thumbprint ? $"certificate thumbprint {certificate.Value}" : $"certificate subject \"{certificate.Value}\"";

    private static string Thumbprint(string text) => HexSha256(text) ?? throw Invalid("thumbprint_sha256: 64 hex digits (SHA-256 of the certificate).");

    private static string KeyHash(string text) =>
        HexSha256(text)?.ToLowerInvariant() ?? throw Invalid("api_key_sha256: 64 hex digits (SHA-256 of the key).");

    private static string? HexSha256(string text)
    {
        var hex = text.Replace(":", "").Replace(" ", "").ToUpperInvariant();
        return hex.Length == 64 && hex.All(Uri.IsHexDigit) ? hex : null;
    }

    /// <summary>The canonical form .NET gives a certificate's subject, so the operator's spelling and the certificate's compare equal.</summary>
    private static string Subject(string text)
    {
        try
        {
            var name = new X500DistinguishedName(text).Name;
            return name.Length is > 0 and <= 400 ? name : throw Invalid("subject: a distinguished name of at most 400 characters, e.g. \"CN=apo-42, O=Apotheke 42, C=DE\".");
        }
        catch (CryptographicException)
        {
            throw Invalid("subject: not a distinguished name; e.g. \"CN=apo-42, O=Apotheke 42, C=DE\".");
        }
    }

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));
}
