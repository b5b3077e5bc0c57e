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
