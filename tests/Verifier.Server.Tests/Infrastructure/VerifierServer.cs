using Dapper;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Verifier.Server.Hosting;
using Verifier.Storage.Sqlite;
using Verifier.Testing;
using Verifier.V1;

namespace Verifier.Server.Tests.Infrastructure;

/// <summary>
/// The real server on a loopback port with a real SQLite file (and the cache mode asked for),
/// reached through generated clients over HTTP/2 (and plain HTTP/1.1 for REST). One per test class.
/// </summary>
public sealed class VerifierServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _directory;

    private VerifierServer(WebApplication app, string directory, string address, Uri restAddress, AdjustableClock clock)
    {
        _app = app;
        _directory = directory;
        Address = address;
        RestAddress = restAddress;
        Clock = clock;
        Channel = GrpcChannel.ForAddress(address);
    }

    public string Address { get; }

    public AdjustableClock Clock { get; }

    public GrpcChannel Channel { get; }

    public SqliteDatabase Database => _app.Services.GetRequiredService<SqliteDatabase>();

    public IServiceProvider Services => _app.Services;

    /// <summary>The REST/JSON listener (HTTP/1.1), for plain HttpClients.</summary>
    public Uri RestAddress { get; }

    public static Task<VerifierServer> StartAsync(params string[] extraArgs) => StartAsync(overrides: null, extraArgs);

    /// <summary>Starts with the REST listener on a port free at the moment of asking; another process taking it first means another try.</summary>
    /// <param name="overrides">Services added after the server's own (e.g. a telemetry exporter of the test's).</param>
    public static async Task<VerifierServer> StartAsync(Action<IServiceCollection>? overrides, params string[] extraArgs)
    {
        var directory = Path.Combine(Path.GetTempPath(), "verifier-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var clock = new AdjustableClock();
        for (var attempt = 1; ; attempt++)
        {
            var restAddress = $"http://127.0.0.1:{LoopbackPort.Free()}";
            string[] args = ["--urls", "http://127.0.0.1:0", "--rest-url", restAddress, "--db", Path.Combine(directory, "verifier.db"), "--demo",
                "--Logging:LogLevel:Default=Warning",
                // A port of its own for every test server's scrape endpoint: they run side by side.
                "--Verifier:Telemetry:MetricsUrl=http://127.0.0.1:0", .. extraArgs];
            var app = VerifierHost.Build(args, services =>
            {
                services.AddSingleton<TimeProvider>(clock);
                overrides?.Invoke(services);
            });
            try
            {
                await app.StartAsync();
                return new VerifierServer(app, directory, app.Urls.First(url => url != restAddress), new Uri(restAddress), clock);
            }
            catch (IOException) when (attempt < 3)
            {
                await app.DisposeAsync();
            }
        }
    }

    public PackService.PackServiceClient Packs(string apiKey) => new(Invoker(apiKey));

    public AlertService.AlertServiceClient Alerts(string apiKey) => new(Invoker(apiKey));

    public AdminService.AdminServiceClient Admin(string apiKey) => new(Invoker(apiKey));

    public CallInvoker Invoker(string? apiKey) => apiKey is null
        ? Channel.CreateCallInvoker()
        : Channel.Intercept(metadata =>
        {
            metadata.Add("x-api-key", apiKey);
            return metadata;
        });

    /// <summary>Arranges master data straight in the store, as an upload would leave it.</summary>
    public Task SeedAsync(string sql, object? parameters = null) =>
        Database.Writer.RunAsync((connection, transaction) => connection.Execute(sql, parameters, transaction), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
