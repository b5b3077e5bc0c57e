using Microsoft.AspNetCore.Builder;
using Verifier.Server.Hosting;

namespace Verifier.Cli.Tests;

/// <summary>
/// The real server (embedded default: SQLite + Garnet) with the demo clients on a loopback port,
/// in-process, and the command line pointed at it. One per test.
/// </summary>
internal sealed class DemoServer : IAsyncDisposable
{
    private readonly string _directory;
    private WebApplication? _app;

    private DemoServer(WebApplication app, string directory)
    {
        _app = app;
        _directory = directory;
        Address = app.Urls.First();
    }

    /// <summary>Where the server listens; it keeps this address across <see cref="StopAsync"/> and <see cref="RestartAsync"/>.</summary>
    public string Address { get; }

    public static async Task<DemoServer> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("verifier-cli-session-").FullName;
        var app = Build(directory, "http://127.0.0.1:0");
        await app.StartAsync();
        return new DemoServer(app, directory);
    }

    /// <summary>`verifier ARGS --server ADDRESS`, in-process.</summary>
    public Task<CliRun> Run(params string[] args) => CliRun.OfAsync([.. args, "--server", Address]);

    /// <summary>An outage: the server stops listening; its store stays.</summary>
    public async Task StopAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    /// <summary>The server back on the same address and store.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        _app = Build(_directory, Address);
        await _app.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static WebApplication Build(string directory, string url) =>
        VerifierHost.Build(["--urls", url, "--db", Path.Combine(directory, "v.db"), "--demo", "--Logging:LogLevel:Default=Warning",
            // Tests run side by side: no REST listener and no scrape endpoint on fixed ports.
            "--rest-url=", "--Verifier:Telemetry:MetricsUrl="]);
}
