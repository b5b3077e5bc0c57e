using System.Diagnostics;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Verifier.Server.Tests.Infrastructure;
using Verifier.V1;
using static Verifier.Server.Tests.Infrastructure.Catalog;

namespace Verifier.Server.Tests.Observability;

/// <summary>
/// The trace of one verify through the real server with the embedded Garnet cache, collected by an
/// in-memory exporter on the server's own tracer provider. The test starts the trace itself (a W3C
/// traceparent header), so spans of servers of other test classes in this process never mix in.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class VerifyTraceTests : IAsyncLifetime
{
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(20);

    private readonly List<Activity> _spans = [];
    private readonly LogCapture _logs = new();
    private VerifierServer? _server;

    private VerifierServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _server = await VerifierServer.StartAsync(services =>
        {
            services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(_spans));
            services.AddSingleton<ILoggerProvider>(_logs);
        },
        // A cold Garnet can take longer than the 100 ms cache timeout; a timed-out cache write
        // would add an epoch advance (a second commit) to the trace.
        "--cache", "Embedded", "--Verifier:Cache:OperationTimeout=00:00:10", "--Logging:LogLevel:Verifier.Server.Packs=Information");
        await SeedAsync(_server);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_verify_shows_the_grpc_call_the_cache_and_the_store_commit_with_its_queue_and_group_commit()
    {
        var serial = await NewPackAsync(Server);

        // The fill after a miss is not awaited by the answer (docs/latency.md): its span may end a moment after the call's.
        var miss = await VerifyTracedAsync(serial, "cache.write");
        var hit = await VerifyTracedAsync(serial);

        var server = miss.Server;
        Assert.Equal(ActivityKind.Server, server.Kind);
        Assert.Equal("0", server.GetTagItem("grpc.status_code")?.ToString());
        var cacheGet = miss.Single("cache.get");
        var commit = miss.Single("store.commit");
        var cacheWrite = miss.Single("cache.write");
        Assert.All([cacheGet, commit, cacheWrite], span => Assert.Equal(server.SpanId, span.ParentSpanId));
        Assert.Equal(false, cacheGet.GetTagItem("verifier.cache.hit"));
        Assert.Equal("Verifier.Cache", cacheGet.Source.Name);
        Assert.Equal("Verifier.Storage", commit.Source.Name);
        foreach (var name in new[] { "store.queue", "store.apply", "store.group_commit" })
        {
            var part = miss.Single(name);
            Assert.Equal(commit.SpanId, part.ParentSpanId);
            // Made afterwards from the writer's timestamps: they must still fall within the commit (clock slack aside).
            Assert.InRange(part.StartTimeUtc, commit.StartTimeUtc - Slack, commit.StartTimeUtc + commit.Duration + Slack);
            Assert.InRange(part.Duration, TimeSpan.Zero, commit.Duration + Slack);
        }
        Assert.True((int)miss.Single("store.group_commit").GetTagItem("verifier.store.group_size")! >= 1);

        // The second verify is answered from the cache hit; the store still commits its audit row.
        Assert.Equal(true, hit.Single("cache.get").GetTagItem("verifier.cache.hit"));
        Assert.Equal(hit.Server.SpanId, hit.Single("store.commit").ParentSpanId);

        // The verify's log line carries the trace id, so logs and traces correlate.
        Assert.Contains(_logs.Lines, line => line.Category.EndsWith("PackOperations") && line.Message.Contains(serial)
            && line.TraceId == server.TraceId.ToHexString());
    }

    /// <param name="alsoExpected">Spans that may end after the answer, waited for as the server span is.</param>
    private async Task<Trace> VerifyTracedAsync(string serial, params string[] alsoExpected)
    {
        var traceId = ActivityTraceId.CreateRandom();
        var headers = new Metadata { { "traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01" } };
        var reply = await Server.Packs(DemoKeys.PharmacyBerlin).VerifyAsync(
            new VerifyRequest { ClientTransactionId = NewTransactionId(), Pack = Scan(serial) }, headers);
        Assert.Equal(Outcome.Success, reply.Result.Outcome);

        // The server span ends after the answer has left, so the client can be a moment ahead of it.
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var spans = Snapshot().Where(span => span.TraceId == traceId).ToList();
            var server = spans.FirstOrDefault(span => span.GetTagItem("grpc.method") is "/verifier.v1.PackService/Verify");
            if (server is not null && alsoExpected.All(name => spans.Any(span => span.DisplayName == name))) return new Trace(server, spans);
            if (deadline.Elapsed > TimeSpan.FromSeconds(10))
            {
                Assert.Fail("No gRPC server span for the verify (or not every span expected); spans of its trace: "
                    + string.Join(", ", spans.Select(span => span.DisplayName)));
            }
            await Task.Delay(20);
        }
    }

    /// <summary>The exporter appends from the server's threads; a copy is read, retried if an append raced it.</summary>
    private Activity[] Snapshot()
    {
        while (true)
        {
            try
            {
                return _spans.ToArray();
            }
            catch (ArgumentException)
            {
            }
        }
    }

    private sealed record Trace(Activity Server, IReadOnlyList<Activity> Spans)
    {
        public Activity Single(string name) => Assert.Single(Spans, span => span.DisplayName == name);
    }
}
