using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Verifier.Cli.Tests;

/// <summary>
/// The offline queue (DR Art 29) against the real server: operations kept while it is down, replayed
/// when it is back with their original client transaction ids and scan times, each answer printed;
/// a second replay, or one after a crash mid-replay, applies nothing twice; a torn line is ignored.
/// </summary>
public sealed partial class OfflineQueueSessionTests : IAsyncLifetime
{
    private const string Pharmacy = "demo-pharmacy-berlin";
    private DemoServer _server = null!;
    private string _queue = null!;
    private string[] _scans = [];

    public async Task InitializeAsync()
    {
        _server = await DemoServer.StartAsync();
        var demo = await _server.Run("demo");
        Assert.Equal(0, demo.ExitCode);
        _scans = [.. ActiveScans().Matches(demo.Output).Select(m => m.Groups[1].Value).Distinct()];
        Assert.True(_scans.Length >= 2, demo.Output);
        _queue = Path.Combine(Path.GetTempPath(), $"verifier-queue-{Guid.NewGuid():N}.jsonl");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        foreach (var file in new[] { _queue, _queue + ".lock", _queue + ".tmp" }) File.Delete(file);
    }

    [Fact]
    public async Task Operations_queued_while_the_server_is_down_are_replayed_in_order_when_it_is_back()
    {
        await _server.StopAsync();
        var supplied = await Pack("decommission", _scans[0], "--reason", "supplied");
        var verified = await Pack("verify", _scans[1]);
        var undone = await Pack("undo", _scans[0], "--reason", "supplied");
        var listed = await _server.Run("queue", "list", _queue);

        Assert.Equal((4, 4, 4), (supplied.ExitCode, verified.ExitCode, undone.ExitCode));
        Assert.StartsWith("QUEUED (offline): server unreachable (Unavailable).", supplied.Output);
        // Behind the queued decommissioning of the same pack, whether or not the server is back.
        Assert.StartsWith("QUEUED (offline): 1 earlier operation(s) on this pack are still queued.", undone.Output);
        Assert.Equal(["decommission:supplied", "verify", "undo:supplied"], Column(listed.Output, 1, skipLast: true));
        Assert.EndsWith("3 to send.", listed.Output.Trim());

        await _server.RestartAsync();
        var replay = await _server.Run("queue", "replay", _queue, "--api-key", Pharmacy);
        var history = await _server.Run("history", "--scan", _scans[0], "--api-key", "demo-operator");
        var again = await _server.Run("queue", "replay", _queue, "--api-key", Pharmacy);

        Assert.Equal(0, replay.ExitCode);
        Assert.Equal(["decommission:supplied", "verify", "undo:supplied"], Column(replay.Output, 1));
        Assert.Equal(["SUCCESS", "SUCCESS", "SUCCESS"], Column(replay.Output, 3));
        Assert.Contains("3 of 3 sent: 3 SUCCESS.", replay.Error);
        // Each entry under its original client transaction id and scan time, recorded later.
        Assert.Contains(TransactionId(supplied.Output), replay.Output);
        Assert.Equal(2, Regex.Count(history.Output, @"performed \S+ \(offline\)"));
        Assert.Contains(Column(listed.Output, 0, skipLast: true)[0], history.Output);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("Nothing to send under this API key", again.Error);
    }

    [Fact]
    public async Task A_replay_after_a_crash_before_its_answers_were_marked_applies_nothing_twice()
    {
        await _server.StopAsync();
        var supplied = await Pack("decommission", _scans[0], "--reason", "supplied");
        Assert.Equal(4, supplied.ExitCode);
        // What the file held before the replay: as a crash would leave it before any answer was marked.
        var beforeReplay = await File.ReadAllBytesAsync(_queue);

        await _server.RestartAsync();
        var first = await _server.Run("queue", "replay", _queue, "--api-key", Pharmacy);
        await File.WriteAllBytesAsync(_queue, beforeReplay);
        var second = await _server.Run("queue", "replay", _queue, "--api-key", Pharmacy);
        var history = await _server.Run("history", "--scan", _scans[0], "--api-key", "demo-operator");

        Assert.Equal((0, 0), (first.ExitCode, second.ExitCode));
        // The second send is answered from the audit trail: the same system transaction id, no second decommissioning.
        Assert.Equal(Column(first.Output, 4), Column(second.Output, 4));
        Assert.Equal(["SUCCESS"], Column(second.Output, 3));
        Assert.Single(history.Output.Split('\n'), line => line.Contains("decommission:supplied"));
        Assert.DoesNotContain("ALREADY", history.Output);
    }

    [Fact]
    public async Task A_torn_last_line_is_ignored_and_the_next_operation_starts_a_line_of_its_own()
    {
        await _server.StopAsync();
        Assert.Equal(4, (await Pack("decommission", _scans[0], "--reason", "supplied")).ExitCode);
        // A crash in the middle of writing the next entry.
        await File.AppendAllTextAsync(_queue, """{"kind":"verify","request":{"clientTransactionId":"torn","pa""");
        var listedTorn = await _server.Run("queue", "list", _queue);
        Assert.Equal(4, (await Pack("verify", _scans[1])).ExitCode);

        await _server.RestartAsync();
        var replay = await _server.Run("queue", "replay", _queue, "--api-key", Pharmacy);

        Assert.Contains($"{_queue}:2: ignored, not a complete entry", listedTorn.Error);
        Assert.EndsWith("1 to send.", listedTorn.Output.Trim());
        Assert.Contains($"{_queue}:2: ignored", replay.Error);
        Assert.Equal(["decommission:supplied", "verify"], Column(replay.Output, 1));
        Assert.Equal(0, replay.ExitCode);
        Assert.Equal("", await File.ReadAllTextAsync(_queue));
    }

    [Fact]
    public async Task With_the_server_up_an_operation_is_answered_at_once_and_nothing_is_queued()
    {
        var verified = await Pack("verify", _scans[0]);

        Assert.Equal(0, verified.ExitCode);
        Assert.StartsWith("SUCCESS (NMVS_SUCCESS)", verified.Output);
        Assert.DoesNotContain("deferred", verified.Output);
        Assert.False(File.Exists(_queue));
    }

    [Fact]
    public async Task A_queued_operation_the_server_refuses_is_reported_once_and_not_sent_again()
    {
        await _server.StopAsync();
        Assert.Equal(4, (await Pack("verify", "not a pack")).ExitCode);

        await _server.RestartAsync();
        var replay = await _server.Run("queue", "replay", _queue, "--api-key", Pharmacy);
        var again = await _server.Run("queue", "replay", _queue, "--api-key", Pharmacy);

        Assert.Equal(1, replay.ExitCode);
        Assert.Contains("REFUSED INVALID_ARGUMENT", replay.Output);
        Assert.Contains("Nothing to send under this API key", again.Error);
    }

    [Fact]
    public async Task A_server_that_accepts_but_does_not_answer_in_time_counts_as_unreachable()
    {
        // Connections are taken by the kernel's backlog and never answered.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var address = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}";

        var queued = await CliRun.OfAsync("decommission", "--reason", "supplied", "--scan", _scans[0], "--api-key", Pharmacy,
            "--offline-queue", _queue, "--timeout", "1", "--server", address);

        Assert.Equal(4, queued.ExitCode);
        Assert.StartsWith("QUEUED (offline): server unreachable (DeadlineExceeded).", queued.Output);
    }

    [Fact]
    public async Task A_replay_the_server_does_not_accept_stops_and_keeps_the_queue()
    {
        await _server.StopAsync();
        Assert.Equal(4, (await _server.Run("verify", "--scan", _scans[0], "--api-key", "not-a-key", "--offline-queue", _queue)).ExitCode);

        await _server.RestartAsync();
        var wrongKey = await _server.Run("queue", "replay", _queue, "--api-key", "not-a-key");
        var listed = await _server.Run("queue", "list", _queue);

        Assert.Equal(3, wrongKey.ExitCode);
        Assert.Contains("Unauthenticated", wrongKey.Error);
        Assert.Contains("0 of 1 sent; 1 stay queued", wrongKey.Error);
        Assert.EndsWith("1 to send.", listed.Output.Trim());
    }

    [Fact]
    public async Task Operations_queued_under_one_key_are_not_replayed_under_another()
    {
        await _server.StopAsync();
        Assert.Equal(4, (await Pack("decommission", _scans[0], "--reason", "supplied")).ExitCode);

        await _server.RestartAsync();
        var munich = await _server.Run("queue", "replay", _queue, "--api-key", "demo-pharmacy-munich");
        var berlin = await _server.Run("queue", "replay", _queue, "--api-key", Pharmacy);

        Assert.Equal(1, munich.ExitCode);
        Assert.Contains("1 operation(s) were queued under another API key", munich.Error);
        Assert.Equal("", munich.Output);
        Assert.Equal(0, berlin.ExitCode);
        Assert.Equal(["SUCCESS"], Column(berlin.Output, 3));
    }

    [Fact]
    public void Every_queue_command_has_help()
    {
        foreach (var command in new[] { new[] { "queue" }, ["queue", "list"], ["queue", "replay"] })
        {
            var help = CliRun.Of([.. command, "--help"]);
            Assert.Equal(0, help.ExitCode);
            Assert.Contains("Usage:", help.Output);
        }
        Assert.Contains("--offline-queue", CliRun.Of("decommission", "--help").Output);
    }

    private Task<CliRun> Pack(string command, string scan, params string[] more) =>
        _server.Run([command, "--scan", scan, "--api-key", Pharmacy, "--offline-queue", _queue, "--timeout", "5", .. more]);

    /// <summary>The whitespace-separated column <paramref name="index"/> of each output line.</summary>
    private static string[] Column(string output, int index, bool skipLast = false)
    {
        var lines = output.Trim().Split('\n');
        return [.. lines.Take(skipLast ? lines.Length - 1 : lines.Length).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[index])];
    }

    private static string TransactionId(string queuedOutput) => Regex.Match(queuedOutput, @"client tx (\S+),").Groups[1].Value;

    [GeneratedRegex(@"HRI: (\(01\)\d{14}\(17\)301231\(10\)DEMO-A1\(21\)\S+)")]
    private static partial Regex ActiveScans();
}
