using System.Text.RegularExpressions;
using Grpc.Core;
using Verifier.Core.Access;
using Verifier.Server.Auditing;
using Verifier.Server.Identity;
using Verifier.Storage;
using V1 = Verifier.V1;

namespace Verifier.Server.Admin;

/// <summary>Client registration by operators; the new key is returned once and kept only as a hash. Certificates and revocation: <see cref="ClientCredentials"/>.</summary>
internal sealed partial class AdminGrpcService(IClientStore clients, ClientCredentials credentials, OperationAudit audit, TimeProvider clock)
    : V1.AdminService.AdminServiceBase
{
    public override async Task<V1.CreateClientResponse> CreateClient(V1.CreateClientRequest request, ServerCallContext context)
    {
        var caller = Operator(context);
        if (!ClientIdPattern().IsMatch(request.ClientId))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "client_id: 1 to 64 letters, digits, '-', '_' or '.'."));
        }
        if (request.Role == V1.ClientRole.Unspecified || !Enum.IsDefined(request.Role))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "role is required."));
        }
        if (string.IsNullOrWhiteSpace(request.LocationId) || request.LocationId.Length > 64)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "location_id is required (at most 64 characters)."));
        }
        if (request.DisplayName.Length > 200)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "display_name is longer than 200 characters."));
        }
        var key = ApiKeys.NewKey();
        var client = new ClientRecord(request.ClientId, (ClientRole)(int)request.Role, request.LocationId, request.DisplayName);
        var at = clock.GetUtcNow();
        if (!await clients.CreateAsync(client, ApiKeys.Hash(key), at, context.CancellationToken))
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists, $"Client {request.ClientId} exists."));
        }
        await audit.RecordAsync(caller, "client:create",
            note: $"client {client.ClientId} role {client.Role} location {client.LocationId}", cancellationToken: context.CancellationToken);
        return new V1.CreateClientResponse { ClientId = client.ClientId, ApiKey = key };
    }

    public override Task<V1.RegisterClientCertificateResponse> RegisterClientCertificate(V1.RegisterClientCertificateRequest request, ServerCallContext context) =>
        credentials.RegisterAsync(Operator(context), request, context.CancellationToken);

    public override Task<V1.RevokeCredentialResponse> RevokeCredential(V1.RevokeCredentialRequest request, ServerCallContext context) =>
        credentials.RevokeAsync(Operator(context), request, context.CancellationToken);

    private static Caller Operator(ServerCallContext context)
    {
        var caller = Caller.Of(context);
        caller.Demand(Operation.ManageClients);
        return caller;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex ClientIdPattern();
}
