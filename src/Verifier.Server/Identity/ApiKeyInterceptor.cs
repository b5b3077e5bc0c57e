using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Verifier.Storage;

namespace Verifier.Server.Identity;

/// <summary>
/// Authenticates every call by its API key and applies the client's rate limit. Health and reflection stay open so load balancers and
/// tools work without a key. Known keys are remembered briefly so the hot path is a dictionary hit.
/// </summary>
internal sealed class ApiKeyInterceptor(IClientStore clients, ClientRateLimiter rateLimiter, TimeProvider clock) : Interceptor
{
    private static readonly TimeSpan Remember = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (Caller Caller, DateTimeOffset Until)> _known = new();

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        await AuthenticateAsync(context);
        return await continuation(request, context);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthenticateAsync(context);
        return await continuation(requestStream, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthenticateAsync(context);
        await continuation(request, responseStream, context);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthenticateAsync(context);
        await continuation(requestStream, responseStream, context);
    }

    private async Task AuthenticateAsync(ServerCallContext context)
    {
        if (context.Method.StartsWith("/grpc.health.", StringComparison.Ordinal)
            || context.Method.StartsWith("/grpc.reflection.", StringComparison.Ordinal))
        {
            return;
        }
        var key = context.RequestHeaders.GetValue(ApiKeys.Header);
        if (string.IsNullOrEmpty(key) || key.Length > 256)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, $"Send your API key in the '{ApiKeys.Header}' metadata header."));
        }
        var hash = ApiKeys.Hash(key);
        var now = clock.GetUtcNow();
        if (!_known.TryGetValue(hash, out var known) || known.Until < now)
        {
            var client = await clients.FindByKeyHashAsync(hash, context.CancellationToken)
                ?? throw new RpcException(new Status(StatusCode.Unauthenticated, "Unknown API key."));
            known = (Caller.From(client), now + Remember);
            _known[hash] = known;
        }
        rateLimiter.Demand(known.Caller.ClientId);
        known.Caller.AttachTo(context);
    }
}
