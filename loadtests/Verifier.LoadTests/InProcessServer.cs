using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Verifier.Server.Hosting;

namespace Verifier.LoadTests;

/// <summary>The real server on a loopback port over a SQLite file (cache off), with the demo clients.</summary>
internal sealed class InProcessServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly GrpcChannel _channel;

    private InProcessServer(WebApplication app, string address, GrpcChannel channel)
    {
        _app = app;
        Address = address;
        _channel = channel;
    }

    public IServiceProvider Services => _app.Services;

    public string Address { get; }

    /// <param name="cache">The server's cache mode: None (SQL only), Embedded (Garnet) or Redis.</param>
    /// <param name="settings">Further server settings (<see cref="BenchArguments.ServerSettings"/>); later ones win.</param>
    public static async Task<InProcessServer> StartAsync(string databasePath, string cache, string[] settings)
    {
        var app = VerifierHost.Build(["--urls", "http://127.0.0.1:0", "--db", databasePath, "--cache", cache, "--demo", "true",
            "--Logging:LogLevel:Default=Warning", "--rest-url=",
            // Benchmarks measure the service, not the per-client limit.
            "--Verifier:RateLimit:PermitsPerSecond=1000000", "--Verifier:RateLimit:Burst=1000000", .. settings]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { MaxSendMessageSize = 16 * 1024 * 1024 });
        return new InProcessServer(app, address, channel);
    }

    public CallInvoker Invoker(string apiKey) => _channel.Intercept(metadata =>
    {
        metadata.Add("x-api-key", apiKey);
        return metadata;
    });

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
