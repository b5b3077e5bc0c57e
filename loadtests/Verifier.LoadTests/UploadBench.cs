using System.Diagnostics;
using System.Security.Cryptography;
using Verifier.V1;

namespace Verifier.LoadTests;

/// <summary>
/// upload-bench: one batch of --serials serials through gRPC into a fresh SQLite file, timed from
/// the header to the committed answer. Meanwhile a pharmacy verifies packs of another batch in a
/// loop, to show how long pack operations wait behind the upload on the single writer.
/// </summary>
internal static class UploadBench
{
    public const string Usage = """
        usage: upload-bench [--serials 1000000] [--chunk 10000] [--db FILE] [--Verifier:<key>=<value> ...]
          one batch through gRPC into a fresh SQLite file; prints serials/s and verify latency meanwhile
        """;

    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var serialCount = (int)arguments.Number("serials", 1_000_000);
        var chunkSize = (int)arguments.Number("chunk", 10_000);
        var path = arguments.Text("db") ?? Path.Combine(Path.GetTempPath(), $"verifier-upload-bench-{Guid.NewGuid():N}.db");
        Console.WriteLine($"upload-bench: {serialCount:N0} serials in chunks of {chunkSize:N0} into {path} ({Environment.ProcessorCount} cores)");

        var serials = RandomSerials(serialCount, 16);
        await using var server = await InProcessServer.StartAsync(path, "None", arguments.ServerSettings);
        var mah = new MasterDataService.MasterDataServiceClient(server.Invoker("demo-mah-acme"));
        var packs = new PackService.PackServiceClient(server.Invoker("demo-pharmacy-berlin"));
        var product = Gtin.Ntin(Random.Shared.Next(1_000_000, 9_999_999));
        await mah.UpsertProductAsync(new UpsertProductRequest { Product = DemoProduct(product) });
        var probeSerials = RandomSerials(1000, 16);
        await UploadAsync(mah, product, "PROBE", "301231", probeSerials, chunkSize, $"probe-{Guid.NewGuid():N}");

        using var stop = new CancellationTokenSource();
        var during = new Latencies();
        var probe = Task.Run(() => ProbeAsync(packs, product, probeSerials, during, stop.Token));

        var started = Stopwatch.GetTimestamp();
        var response = await UploadAsync(mah, product, "BENCH-" + Guid.NewGuid().ToString("N")[..8], "301231", serials, chunkSize, Guid.NewGuid().ToString("N"));
        var elapsed = Stopwatch.GetElapsedTime(started);
        await stop.CancelAsync();
        await probe;

        Console.WriteLine($"status={response.Status} stored={response.StoredCount:N0} problems={response.Problems.Count}");
        Console.WriteLine($"upload: {elapsed.TotalSeconds:F2} s, {serialCount / elapsed.TotalSeconds:N0} serials/s");
        Console.WriteLine($"verify latency during the upload: {during.Summary()}");
        Console.WriteLine($"database file: {new FileInfo(path).Length / 1024.0 / 1024.0:F0} MiB");
        return response.Status == UploadStatus.Committed ? 0 : 1;
    }

    internal static async Task<UploadBatchResponse> UploadAsync(
        MasterDataService.MasterDataServiceClient client, string product, string batch, string expiry, IReadOnlyList<string> serials, int chunkSize, string uploadId)
    {
        using var call = client.UploadBatch();
        await call.RequestStream.WriteAsync(new UploadBatchRequest
        {
            Header = new UploadBatchHeader { UploadId = uploadId, ProductCode = product, Batch = batch, Expiry = expiry, ExpectedCount = serials.Count },
        });
        for (var offset = 0; offset < serials.Count; offset += chunkSize)
        {
            var chunk = new SerialChunk();
            for (var i = offset; i < Math.Min(offset + chunkSize, serials.Count); i++) chunk.SerialNumbers.Add(serials[i]);
            await call.RequestStream.WriteAsync(new UploadBatchRequest { Serials = chunk });
        }
        await call.RequestStream.CompleteAsync();
        return await call;
    }

    internal static Product DemoProduct(string code) => new()
    {
        ProductCode = code,
        Scheme = ProductCodeScheme.Gtin,
        Name = "Benchmarkin 5 mg",
        CommonName = "benchmarkin",
        PharmaceuticalForm = "tablet",
        Strength = "5 mg",
        PackSize = 28,
        PackType = "blister",
        TargetMarkets = { "DE" },
    };

    internal static List<string> RandomSerials(int count, int length)
    {
        var serials = new HashSet<string>(count, StringComparer.Ordinal);
        Span<char> text = stackalloc char[length];
        while (serials.Count < count)
        {
            for (var i = 0; i < length; i++) text[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            serials.Add(new string(text));
        }
        return [.. serials];
    }

    private static async Task ProbeAsync(PackService.PackServiceClient packs, string product, List<string> serials, Latencies latencies, CancellationToken stop)
    {
        var i = 0;
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            await packs.VerifyAsync(new VerifyRequest
            {
                ClientTransactionId = Guid.NewGuid().ToString("N"),
                Pack = new PackIdentifier { Fields = new PackFields { ProductCode = product, SerialNumber = serials[i++ % serials.Count], Batch = "PROBE", Expiry = "301231" } },
            });
            latencies.Record(started);
            await Task.Delay(5, CancellationToken.None);
        }
    }
}
