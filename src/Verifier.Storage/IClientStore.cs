using Verifier.Core.Access;

namespace Verifier.Storage;

public sealed record ClientRecord(string ClientId, ClientRole Role, string LocationId, string DisplayName);

/// <summary>Clients and their API keys; keys are stored only as SHA-256 hashes.</summary>
public interface IClientStore
{
    /// <summary>Creates the client (or fails when it exists) and stores the key hash.</summary>
    Task<bool> CreateAsync(ClientRecord client, string apiKeyHash, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Adds a key for an existing client (used to seed the documented demo keys).</summary>
    Task AddKeyAsync(string clientId, string apiKeyHash, DateTimeOffset at, CancellationToken cancellationToken);

    Task<ClientRecord?> FindByKeyHashAsync(string apiKeyHash, CancellationToken cancellationToken);

    /// <summary>The client with this id, or null (e.g. to check that a named product owner is an MAH).</summary>
    Task<ClientRecord?> FindAsync(string clientId, CancellationToken cancellationToken);
}
