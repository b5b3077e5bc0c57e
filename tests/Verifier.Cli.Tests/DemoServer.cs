using Microsoft.AspNetCore.Builder;
using Verifier.Server.Hosting;

namespace Verifier.Cli.Tests;

/// <summary>
/// The real server (embedded default: SQLite + Garnet) with the demo clients on a loopback port,
/// in-process, and the command line pointed at it. One per test.
/// </summary>
internal sealed class DemoServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _directory;

    private DemoServer(WebApplication app, string directory)
    {
        _app = app;
        _directory = directory;
    }

    public static async Task<DemoServer> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("verifier-cli-session-").FullName;
        var app = VerifierHost.Build(["--urls", "http://127.0.0.1:0", "--db", Path.Combine(directory, "v.db"), "--demo",
            "--Logging:LogLevel:Default=Warning", "--rest-url="]);
        await app.StartAsync();
        return new DemoServer(app, directory);
    }

    /// <summary>`verifier ARGS --server ADDRESS`, in-process.</summary>
    public Task<CliRun> Run(params string[] args) => CliRun.OfAsync([.. args, "--server", _app.Urls.First()]);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
