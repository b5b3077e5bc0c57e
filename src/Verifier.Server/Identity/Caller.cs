using Grpc.Core;
using Verifier.Core.Access;
using Verifier.Storage;

namespace Verifier.Server.Identity;

/// <summary>The authenticated client behind a call, put on the call by <see cref="CallerInterceptor"/>.</summary>
internal sealed record Caller(string ClientId, ClientRole Role, string LocationId)
{
    private const string Key = "verifier-caller";

    public static Caller From(ClientRecord client) => new(client.ClientId, client.Role, client.LocationId);

    /// <summary>This caller's transaction at <paramref name="at"/>, under a new system transaction id.</summary>
    public TransactionContext Context(DateTimeOffset at, string? clientTransactionId = null, string? userId = null) =>
        new(Identifiers.NewSystemTransactionId(at), clientTransactionId, at, ClientId, Role, LocationId, userId);

    public static Caller Of(ServerCallContext context) =>
        context.UserState.TryGetValue(Key, out var caller) && caller is Caller c
            ? c
            : throw new RpcException(new Status(StatusCode.Unauthenticated, "No authenticated caller."));

    public void AttachTo(ServerCallContext context) => context.UserState[Key] = this;

    /// <summary>Throws PermissionDenied unless the role allows the operation.</summary>
    public void Demand(Operation operation)
    {
        if (!Permissions.Allows(Role, operation))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"A {Role} client may not {operation}."));
        }
    }
}
