using Verifier.Core.Access;

namespace Verifier.Storage;

public sealed record ClientRecord(string ClientId, ClientRole Role, string LocationId, string DisplayName);

/// <summary>How a registered client certificate is recognised.</summary>
public enum CertificateMatch
{
    /// <summary>The certificate's SHA-256 thumbprint (upper-case hex): pins exactly one certificate.</summary>
    Thumbprint = 1,

    /// <summary>The certificate's subject, trusted only when its chain ends at a configured client CA.</summary>
    Subject = 2,
}

/// <summary>A certificate registered for a client: its thumbprint or its subject, in the server's canonical form.</summary>
public sealed record ClientCertificate(CertificateMatch Match, string Value);

public enum CertificateRegistration
{
    Registered,
    UnknownClient,

    /// <summary>Registered before, to this or another client, possibly revoked since: a revoked certificate stays revoked.</summary>
    Taken,
}

/// <summary>
/// Clients and their credentials: API keys (stored only as SHA-256 hashes) and client certificates.
/// A revoked client, key or certificate is kept (for the record) but never authenticates again;
/// every revocation advances the credentials epoch in its own transaction, so instances holding
/// credentials in memory can tell cheaply that they must look again.
/// </summary>
public interface IClientStore
{
    /// <summary>Creates the client (or fails when it exists) and stores the key hash.</summary>
    Task<bool> CreateAsync(ClientRecord client, string apiKeyHash, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Adds a key for an existing client (used to seed the documented demo keys).</summary>
    Task AddKeyAsync(string clientId, string apiKeyHash, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The client of an unrevoked key, unless the client is revoked.</summary>
    Task<ClientRecord?> FindByKeyHashAsync(string apiKeyHash, CancellationToken cancellationToken);

    /// <summary>
    /// The client of an unrevoked certificate registration matching the thumbprint, or else the
    /// subject (null when the certificate's chain is not trusted), unless the client is revoked. A
    /// revoked thumbprint shuts the certificate out even when its subject is registered.
    /// </summary>
    Task<ClientRecord?> FindByCertificateAsync(string thumbprint, string? trustedSubject, CancellationToken cancellationToken);

    /// <summary>The client with this id, or null (e.g. to check that a named product owner is an MAH).</summary>
    Task<ClientRecord?> FindAsync(string clientId, CancellationToken cancellationToken);

    Task<CertificateRegistration> RegisterCertificateAsync(string clientId, ClientCertificate certificate, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Revokes the client and thereby every credential of it; false when unknown or already revoked.</summary>
    Task<bool> RevokeClientAsync(string clientId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Revokes one key of the client; false when the client has no such unrevoked key.</summary>
    Task<bool> RevokeKeyAsync(string clientId, string apiKeyHash, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Revokes a certificate registration of the client; false when it has no such unrevoked one. A
    /// thumbprint never registered for it is recorded as revoked, so a CA-issued certificate of a
    /// registered subject can be shut out alone.
    /// </summary>
    Task<bool> RevokeCertificateAsync(string clientId, ClientCertificate certificate, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Advanced by every revocation; a cheap single-row read.</summary>
    Task<long> ReadCredentialsEpochAsync(CancellationToken cancellationToken);
}
