using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace Verifier.LoadTests.Harness;

/// <summary>
/// The servers under load: one or more addresses, several HTTP/2 connections each, used
/// round-robin per request, so instances behind the harness share the load as behind a balancer.
/// </summary>
internal sealed class Targets : IDisposable
{
    private readonly GrpcChannel[] _channels;
    private readonly ConcurrentDictionary<(int, string), CallInvoker> _invokers = new();
    private int _next = -1;

    public Targets(IReadOnlyList<string> addresses, int connectionsPerTarget)
    {
        Addresses = addresses;
        // One channel per connection: a channel multiplexes its calls over one HTTP/2 connection,
        // and a single connection serialises its frames on one socket.
        _channels = addresses.SelectMany(address => Enumerable.Range(0, connectionsPerTarget).Select(_ => GrpcChannel.ForAddress(address,
            new GrpcChannelOptions
            {
                MaxSendMessageSize = 16 * 1024 * 1024,
                HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan },
            }))).ToArray();
    }

    public IReadOnlyList<string> Addresses { get; }

    /// <summary>Connections over all targets.</summary>
    public int Connections => _channels.Length;

    /// <summary>The next connection's invoker, sending <paramref name="apiKey"/> (null: no key, for health checks).</summary>
    public CallInvoker Next(string? apiKey)
    {
        var index = (int)((uint)Interlocked.Increment(ref _next) % (uint)_channels.Length);
        return _invokers.GetOrAdd((index, apiKey ?? ""), key => key.Item2.Length == 0
            ? _channels[key.Item1].CreateCallInvoker()
            : _channels[key.Item1].Intercept(metadata =>
            {
                metadata.Add("x-api-key", key.Item2);
                return metadata;
            }));
    }

    public void Dispose()
    {
        foreach (var channel in _channels) channel.Dispose();
    }
}
