using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Verifier.Core.Packs;
using Verifier.Storage;
using Verifier.V1;

namespace Verifier.LoadTests;

/// <summary>
/// verify-bench: verify latency against an existing store (built with `verifier generate` and
/// `verifier upload`), on packs sampled uniformly from the generated files, so the whole B-tree is
/// exercised and not only its hot end. Two figures: the store's own read (DR Art 35 excludes the
/// network) and the full gRPC verify, which also commits its audit row.
/// </summary>
internal static class VerifyBench
{
    public const string Usage = """
        usage: verify-bench --db FILE --data DIR [--requests 20000] [--concurrency 4] [--sample 20000] [--cache None|Embedded]
          verify latency percentiles against an existing store built with `verifier generate` + `verifier upload`
        """;

    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var path = arguments.Text("db") ?? throw new ArgumentException("--db FILE is required");
        var data = arguments.Text("data") ?? throw new ArgumentException("--data DIR is required (the `verifier generate` output)");
        var requests = (int)arguments.Number("requests", 20_000);
        var concurrency = (int)arguments.Number("concurrency", 4);
        var sampleSize = (int)arguments.Number("sample", 20_000);

        var (sample, total) = Sample(data, sampleSize);
        Console.WriteLine($"verify-bench: {path} ({new FileInfo(path).Length / 1024.0 / 1024.0:N0} MiB), {total:N0} serials in {data}, {sample.Count:N0} sampled");
        var cache = arguments.Text("cache") ?? "None";
        Console.WriteLine($"cache: {cache}");
        await using var server = await InProcessServer.StartAsync(path, cache, arguments.ServerSettings);

        var store = server.Services.GetRequiredService<IPackStore>();
        var reads = new Latencies();
        var unknown = 0;
        foreach (var scan in sample)
        {
            var begin = Stopwatch.GetTimestamp();
            var view = await store.ReadViewAsync(scan, CancellationToken.None);
            reads.Record(begin);
            if (view.Pack is null) unknown++;
        }
        Console.WriteLine($"store read (in-process, 1 reader): {reads.Summary()} unknown={unknown}");

        var packs = new PackService.PackServiceClient(server.Invoker("demo-pharmacy-berlin"));
        for (var i = 0; i < Math.Min(1000, requests); i++) await VerifyAsync(packs, sample[i % sample.Count]);
        var verifies = new Latencies();
        var failures = 0;
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var begin = Stopwatch.GetTimestamp();
                var outcome = await VerifyAsync(packs, sample[i % sample.Count]);
                verifies.Record(begin);
                if (outcome != Verifier.V1.Outcome.Success && outcome != Verifier.V1.Outcome.PackExpired) Interlocked.Increment(ref failures);
            }
        })));
        var elapsed = Stopwatch.GetElapsedTime(started);
        Console.WriteLine($"gRPC verify ({concurrency} concurrent): {verifies.Summary()} {requests / elapsed.TotalSeconds:N0}/s not-success={failures}");
        return failures == 0 && unknown == 0 ? 0 : 1;
    }

    private static async Task<Verifier.V1.Outcome> VerifyAsync(PackService.PackServiceClient packs, ScannedPack scan)
    {
        var response = await packs.VerifyAsync(new VerifyRequest
        {
            ClientTransactionId = Guid.NewGuid().ToString("N"),
            Pack = new PackIdentifier { Fields = new PackFields { ProductCode = scan.ProductCode, SerialNumber = scan.SerialNumber, Batch = scan.Batch, Expiry = scan.Expiry } },
        });
        return response.Result.Outcome;
    }

    /// <summary>Reservoir sample over every serial file (CSV: product_code,batch,expiry,serial), in one streaming pass.</summary>
    internal static (List<ScannedPack> Sample, long Total) Sample(string directory, int size)
    {
        var sample = new List<ScannedPack>(size);
        var random = new Random(42);
        long seen = 0;
        foreach (var file in Directory.EnumerateFiles(directory, "serials-*.csv").Order())
        {
            using var reader = new StreamReader(file);
            reader.ReadLine();
            while (reader.ReadLine() is { } line)
            {
                seen++;
                var slot = sample.Count < size ? sample.Count : random.NextInt64(seen);
                if (slot >= size) continue;
                var fields = line.Split(',');
                var scan = new ScannedPack(fields[0], fields[3], fields[1], fields[2]);
                if (slot == sample.Count) sample.Add(scan);
                else sample[(int)slot] = scan;
            }
        }
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(sample));
        return (sample, seen);
    }
}
