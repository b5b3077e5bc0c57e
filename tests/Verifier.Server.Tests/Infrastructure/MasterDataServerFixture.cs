using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Verifier.Server.Hosting;
using V1 = Verifier.V1;

namespace Verifier.Server.Tests.Infrastructure;

/// <summary>
/// The real server in-process on a loopback port with a real SQLite file, demo clients seeded.
/// Shared by the master data tests; each test uses its own product codes, so they do not interfere.
/// </summary>
public sealed class MasterDataServerFixture : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"verifier-server-{Guid.NewGuid():N}.db");
    private WebApplication? _app;
    private GrpcChannel? _channel;
    private int _nextProduct;

    public const string Acme = "demo-mah-acme";
    public const string Globex = "demo-mah-globex";
    public const string Pharmacy = "demo-pharmacy-berlin";
    public const string Operator = "demo-operator";

    public async Task InitializeAsync()
    {
        // "--demo true" rather than a bare "--demo": configuration needs a value for a switch.
        _app = VerifierHost.Build(["--urls", "http://127.0.0.1:0", "--db", _path, "--cache", "None", "--demo", "true"]);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _channel = GrpcChannel.ForAddress(address);
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_path + suffix);
    }

    public CallInvoker Invoker(string? apiKey) =>
        apiKey is null ? _channel!.CreateCallInvoker() : _channel!.Intercept(metadata =>
        {
            metadata.Add("x-api-key", apiKey);
            return metadata;
        });

    public V1.MasterDataService.MasterDataServiceClient MasterData(string? apiKey) => new(Invoker(apiKey));

    public V1.PackService.PackServiceClient Packs(string? apiKey) => new(Invoker(apiKey));

    /// <summary>A fresh valid NTIN (04150 + 8 digits + GS1 check digit) for each caller.</summary>
    public string NewGtin()
    {
        var body = "0415" + (10_000_000 + Interlocked.Increment(ref _nextProduct) * 7919).ToString("D9");
        var sum = 0;
        for (int i = body.Length - 1, weight = 3; i >= 0; i--, weight = 4 - weight) sum += (body[i] - '0') * weight;
        return body + (10 - sum % 10) % 10;
    }
}

[CollectionDefinition(Name)]
public sealed class MasterDataServerCollection : ICollectionFixture<MasterDataServerFixture>
{
    public const string Name = "master data server";
}
