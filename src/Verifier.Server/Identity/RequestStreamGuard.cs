using Grpc.Core;

namespace Verifier.Server.Identity;

/// <summary>
/// The request stream of an upload or bulk call, closed with a precise status when the client sends
/// nothing for the idle timeout while the server waits for its next message (Kestrel's minimum data
/// rate does not apply to gRPC streams, so nothing else would ever close it), or when the caller's
/// credentials are revoked while the stream is open.
/// </summary>
internal sealed class RequestStreamGuard<T>(IAsyncStreamReader<T> stream, TimeSpan idleTimeout) : IAsyncStreamReader<T>
{
    // Never disposed: it has no timer, and a revocation check may still cancel it after the call ended.
    private readonly CancellationTokenSource _revoked = new();

    public T Current => stream.Current;

    public void Revoke() => _revoked.Cancel();

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _revoked.Token);
        wait.CancelAfter(idleTimeout);
        try
        {
            return await stream.MoveNext(wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw _revoked.IsCancellationRequested
                ? new RpcException(new Status(StatusCode.Unauthenticated, "The credentials of this stream's client were revoked; the stream is closed."))
                : new RpcException(new Status(StatusCode.DeadlineExceeded,
                    $"Nothing received for {idleTimeout.TotalSeconds:0.###} s (Verifier:Streams:IdleTimeout); the stream is closed."));
        }
    }
}
