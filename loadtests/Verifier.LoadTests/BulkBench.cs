using System.Diagnostics;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Verifier.Storage.Sqlite;
using Verifier.V1;

namespace Verifier.LoadTests;

/// <summary>
/// bulk-bench: --packs verifies of cached packs (a fresh SQLite file, embedded Garnet by default),
/// sent three ways by a wholesaler: single Verify calls with --in-flight of them at once, one
/// BulkService stream, and one bulk job (submit → every result stored). Prints time, packs/s and
/// how many group commits the store made, so the batching shows. Runs --runs rounds; each round
/// uses new client transaction ids (nothing is replayed).
/// </summary>
internal static class BulkBench
{
    public const string Usage = """
        usage: bulk-bench [--packs 10000] [--in-flight 8] [--runs 3] [--modes single,stream,job] [--cache Embedded|None] [--db FILE]
          verifies of cached packs as single calls, one bulk stream and one bulk job; prints time and packs/s of each
        """;

    private const string Key = "demo-wholesaler-north";

    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var count = (int)arguments.Number("packs", 10_000);
        var inFlight = (int)arguments.Number("in-flight", 8);
        var runs = (int)arguments.Number("runs", 3);
        var cache = arguments.Text("cache") ?? "Embedded";
        var path = arguments.Text("db") ?? Path.Combine(Path.GetTempPath(), $"verifier-bulk-bench-{Guid.NewGuid():N}.db");
        Console.WriteLine($"bulk-bench: {count:N0} cached packs, cache {cache}, {path} ({Environment.ProcessorCount} cores)");

        await using var server = await InProcessServer.StartAsync(path, cache, arguments.ServerSettings);
        var database = server.Services.GetRequiredService<SqliteDatabase>();
        var packs = await SeedAsync(database, count);
        var single = new PackService.PackServiceClient(server.Invoker(Key));
        var bulk = new BulkService.BulkServiceClient(server.Invoker(Key));

        // Warm-up: every pack read once (fills the cache) and the JIT warm on every path.
        await StreamAsync(bulk, packs);
        var failures = 0;
        var modes = (arguments.Text("modes") ?? "single,stream,job").Split(',');
        for (var run = 1; run <= runs; run++)
        {
            Console.WriteLine($"run {run}:");
            var times = new Dictionary<string, (TimeSpan Wall, TimeSpan Cpu)>();
            foreach (var mode in modes)
            {
                var (time, figures) = await Measure(database, mode switch
                {
                    "single" => () => SinglesAsync(single, packs, inFlight),
                    "stream" => () => StreamAsync(bulk, packs),
                    "job" => () => JobAsync(bulk, packs),
                    _ => throw new ArgumentException($"--modes: unknown mode {mode} (single, stream, job)"),
                });
                failures += figures.Bad;
                times[mode] = (time, figures.Cpu);
                Print(mode switch { "single" => $"single calls, {inFlight} in flight", "stream" => "bulk stream", _ => "bulk job (submit → done)" },
                    count, time, figures);
            }
            if (times.TryGetValue("single", out var s))
            {
                foreach (var bulkMode in new[] { "stream", "job" }.Where(times.ContainsKey))
                {
                    Console.WriteLine($"  {bulkMode} vs single: {s.Wall / times[bulkMode].Wall:F1}x wall, {s.Cpu / times[bulkMode].Cpu:F1}x cpu");
                }
            }
        }
        return failures == 0 ? 0 : 1;
    }

    /// <summary>
    /// CPU time per pack is printed beside wall time: client, server and embedded cache share this
    /// process, so on a machine shared with other work it is the steadier figure of the two.
    /// </summary>
    private static void Print(string what, int count, TimeSpan time, (int Bad, long Commits, TimeSpan Cpu) figures) =>
        Console.WriteLine($"  {what,-34} {time.TotalMilliseconds,7:F0} ms {count / time.TotalSeconds,9:N0} packs/s"
            + $"  cpu {figures.Cpu.TotalMicroseconds / count,5:F0} µs/pack  commits={figures.Commits:N0} not-success={figures.Bad}");

    private static async Task<(TimeSpan, (int Bad, long Commits, TimeSpan Cpu))> Measure(SqliteDatabase database, Func<Task<int>> run)
    {
        var commits = database.Writer.Commits;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var bad = await run();
        var elapsed = Stopwatch.GetElapsedTime(started);
        return (elapsed, (bad, database.Writer.Commits - commits, Process.GetCurrentProcess().TotalProcessorTime - cpu));
    }

    private static async Task<int> SinglesAsync(PackService.PackServiceClient client, IReadOnlyList<PackIdentifier> packs, int inFlight)
    {
        var bad = 0;
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < packs.Count)
            {
                var result = (await client.VerifyAsync(new VerifyRequest { ClientTransactionId = Guid.NewGuid().ToString("N"), Pack = packs[i] })).Result;
                if (result.Outcome != Outcome.Success) Interlocked.Increment(ref bad);
            }
        })));
        return bad;
    }

    private static async Task<int> StreamAsync(BulkService.BulkServiceClient client, IReadOnlyList<PackIdentifier> packs)
    {
        using var call = client.StreamPackOperations();
        var reading = Task.Run(async () =>
        {
            var bad = 0;
            await foreach (var response in call.ResponseStream.ReadAllAsync())
            {
                if (response.Item.Result?.Outcome != Outcome.Success) bad++;
            }
            return bad;
        });
        foreach (var pack in packs)
        {
            await call.RequestStream.WriteAsync(new StreamPackOperationsRequest { Operation = Operation(pack) });
        }
        await call.RequestStream.CompleteAsync();
        return await reading;
    }

    private static async Task<int> JobAsync(BulkService.BulkServiceClient client, IReadOnlyList<PackIdentifier> packs)
    {
        var request = new SubmitBulkJobRequest { ClientJobId = Guid.NewGuid().ToString("N") };
        request.Operations.AddRange(packs.Select(Operation));
        var submitted = await client.SubmitBulkJobAsync(request);
        while (true)
        {
            var job = await client.GetBulkJobAsync(new GetBulkJobRequest { JobId = submitted.JobId, SummaryOnly = true });
            if (job.State == BulkJobState.Done) return job.Total - job.Summary.Where(s => s.Outcome == Outcome.Success).Sum(s => s.Count);
            await Task.Delay(20);
        }
    }

    private static BulkPackOperation Operation(PackIdentifier pack) =>
        new() { ClientTransactionId = Guid.NewGuid().ToString("N"), Kind = BulkOperationKind.Verify, Pack = pack };

    /// <summary>One product and batch with <paramref name="count"/> active packs, written as an upload leaves them.</summary>
    private static async Task<IReadOnlyList<PackIdentifier>> SeedAsync(SqliteDatabase database, int count)
    {
        var product = Gtin.Ntin(Random.Shared.Next(1_000_000, 9_999_999));
        var batch = "BULK-" + Guid.NewGuid().ToString("N")[..8];
        var serials = Enumerable.Range(0, count).Select(i => $"B{i:D8}{Random.Shared.Next(1000, 9999)}").ToList();
        await database.Writer.RunBulkAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText =
                """
                INSERT INTO products (product_code, scheme, owner_id) VALUES ($product, 1, 'mah-acme');
                INSERT INTO batches (product_id, batch, expiry, created_at) VALUES (last_insert_rowid(), $batch, '301231', 0);
                """;
            command.Parameters.AddWithValue("$product", product);
            command.Parameters.AddWithValue("$batch", batch);
            command.ExecuteNonQuery();
            command.CommandText = "INSERT INTO packs (product_id, serial, batch_id) SELECT product_id, $serial, id FROM batches WHERE batch = $batch";
            var serial = command.Parameters.Add("$serial", Microsoft.Data.Sqlite.SqliteType.Text);
            foreach (var s in serials)
            {
                serial.Value = s;
                command.ExecuteNonQuery();
            }
            return 0;
        }, CancellationToken.None);
        return serials.Select(s => new PackIdentifier
        {
            Fields = new PackFields { ProductCode = product, SerialNumber = s, Batch = batch, Expiry = "301231" },
        }).ToList();
    }
}
