using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;
using Verifier.Server.Hosting;

namespace Verifier.Server.Identity;

/// <summary>
/// Authenticates every call (API key and/or client certificate) and applies the client's rate limit.
/// Request streams are guarded: closed when idle, or when the caller is revoked while they are open.
/// Health and reflection stay open so load balancers and tools work without credentials.
/// </summary>
internal sealed class CallerInterceptor(
    CallerAuthentication authentication, CredentialCache credentials, ClientRateLimiter rateLimiter, IOptions<VerifierOptions> options,
    ILogger<CallerInterceptor> logger) : Interceptor
{
    private readonly TimeSpan _idleTimeout = options.Value.Streams.IdleTimeout;

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        await AuthenticateAsync(context);
        return await continuation(request, context);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (!await AuthenticateAsync(context)) return await continuation(requestStream, context);
        var guarded = new RequestStreamGuard<TRequest>(requestStream, _idleTimeout);
        using var watch = WatchRevocation(context, guarded.Revoke);
        return await continuation(guarded, context);
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
        if (!await AuthenticateAsync(context))
        {
            await continuation(requestStream, responseStream, context);
            return;
        }
        var guarded = new RequestStreamGuard<TRequest>(requestStream, _idleTimeout);
        using var watch = WatchRevocation(context, guarded.Revoke);
        await continuation(guarded, responseStream, context);
    }

    /// <returns>Whether the call needs credentials (false for health and reflection).</returns>
    private async Task<bool> AuthenticateAsync(ServerCallContext context)
    {
        if (context.Method.StartsWith("/grpc.health.", StringComparison.Ordinal)
            || context.Method.StartsWith("/grpc.reflection.", StringComparison.Ordinal))
        {
            return false;
        }
        var caller = await AuthenticateAgainAsync(context);
        rateLimiter.Demand(caller.ClientId);
        caller.AttachTo(context);
        return true;
    }

    private ValueTask<Caller> AuthenticateAgainAsync(ServerCallContext context) => authentication.AuthenticateAsync(
        context.RequestHeaders.GetValue(ApiKeys.Header), context.GetHttpContext().Connection.ClientCertificate, context.CancellationToken);

    /// <summary>A stream outlives its authentication: whenever anything is revoked, its credentials are checked again.</summary>
    private IDisposable WatchRevocation(ServerCallContext context, Action revoke) =>
        credentials.WatchRevocations(() => _ = RecheckAsync(context, revoke));

    private async Task RecheckAsync(ServerCallContext context, Action revoke)
    {
        try
        {
            await AuthenticateAgainAsync(context);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unauthenticated)
        {
            revoke();
        }
        catch (Exception exception) when (!context.CancellationToken.IsCancellationRequested)
        {
            // The store did not answer: the stream goes on, as every credential is looked up again at its next check.
            logger.LogWarning(exception, "Could not check the credentials of an open stream of {Method} again", context.Method);
        }
        catch (Exception)
        {
            // The call has ended meanwhile; nothing to close.
        }
    }
}
