using Grpc.Core;
using Verifier.Core.Identification;
using V1 = Verifier.V1;

namespace Verifier.Server.Tests.Infrastructure;

/// <summary>
/// The real server (<see cref="VerifierServer"/>, SQL only) shared by the master data tests; each
/// test uses its own product codes, so they do not interfere.
/// </summary>
public sealed class MasterDataServerFixture : IAsyncLifetime
{
    public const string Acme = DemoKeys.MahAcme;
    public const string Globex = DemoKeys.MahGlobex;
    public const string Pharmacy = DemoKeys.PharmacyBerlin;
    public const string Operator = DemoKeys.Operator;

    private VerifierServer? _server;
    private int _nextProduct;

    public VerifierServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() => _server = await VerifierServer.StartAsync("--cache", "None");

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    public CallInvoker Invoker(string? apiKey) => Server.Invoker(apiKey);

    public V1.MasterDataService.MasterDataServiceClient MasterData(string? apiKey) => new(Invoker(apiKey));

    public V1.PackService.PackServiceClient Packs(string? apiKey) => new(Invoker(apiKey));

    /// <summary>A fresh valid NTIN (04150 + 8 digits + GS1 check digit) for each caller.</summary>
    public string NewGtin()
    {
        var body = "0415" + (10_000_000 + Interlocked.Increment(ref _nextProduct) * 7919).ToString("D9");
        return body + Gs1CheckDigit.Compute(body);
    }
}

[CollectionDefinition(Name)]
public sealed class MasterDataServerCollection : ICollectionFixture<MasterDataServerFixture>
{
    public const string Name = "master data server";
}
