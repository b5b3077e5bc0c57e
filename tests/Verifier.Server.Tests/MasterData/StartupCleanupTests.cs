using Verifier.Core.Identification;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Verifier.Core.Access;
using Verifier.Server.Hosting;
using Verifier.Storage;
using Verifier.Storage.Sqlite;
using V1 = Verifier.V1;

namespace Verifier.Server.Tests.MasterData;

/// <summary>What an upload interrupted by a crash left in the file is gone once the server has started (and idle long enough).</summary>
public sealed class StartupCleanupTests : IAsyncLifetime
{
    private const string Product = "04150123456782";
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromSeconds(2);
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"verifier-startup-{Guid.NewGuid():N}.db");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_path + suffix);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Leftovers_of_an_unfinished_upload_are_removed_at_start_up()
    {
        await using (var database = new SqliteDatabase(_path))
        {
            var store = new SqliteMasterDataStore(database);
            var context = new TransactionContext("TX-1", null, DateTimeOffset.UtcNow, "mah-acme", ClientRole.Mah, "MAH-ACME", null);
            await store.UpsertProductAsync(new ProductMasterData(Product, ProductCodeScheme.Gtin, "Examplin", "", "", "", 10, "", ["DE"], null, "mah-acme"),
                false, context, default);
            var opening = await store.OpenUploadAsync(new UploadHeader("crashed-1", Product, "LOT-C", "301231"), context, false, default);
            var serials = Enumerable.Range(0, 12_000).Select(i => $"C{i:D6}").ToList();
            await opening.Upload!.StoreAsync(serials, serials.Select((_, i) => (long)i).ToList(), 100, default);
            // No abort and no commit: the process "dies" here.
        }
        await Task.Delay(AbandonedAfter + TimeSpan.FromMilliseconds(200));

        var app = VerifierHost.Build(["--urls", "http://127.0.0.1:0", "--db", _path, "--cache", "None", "--demo", "true", "--rest-url=",
            // Short, so the test need not wait out the production bound; the retry below is far quicker.
            $"--Verifier:Uploads:AbandonedAfter={AbandonedAfter}"]);
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var channel = GrpcChannel.ForAddress(address);
            var client = new V1.MasterDataService.MasterDataServiceClient(channel.Intercept(m =>
            {
                m.Add("x-api-key", "demo-mah-acme");
                return m;
            }));

            var summary = await Assert.ThrowsAsync<RpcException>(async () =>
                await client.BatchSummaryAsync(new V1.BatchSummaryRequest { ProductCode = Product, Batch = "LOT-C" }));
            using var retry = client.UploadBatch();
            await retry.RequestStream.WriteAsync(new V1.UploadBatchRequest
            {
                Header = new V1.UploadBatchHeader { UploadId = "crashed-1", ProductCode = Product, Batch = "LOT-C", Expiry = "301231" },
            });
            await retry.RequestStream.WriteAsync(new V1.UploadBatchRequest { Serials = new V1.SerialChunk { SerialNumbers = { "C000001" } } });
            await retry.RequestStream.CompleteAsync();
            var response = await retry;

            Assert.Equal(StatusCode.NotFound, summary.StatusCode);
            Assert.Equal((V1.UploadStatus.Committed, 1L), (response.Status, response.StoredCount));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
