using Verifier.Testing;

namespace Verifier.Server.Tests.Infrastructure;

/// <summary>A server shared by one test class, started with the cache mode of the concrete fixture.</summary>
public abstract class ServerFixture : IAsyncLifetime
{
    private VerifierServer? _server;

    public VerifierServer Server => _server ?? throw new InvalidOperationException("Not started.");

    protected abstract Task<string[]> CacheArgsAsync();

    public async Task InitializeAsync()
    {
        _server = await VerifierServer.StartAsync(await CacheArgsAsync());
        await Catalog.SeedAsync(_server);
    }

    public virtual async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}

/// <summary>SQL only: every view is read from SQLite.</summary>
public sealed class NoCacheFixture : ServerFixture
{
    protected override Task<string[]> CacheArgsAsync() => Task.FromResult<string[]>(["--cache", "None"]);
}

/// <summary>The default run's cache: Garnet in-process on loopback.</summary>
public sealed class EmbeddedGarnetFixture : ServerFixture
{
    protected override Task<string[]> CacheArgsAsync() => Task.FromResult<string[]>(["--cache", "Embedded"]);
}

/// <summary>A real redis-server of the test's own, which tests may stop to simulate an outage.</summary>
public sealed class RedisServerFixture : ServerFixture
{
    public RedisServerProcess? Redis { get; private set; }

    protected override Task<string[]> CacheArgsAsync()
    {
        // Without redis-server every test of the class is skipped at discovery and this never runs.
        Redis = RedisServerProcess.Start();
        return Task.FromResult<string[]>(["--cache", "Redis", "--redis", Redis.Configuration]);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Redis is not null) await Redis.DisposeAsync();
    }
}
