using Verifier.Testing;

namespace Verifier.Cache.Tests;

/// <summary>A RESP server a test can stop and bring back on the same port, to simulate an outage.</summary>
public interface ICacheBackend : IAsyncDisposable
{
    string Configuration { get; }

    void Stop();

    /// <summary>Starts again on the same port, empty (neither backend persists anything).</summary>
    void Restart();
}

internal sealed class GarnetBackend : ICacheBackend
{
    private static readonly EmbeddedGarnetOptions SmallServer = new() { MemoryBytes = 16L << 20, IndexBytes = 1L << 20 };

    private EmbeddedGarnetServer? _server = EmbeddedGarnetServer.Start(SmallServer);
    private readonly int _port;

    public GarnetBackend() => _port = _server!.Port;

    public string Configuration => $"127.0.0.1:{_port}";

    public void Stop()
    {
        _server?.Dispose();
        _server = null;
    }

    public void Restart()
    {
        Stop();
        _server = EmbeddedGarnetServer.Start(new EmbeddedGarnetOptions
        {
            Port = _port, MemoryBytes = SmallServer.MemoryBytes, IndexBytes = SmallServer.IndexBytes,
        });
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }
}

internal sealed class RedisBackend(RedisServerProcess server) : ICacheBackend
{
    public string Configuration => server.Configuration;

    public void Stop() => server.Stop();

    public void Restart() => server.Restart();

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
