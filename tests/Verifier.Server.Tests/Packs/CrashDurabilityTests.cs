using System.Collections.Concurrent;
using Dapper;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Verifier.Server.Tests.Infrastructure;
using Verifier.Storage.Sqlite;
using Verifier.V1;
using static Verifier.Server.Tests.Infrastructure.Catalog;

namespace Verifier.Server.Tests.Packs;

/// <summary>
/// Non-negotiable 3: a crash never loses an acknowledged decommission. Status checks, whose audit
/// rows are acknowledged before the log is synced (delayed durability, docs/latency.md), keep them
/// through a crash of the process too.
/// </summary>
public sealed class CrashDurabilityTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Packs = 400;

    [Fact]
    public async Task Every_acknowledged_decommission_and_status_check_audit_survives_kill_minus_nine()
    {
        var directory = Path.Combine(Path.GetTempPath(), "verifier-tests", Guid.NewGuid().ToString("N"));
        var database = Path.Combine(directory, "verifier.db");
        var serials = Enumerable.Range(0, Packs).Select(_ => NewSerial()).ToArray();
        await SeedAsync(database, serials);

        var acknowledged = new ConcurrentBag<string>();
        var checkedAudits = new ConcurrentBag<string>();
        await using (var server = await ServerProcess.StartAsync(database))
        {
            using var channel = GrpcChannel.ForAddress(server.Address);
            var client = Client(channel);
            var calls = serials.Select(async (serial, i) =>
            {
                await Task.Delay(i * 5); // spread the calls over two seconds so the kill lands mid-stream
                try
                {
                    var check = (await client.VerifyAsync(new VerifyRequest { ClientTransactionId = NewTransactionId(), Pack = Fields(serial) })).Result;
                    checkedAudits.Add(check.SystemTransactionId);
                    var result = (await client.DecommissionAsync(new DecommissionRequest
                    {
                        ClientTransactionId = NewTransactionId(), Pack = Fields(serial), Reason = DecommissionReason.Supplied,
                    })).Result;
                    if (result.Outcome == Outcome.Success) acknowledged.Add(serial);
                }
                catch (RpcException)
                {
                    // Cut off by the kill: not acknowledged, so either state is allowed.
                }
            }).ToList();
            var all = Task.WhenAll(calls);
            // Bounded: should the server refuse everything, the test fails instead of waiting forever.
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (acknowledged.Count < Packs / 4 && !all.IsCompleted && DateTime.UtcNow < deadline) await Task.Delay(5);
            server.Kill();
            await all.WaitAsync(TimeSpan.FromMinutes(1));
        }

        await using (var restarted = await ServerProcess.StartAsync(database))
        {
            using var channel = GrpcChannel.ForAddress(restarted.Address);
            var client = Client(channel);
            foreach (var serial in acknowledged)
            {
                var status = (await client.VerifyAsync(new VerifyRequest { ClientTransactionId = NewTransactionId(), Pack = Fields(serial) })).Result.Status;
                Assert.Equal(PackState.Supplied, status.State);
            }
        }
        await using (var store = new SqliteDatabase(database))
        {
            await using var connection = store.Open();
            var audited = (await connection.QueryAsync<string>("SELECT system_tx_id FROM audit WHERE operation = 'verify'")).ToHashSet();
            Assert.All(checkedAudits, id => Assert.Contains(id, audited));
        }
        output.WriteLine($"{acknowledged.Count} of {Packs} decommissions and {checkedAudits.Count} status checks acknowledged before kill -9; all found after restart.");
        Assert.InRange(acknowledged.Count, Packs / 4, Packs);
        Directory.Delete(directory, recursive: true);
    }

    private static PackService.PackServiceClient Client(GrpcChannel channel) =>
        new(channel.Intercept(metadata =>
        {
            metadata.Add("x-api-key", DemoKeys.PharmacyBerlin);
            return metadata;
        }));

    private static async Task SeedAsync(string database, string[] serials)
    {
        await using var db = new SqliteDatabase(database);
        await db.Writer.RunAsync((connection, transaction) =>
        {
            connection.Execute(
                $"""
                INSERT INTO products (id, product_code, scheme, owner_id) VALUES (1, '{Gtin}', 1, 'mah-acme');
                INSERT INTO batches (id, product_id, batch, expiry, created_at) VALUES (10, 1, '{Lot}', '{Expiry}', 0);
                """, transaction: transaction);
            connection.Execute("INSERT INTO packs (product_id, serial, batch_id) VALUES (1, @serial, 10)",
                serials.Select(serial => new { serial }), transaction);
            return 0;
        }, CancellationToken.None);
    }
}
